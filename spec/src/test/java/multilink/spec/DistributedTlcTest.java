package multilink.spec;

import io.vavr.control.Either;
import multilink.model.design.Designs;
import multilink.spec.tlc.DistributedTlc;
import multilink.spec.tlc.TlcResult;
import multilink.spec.tlc.ToolOutput;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLC's distributed mode (a TLC server and two worker JVMs on this machine)
 * explores the same graph as one TLC process: the same distinct states and
 * the same verdict, clean and with a planted bug.
 */
class DistributedTlcTest {
    static final RunConfig SMALL = RunConfig.DEFAULT.withLimits(1, 1);

    @Test
    void twoWorkerProcessesFindWhatOneProcessFinds() {
        // with its fixes on, as the default runs are (plain classic has H9 at these bounds: below)
        var classic = Designs.byName("classic+fixes").get();
        Either<String, TlcResult> one = Tlc.check(classic, SMALL, 1, p -> { });
        Either<String, TlcResult> two = Tlc.checkDistributed(classic, SMALL, new DistributedTlc.Workers(2, 1),
                (f, t) -> t, p -> { });
        assertTrue(one.isRight(), () -> one.getLeft());
        assertTrue(two.isRight(), () -> two.getLeft());
        assertTrue(one.get().passed() && two.get().passed(), () -> one.get() + " / " + two.get());
        assertTrue(one.get().distinct() > 50, "a graph worth spreading: " + one.get());
        assertEquals(one.get().distinct(), two.get().distinct());
    }

    /**
     * Both find the planted bug. The distributed server names no invariant
     * and prints only the violating transition (its first state labelled as
     * initial), so the verdict is what is compared, and that transition is
     * one the single run's graph has: a step of the planted design.
     */
    @Test
    void aPlantedBugIsAViolationInBoth() {
        LeakyBtfDongV1 d = new LeakyBtfDongV1();
        var one = Tlc.check(d, SMALL, 1, LeakyBtfDongV1::patchSpec, p -> { });
        var two = Tlc.checkDistributed(d, SMALL, new DistributedTlc.Workers(2, 1), LeakyBtfDongV1::patchSpec,
                p -> { });
        assertTrue(one.isRight(), () -> one.getLeft());
        assertTrue(two.isRight(), () -> two.getLeft());
        assertEquals("REF_BTF", one.get().violation().get().name());
        var v = two.get().violation();
        assertTrue(v.isDefined(), "the distributed run found nothing: " + two.get());
        assertEquals(ToolOutput.UNNAMED, v.get().kind());
        assertEquals(2, v.get().trace().size(), "the violating transition");
        assertTrue(Tlc.steps(v.get().trace()).isRight(), "its step reads as a model step");
    }

    /**
     * Plain classic has H9 at 1 prog and 1 link (a fault in close_link's
     * ftrace update leaves a direct call to a freed image). The distributed
     * run once reported it clean after 100 states: it checked the config's
     * own switches (every fix on), not the design's. One process names the
     * invariant; the server must find a violation too.
     */
    @Test
    void theDistributedRunFindsH9OnPlainClassic() {
        var classic = Designs.byName("classic").get();
        var one = Tlc.check(classic, SMALL, 1, p -> { });
        var two = Tlc.checkDistributed(classic, SMALL, new DistributedTlc.Workers(2, 1), (f, t) -> t, p -> { });
        assertTrue(one.isRight(), () -> one.getLeft());
        assertTrue(two.isRight(), () -> two.getLeft());
        String name = one.get().violation().get().name();
        assertTrue(multilink.model.design.Classic.H9.symptoms().exists(x -> x.invariant().equals(name)),
                name + " is no symptom of H9");
        assertTrue(two.get().violation().isDefined(), "the distributed run found nothing: " + two.get());
        assertTrue(Tlc.steps(two.get().violation().get().trace()).isRight(), "its step reads as a model step");
    }
}
