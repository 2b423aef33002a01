package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole input space against the reference encoders: every try is a batch of generated configurations, assembled
 * by GNU as and llvm-mc in one run each and disassembled by objdump in one run. 12 tries x 180 = 2160 images.
 */
class GeneratorProperties {
    static final int BATCH = 180;

    @Provide
    Arbitrary<java.util.List<TrampolineConfig>> batches() {
        return ConfigGen.configs().list().ofSize(BATCH);
    }

    @Property(tries = 12, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyInstructionAgreesWithGasLlvmMcAndObjdump(@ForAll("batches") java.util.List<TrampolineConfig> batch) {
        List<TrampolineImage> images = List.ofAll(batch).map(c -> {
            Either<KernelError, TrampolineImage> img = X86Gen.generate(c);
            assertTrue(img.isRight(), () -> "kernel-producible configuration rejected: " + img.getLeft() + " for " + c);
            Statistics.label("profile").collect(c.profile().label());
            Statistics.label("kind").collect(c.kind());
            Statistics.label("flags").collect(c.flagSet().toString());
            return img.get();
        });
        Either<String, CheckReport> report = ReferenceEncoders.checkAll(images);
        assertTrue(report.isRight(), () -> "reference encoders unavailable: " + report.getLeft());
        CheckReport r = report.get();
        assertTrue(r.ok(), r::toString);
        int insns = images.map(i -> i.insns().size()).sum().intValue();
        assertEquals(insns, r.gasChecked());
        assertEquals(insns, r.llvmChecked());
        assertEquals(insns, r.decodedChecked());
    }
}
