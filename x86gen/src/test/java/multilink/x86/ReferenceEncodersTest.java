package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceEncodersTest {
    private static final ReferenceEncoders.Toolchain OK = ReferenceEncoders.Toolchain.DEFAULT;

    @Test
    void aMissingToolIsOneLineNamingIt() {
        TrampolineImage img = X86Gen.generate(Golden.fentryOneArg()).get();
        Either<String, CheckReport> noMc = ReferenceEncoders.checkAll(List.of(img),
                new ReferenceEncoders.Toolchain(OK.as(), "llvm-mc-absent", OK.objdump(), OK.objcopy(), OK.nm()));
        assertTrue(noMc.isLeft());
        assertTrue(noMc.getLeft().startsWith("llvm-mc (llvm-mc-absent) not found on PATH"), noMc.getLeft());
        assertFalse(noMc.getLeft().contains("\n"));
        Either<String, CheckReport> noAs = ReferenceEncoders.checkAll(List.of(img),
                new ReferenceEncoders.Toolchain("/nonexistent/as", OK.llvmMc(), OK.objdump(), OK.objcopy(), OK.nm()));
        assertTrue(noAs.getLeft().startsWith("GNU as (/nonexistent/as) not found"), noAs.getLeft());
    }

    @Test
    void countsEveryInstructionPerTool() {
        List<TrampolineImage> imgs = List.of(Golden.fentryOneArg(), Golden.cookies()).map(c -> X86Gen.generate(c).get());
        CheckReport r = ReferenceEncoders.checkAll(imgs).get();
        int n = imgs.map(i -> i.insns().size()).sum().intValue();
        assertEquals(2, r.images());
        assertEquals(n, r.gasChecked());
        assertEquals(n, r.llvmChecked());
        assertEquals(n, r.decodedChecked());
        assertTrue(r.ok(), r::toString);
    }

    /** nop10/nop11 carry 66 before 2E; assemblers put 2E first. The check accepts that reordering only. */
    @Test
    void longNopsAreComparedWithPrefixesAsASet() {
        List<TrampolineImage> padded = List.rangeClosed(1, 12).flatMap(n -> List.of(0, TrampFlag.IP_ARG.mask()).map(ip ->
                X86Gen.generate(Golden.config(KernelProfile.MAINLINE, Golden.PLAIN, TrampolineKind.TRACING,
                        FuncModel.ofSizes(List.fill(n, 8).toJavaStream().mapToInt(Integer::intValue).toArray()),
                        Golden.flags(TrampFlag.CALL_ORIG, TrampFlag.SKIP_FRAME) | ip,
                        new TrampLinks(List.empty(), List.empty(), List.of(Golden.prog(0, 0))))).get()))
                .filter(img -> img.insns().exists(Insn::prefixOrderFree));
        assertFalse(padded.isEmpty(), "some argument count needs a 10- or 11-byte NOP before do_fexit");
        CheckReport r = ReferenceEncoders.checkAll(padded).get();
        assertTrue(r.ok(), r::toString);
    }
}
