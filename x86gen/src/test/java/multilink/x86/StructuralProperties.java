package multilink.x86;

import io.vavr.collection.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Structural facts and determinism over generated configurations (no external tools, so many tries). */
class StructuralProperties {
    @Provide
    Arbitrary<TrampolineConfig> configs() {
        return ConfigGen.configs();
    }

    @Property(tries = 1500)
    void structuralFactsHold(@ForAll("configs") TrampolineConfig c) {
        TrampolineImage img = X86Gen.generate(c).getOrElseThrow(e -> new AssertionError(e + " for " + c));
        collectStatistics(c, img);
        List<String> violations = StructuralFacts.check(img);
        assertTrue(violations.isEmpty(), () -> violations.mkString("\n") + "\n" + img.listing());
    }

    @Property(tries = 300)
    void sameInputSameBytes(@ForAll("configs") TrampolineConfig c) {
        TrampolineImage a = X86Gen.generate(c).get();
        TrampolineImage b = X86Gen.generate(c).get();
        assertArrayEquals(a.bytes(), b.bytes());
        assertEquals(a.listing(), b.listing());
    }

    /** Every rel32 relocation field decodes to its target from the address after the instruction. */
    @Property(tries = 300)
    void relocationsMatchTheBytes(@ForAll("configs") TrampolineConfig c) {
        TrampolineImage img = X86Gen.generate(c).get();
        byte[] bytes = img.bytes();
        for (Relocation r : img.relocations()) {
            long field = 0;
            for (int k = r.width() - 1; k >= 0; k--) {
                field = (field << 8) | (bytes[r.offset() + k] & 0xff);
            }
            if (r.kind() == Relocation.Kind.PROG_POINTER || r.kind() == Relocation.Kind.IM_POINTER
                    || r.kind() == Relocation.Kind.FUNC_ADDR) {
                long v = r.width() == 4 ? (long) (int) field : field;
                assertEquals(r.target(), v, r::toString);
            } else {
                long rel = r.width() == 1 ? (byte) field : (int) field;
                long next = img.imageAddress() + r.offset() + r.width();
                assertEquals(r.target(), next + rel, r::toString);
            }
        }
    }

    private static void collectStatistics(TrampolineConfig c, TrampolineImage img) {
        boolean stackArgs = img.layout().nrRegs() > 6;
        boolean structArg = c.model().argFlags().exists(f -> f != 0);
        Statistics.label("profile").collect(c.profile().label());
        Statistics.label("kind").collect(c.kind());
        Statistics.label("stack args").collect(stackArgs);
        Statistics.label("struct arg").collect(structArg);
        Statistics.label("fmod_ret").collect(!c.links().fmodRet().isEmpty());
        Statistics.label("flags").collect(c.flagSet().toString());
        Statistics.label("profile").coverage(cov -> cov.check("6.1").percentage(p -> p > 15));
        Statistics.label("profile").coverage(cov -> cov.check("6.12").percentage(p -> p > 15));
        Statistics.label("stack args").coverage(cov -> cov.check(true).percentage(p -> p > 5));
        Statistics.label("struct arg").coverage(cov -> cov.check(true).percentage(p -> p > 10));
        Statistics.label("fmod_ret").coverage(cov -> cov.check(true).percentage(p -> p > 20));
        Statistics.label("kind").coverage(cov -> cov.check(TrampolineKind.STRUCT_OPS).percentage(p -> p > 5));
    }
}
