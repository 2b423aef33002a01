package multilink.live;

import io.vavr.collection.List;
import multilink.x86.TrampFlag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sampled configurations made concrete for a guest, the same for the same seed. */
class LiveSamplerTest {
    /** Every model up to three 8-byte or 4-byte arguments, as both a plain function and a security hook. */
    static TargetCatalogue catalogue() {
        List<String> funcs = List.empty();
        List<String> names = List.empty();
        int n = 0;
        for (String ret : List.of("v:0", "u:1", "i:4", "p:8")) {
            for (List<String> args : List.of(List.<String>empty(), List.of("p:8"), List.of("i:4"),
                    List.of("p:8", "p:8"), List.of("p:8", "p:8", "p:8"))) {
                for (String prefix : List.of("f", "security_f")) {
                    String name = prefix + n++;
                    funcs = funcs.append(name + " " + ret + (args.isEmpty() ? "" : " " + args.mkString(" ")));
                    names = names.append(name);
                }
            }
        }
        return TargetCatalogue.of(funcs, names);
    }

    @Test
    void sameSeedSameConfigurationsAllRealisable() {
        KernelLine line = KernelLine.byName("6.1").get();
        LiveSampler.Sample a = LiveSampler.sample(line, catalogue(), 5, 30);
        LiveSampler.Sample b = LiveSampler.sample(line, catalogue(), 5, 30);
        // 30 drawn, then the fixed probes: here only the fmod_ret-outside-the-allowlist one (the catalogue has
        // no function of more than six slots, with a struct argument or returning a struct)
        assertEquals(31, a.configs().size());
        assertEquals(a.configs(), b.configs());
        LiveConfig probe = a.configs().last();
        assertEquals("bpf_fentry_test2", probe.target());
        assertEquals(22, probe.probe().get().errno());
        assertEquals(-1, probe.drawn());
        for (LiveConfig c : a.configs().init()) {
            assertEquals(line.profile(), c.config().profile());
            assertFalse(c.config().has(TrampFlag.TAIL_CALL_CTX));
            assertTrue(c.config().links().inEmissionOrder().forAll(l -> !l.sleepable()));
            assertFalse(c.config().cpu().ibt());
            if (!c.config().links().fmodRet().isEmpty()) {
                assertTrue(c.target().startsWith("security_"), c.target());
            }
        }
        assertTrue(a.drawn() > 30);
        assertEquals(a.drawn() - 30, a.skipped().values().sum().intValue());
    }

    @Test
    void attachOrderReversesEachKindAndMarksIpArg() {
        LiveConfig c = LiveSampler.sample(KernelLine.byName("6.12").get(), catalogue(), 11, 60).configs()
                .find(x -> x.config().links().fentry().size() >= 2 && x.config().has(TrampFlag.IP_ARG)).get();
        var order = c.attachOrder();
        var fentry = order.filter(a -> a.kind().equals("fentry"));
        assertEquals(c.config().links().fentry().map(l -> l.cookie()).reverse(), fentry.map(a -> a.cookie()));
        assertTrue(order.head().ipArg());
        assertEquals(1, order.count(LiveConfig.Attach::ipArg));
        assertTrue(c.job().startsWith("x86 " + c.index() + " " + c.target() + " " + order.size() + "\n"));
    }
}
