package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDT-probe configurations {@link ConfigSampler} draws (seed 004), in batches against GNU as, llvm-mc and
 * objdump, the instruction-sequence and frame facts, and the register each argument is saved from as objdump
 * decodes it. 4 tries x 120 = 480 images.
 */
class SdtProbeProperties {
    static final int BATCH = 120;

    /** The sampler's own SDT configurations: draws until one has the flag (about 1 in 37 on any line). */
    static Arbitrary<TrampolineConfig> sdtConfigs() {
        return Arbitraries.randomValue(rnd -> {
            TrampolineConfig c = ConfigSampler.sample(rnd);
            while (!c.has(TrampFlag.SDT_PROBE)) {
                c = ConfigSampler.sample(rnd);
            }
            return c;
        });
    }

    @Provide
    Arbitrary<java.util.List<TrampolineConfig>> batches() {
        return sdtConfigs().list().ofSize(BATCH);
    }

    @Property(tries = 4, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void sdtImagesAgreeWithTheReferenceEncodersAndSaveFromArgRegs(
            @ForAll("batches") java.util.List<TrampolineConfig> batch) {
        List<TrampolineImage> images = List.ofAll(batch).map(c -> {
            Either<KernelError, TrampolineImage> img = X86Gen.generate(c);
            assertTrue(img.isRight(), () -> "sampled SDT configuration refused: " + img.getLeft() + "\n"
                    + ConfigJson.write(c));
            Statistics.label("nr_args").collect(c.model().nrArgs());
            Statistics.label("flags").collect(c.flagSet().toString());
            assertTrue(StructuralFacts.violations(img.get()).isEmpty(),
                    () -> StructuralFacts.check(img.get()).mkString("\n") + "\n" + ConfigJson.write(c));
            argumentsComeFromArgRegs(img.get());
            return img.get();
        });
        ReferenceAgreement.assertAllAgree(images);
    }

    /**
     * Slot k (rbp - regs_off + 8k) is first written from the register of BPF register arg_regs[k], named here from
     * the kernel's table (6.12 bpf_jit_comp.c:180-196) and compared with the instruction text objdump's decoding
     * must equal; under RESTORE_REGS the same register is loaded back from it.
     */
    private static void argumentsComeFromArgRegs(TrampolineImage img) {
        String[] x86 = {"rax", "rdi", "rsi", "rdx", "rcx", "r8", "rbx", "r13", "r14", "r15"};
        FuncModel m = img.config().model();
        for (int k = 0; k < m.nrArgs(); k++) {
            String slot = "[rbp-0x" + Integer.toHexString(img.layout().regsOff() - 8 * k) + "]";
            String reg = x86[m.argRegs().get(k)];
            String store = img.insns().map(Insn::text).find(t -> t.startsWith("mov qword ptr " + slot + ","))
                    .getOrElse("none");
            assertEquals("mov qword ptr " + slot + "," + reg, store, img.listing());
            assertTrue(img.insns().exists(i -> i.text().equals("mov " + reg + ",qword ptr " + slot)), img.listing());
        }
    }
}
