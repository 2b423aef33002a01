package multilink.x86;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seeded sampler behind check's x86 phase and the jqwik generator: replayable, and it reaches every corner. */
class ConfigSamplerTest {
    static final long SEED = 20240611;
    static final int MANY = 3000;

    private static List<TrampolineConfig> sample(long seed, int n) {
        Random rnd = new Random(seed);
        return List.fill(n, () -> ConfigSampler.sample(rnd));
    }

    @Test
    void theSameSeedGivesTheSameConfigurations() {
        assertEquals(sample(SEED, 300), sample(SEED, 300), "seed " + SEED);
    }

    @Test
    void differentSeedsGiveDifferentConfigurations() {
        List<TrampolineConfig> a = sample(SEED, 300);
        List<TrampolineConfig> b = sample(SEED + 1, 300);
        assertNotEquals(a, b);
        assertTrue(a.zip(b).count(p -> !p._1.equals(p._2)) > 250, "almost every position differs");
    }

    @Test
    void everySampleIsAConfigurationTheKernelBuilds() {
        for (TrampolineConfig c : sample(SEED, MANY)) {
            assertTrue(X86Gen.generate(c).isRight(), () -> "seed " + SEED + ": " + X86Gen.generate(c).getLeft() + " for " + c);
        }
    }

    @Test
    void manySamplesReachEveryCorner() {
        List<TrampolineConfig> all = sample(SEED, MANY);
        for (KernelProfile p : KernelProfile.values()) {
            reaches(all, "profile " + p.label(), c -> c.profile() == p, 0.2);
        }
        reaches(all, "struct_ops", c -> c.kind() == TrampolineKind.STRUCT_OPS, 0.08);
        reaches(all, "tracing", c -> c.kind() == TrampolineKind.TRACING, 0.75);
        reaches(all, "stack arguments", c -> FrameLayout.nrRegs(c) > 6, 0.05);
        reaches(all, "12 argument slots", c -> FrameLayout.nrRegs(c) == 12, 0.005);
        reaches(all, "no arguments", c -> c.model().nrArgs() == 0, 0.02);
        reaches(all, "struct argument", c -> c.model().argFlags().contains(FuncModel.BTF_FMODEL_STRUCT_ARG), 0.10);
        reaches(all, "fmod_ret", c -> !c.links().fmodRet().isEmpty(), 0.20);
        reaches(all, "3 fexit", c -> c.links().fexit().size() == 3, 0.05);
        reaches(all, "sleepable", c -> c.links().inEmissionOrder().exists(BpfTrampLink::sleepable), 0.10);
        reaches(all, "movabs cookie", c -> c.links().inEmissionOrder().exists(l -> l.cookie() >>> 32 != 0
                && l.cookie() >> 31 != -1), 0.05);
        reaches(all, "negative imm32 cookie", c -> c.links().inEmissionOrder().exists(l -> l.cookie() < 0
                && l.cookie() >= Integer.MIN_VALUE), 0.05);
        reaches(all, "return thunk", c -> c.cpu().returnThunk(), 0.3);
        for (TrampFlag f : TrampFlag.values()) {
            reaches(all, f.kernelName(), c -> c.has(f), 0.01);
        }
        reaches(all, "jmp entry (CALL_ORIG without SKIP_FRAME)",
                c -> c.has(TrampFlag.CALL_ORIG) && !c.has(TrampFlag.SKIP_FRAME), 0.02);
    }

    private static void reaches(List<TrampolineConfig> all, String what, Predicate<TrampolineConfig> p, double atLeast) {
        double share = all.count(p) / (double) all.size();
        assertTrue(share >= atLeast, String.format("seed %d: %s in %.3f of %d samples, expected at least %.3f",
                SEED, what, share, all.size(), atLeast));
    }

    @Test
    void writtenJsonReadsBackToTheSameConfiguration() {
        for (TrampolineConfig c : sample(SEED, 500).append(Golden.fentryOneArg()).append(Golden.cookies())) {
            String json = ConfigJson.write(c);
            assertEquals(c, ConfigJson.parse(json).getOrElseThrow((String s) -> new AssertionError(s + "\n" + json)),
                    json);
        }
    }
}
