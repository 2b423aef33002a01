package multilink.x86;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the kernel lines relate, as README.md ("Kernel profiles") states it: 6.12 and 6.18 emit the same bytes for
 * every configuration the model expresses (they differ only in counting the extra slots of 16-byte integer
 * arguments); 6.12 is mainline without the jmp entry and without the INDIRECT rbp+16 fix; each profile's source is
 * named in README.md.
 */
class KernelProfileTest {
    private static final int CONFIGS = 2_000;

    private static TrampolineConfig as(KernelProfile p, TrampolineConfig c) {
        return new TrampolineConfig(p, c.cpu(), c.kind(), c.model(), c.flags(), c.links(), c.addresses());
    }

    private static String hex(TrampolineConfig c) {
        return X86Gen.generate(c).map(TrampolineImage::hex).getOrElseGet(KernelError::toString);
    }

    /**
     * Configurations every line from 6.12 on builds: the sampler's, whatever line it drew, relabelled. SDT probes
     * (seed 004) are mainline's only, so they are left out.
     */
    private static List<TrampolineConfig> samples(long seed) {
        Random rnd = new Random(seed);
        return List.fill(CONFIGS, () -> ConfigSampler.sampleWithoutSdtProbes(rnd));
    }

    @Test
    void sixTwelveAndSixEighteenEmitTheSameBytes() {
        for (TrampolineConfig c : samples(12)) {
            assertEquals(hex(as(KernelProfile.V6_18, c)), hex(as(KernelProfile.V6_12, c)), () -> ConfigJson.write(c));
        }
    }

    @Test
    void sixTwelveIsMainlineWithoutTheJmpEntryAndTheIndirectFix() {
        int same = 0;
        int differ = 0;
        for (TrampolineConfig c : samples(13)) {
            TrampolineConfig mainline = as(KernelProfile.MAINLINE, c);
            boolean stackArgs = FrameLayout.nrRegs(mainline) > 6;
            // the jmp entry changes the original call's target (adjusted under CALL_ORIG, not SKIP_FRAME), and with
            // stack arguments their offset and the padding; ORIG_STACK calls through [rbp+8] either way
            boolean jmpEntry = c.has(TrampFlag.CALL_ORIG) && !c.has(TrampFlag.SKIP_FRAME)
                    && (!c.has(TrampFlag.ORIG_STACK) || stackArgs);
            boolean indirectStackArgs = c.has(TrampFlag.INDIRECT) && stackArgs;
            if (jmpEntry || indirectStackArgs) {
                assertNotEquals(hex(mainline), hex(as(KernelProfile.V6_12, c)), () -> ConfigJson.write(c));
                differ++;
            } else {
                assertEquals(hex(mainline), hex(as(KernelProfile.V6_12, c)), () -> ConfigJson.write(c));
                same++;
            }
        }
        int sameFinal = same;
        int differFinal = differ;
        assertTrue(same > CONFIGS / 2 && differ > 20, () -> sameFinal + " equal, " + differFinal + " different");
    }

    @Test
    void labelsListEveryProfile() {
        assertEquals("mainline, 6.18, 6.12 or 6.1", KernelProfile.labels());
        for (KernelProfile p : KernelProfile.values()) {
            assertEquals(p, KernelProfile.byLabel(p.label()).get());
        }
    }

    @Test
    void readmeNamesEachProfilesSource() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (KernelProfile p : KernelProfile.values()) {
            assertTrue(readme.contains(p.source()), () -> "README.md does not name " + p.label() + "'s source \""
                    + p.source() + "\"");
        }
    }
}
