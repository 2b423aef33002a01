package multilink.x86;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bugs planted through the package-private {@link Mutation} seam must be caught: encoding bugs by the reference
 * encoders, the layout bug by the structural facts (both encoders agree with a wrongly laid-out image).
 */
class PlantedBugTests {
    private static TrampolineImage generate(TrampolineConfig c, Mutation m) {
        return TrampolineGenerator.generate(c, m).getOrElseThrow(e -> new AssertionError(e.toString()));
    }

    private static CheckReport reference(TrampolineImage img) {
        return ReferenceEncoders.checkAll(List.of(img)).getOrElseThrow((String s) -> new AssertionError(s));
    }

    @Test
    void wrongRexBitForR8ToR15IsCaughtByTheEncoders() {
        TrampolineConfig c = Golden.fentryFexitSixArgs();
        assertTrue(reference(generate(c, Mutation.NONE)).ok());
        CheckReport bad = reference(generate(c, Mutation.WRONG_REX_BIT_FOR_EXTENDED_REG));
        assertFalse(bad.ok());
        assertTrue(bad.mismatches().exists(s -> s.contains("GNU as") && s.contains("r9")), bad::toString);
        assertTrue(bad.mismatches().exists(s -> s.contains("llvm-mc") && s.contains("r8")), bad::toString);
        assertTrue(bad.mismatches().exists(s -> s.contains("objdump")), bad::toString);
    }

    /** Twelve arguments and IP_ARG push the run context below rbp-0x80, where disp32 is required. */
    @Test
    void disp8WhereDisp32IsNeededIsCaughtByTheEncoders() {
        TrampolineConfig c = Golden.config(KernelProfile.MAINLINE, Golden.PLAIN, TrampolineKind.TRACING,
                FuncModel.ofSizes(8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8), Golden.flags(TrampFlag.CALL_ORIG,
                        TrampFlag.SKIP_FRAME, TrampFlag.IP_ARG),
                new TrampLinks(List.of(Golden.prog(0, 7)), List.of(Golden.prog(1, 0)), List.empty()));
        assertTrue(reference(generate(c, Mutation.NONE)).ok());
        CheckReport bad = reference(generate(c, Mutation.DISP8_WHERE_DISP32_NEEDED));
        assertFalse(bad.ok());
        assertTrue(bad.mismatches().exists(s -> s.contains("GNU as")), bad::toString);
        assertTrue(bad.mismatches().exists(s -> s.contains("llvm-mc")), bad::toString);
    }

    @Test
    void wrongStackOffsetForArgument7IsCaughtByTheStructuralFacts() {
        TrampolineConfig c = Golden.eightArgs();
        assertTrue(StructuralFacts.check(generate(c, Mutation.NONE)).isEmpty());
        TrampolineImage bad = generate(c, Mutation.WRONG_STACK_OFFSET_FOR_ARG7);
        // The encoding is self-consistent, so only the layout check can see this bug.
        assertTrue(reference(bad).ok());
        List<String> violations = StructuralFacts.check(bad);
        assertTrue(violations.exists(v -> v.contains("argument 6") && v.contains("[rbp+0x18]")), violations::mkString);
    }
}
