package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configurations the kernel refuses give its errno as a value, never an exception. */
class KernelErrnoTest {
    private static TrampolineConfig tracing(KernelProfile p, FuncModel m, int flags, TrampLinks links) {
        return new TrampolineConfig(p, CpuFeatures.DEFAULT, TrampolineKind.TRACING, m, flags, links, Addresses.NONE);
    }

    private static final TrampLinks ONE = new TrampLinks(List.of(BpfTrampLink.unlinked(0, false)), List.empty(), List.empty());
    private static final int FEXIT_FLAGS = TrampFlag.CALL_ORIG.mask() | TrampFlag.SKIP_FRAME.mask();

    private static Errno errno(TrampolineConfig c) {
        Either<KernelError, TrampolineImage> r = X86Gen.generate(c);
        assertTrue(r.isLeft(), () -> "expected a kernel error for " + c);
        return r.getLeft().errno();
    }

    @Test
    void moreThanTwelveArgumentSlotsIsEnotsupp() {
        FuncModel m = FuncModel.ofSizes(8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 16);
        assertEquals(Errno.ENOTSUPP, errno(tracing(KernelProfile.MAINLINE, m, FEXIT_FLAGS, ONE)));
        assertEquals(524, Errno.ENOTSUPP.number());
    }

    @Test
    void twelveSlotsAreAccepted() {
        FuncModel m = FuncModel.ofSizes(8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 16);
        assertTrue(X86Gen.generate(tracing(KernelProfile.MAINLINE, m, FEXIT_FLAGS, ONE)).isRight());
    }

    @Test
    void moreThanMaxBpfFuncArgsIsEinval() {
        FuncModel m = FuncModel.ofSizes(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertEquals(Errno.EINVAL, errno(tracing(KernelProfile.MAINLINE, m, TrampFlag.RESTORE_REGS.mask(), ONE)));
    }

    @Test
    void sixOneRefusesStackArguments() {
        FuncModel seven = FuncModel.ofSizes(8, 8, 8, 8, 8, 8, 8);
        assertEquals(Errno.ENOTSUPP, errno(tracing(KernelProfile.V6_1, seven, TrampFlag.RESTORE_REGS.mask(), ONE)));
        FuncModel structPushesPastSix = FuncModel.ofSizes(8, 8, 8, 8, 8, 16);
        assertEquals(Errno.ENOTSUPP, errno(tracing(KernelProfile.V6_1, structPushesPastSix, TrampFlag.RESTORE_REGS.mask(), ONE)));
        assertTrue(X86Gen.generate(tracing(KernelProfile.V6_18, seven, TrampFlag.RESTORE_REGS.mask(), ONE)).isRight());
        assertTrue(X86Gen.generate(tracing(KernelProfile.V6_12, seven, TrampFlag.RESTORE_REGS.mask(), ONE)).isRight());
        FuncModel sixSlots = FuncModel.ofSizes(8, 8, 8, 8, 16);
        assertTrue(X86Gen.generate(tracing(KernelProfile.V6_1, sixSlots, TrampFlag.RESTORE_REGS.mask(), ONE)).isRight());
    }

    @Test
    void unsupportedArgumentSizesAreEinval() {
        FuncModel three = new FuncModel(1, List.of(3), List.of(0), 8, 0);
        assertEquals(Errno.EINVAL, errno(tracing(KernelProfile.MAINLINE, three, TrampFlag.RESTORE_REGS.mask(), ONE)));
        FuncModel bigStruct = new FuncModel(1, List.of(24), List.of(FuncModel.BTF_FMODEL_STRUCT_ARG), 8, 0);
        assertEquals(Errno.EINVAL, errno(tracing(KernelProfile.MAINLINE, bigStruct, TrampFlag.RESTORE_REGS.mask(), ONE)));
        FuncModel threeByteStruct = new FuncModel(1, List.of(3), List.of(FuncModel.BTF_FMODEL_STRUCT_ARG), 8, 0);
        assertTrue(X86Gen.generate(tracing(KernelProfile.MAINLINE, threeByteStruct, TrampFlag.RESTORE_REGS.mask(), ONE)).isRight());
    }

    @Test
    void tooManyProgramsIsE2big() {
        TrampLinks many = new TrampLinks(List.fill(39, BpfTrampLink.unlinked(0, false)), List.empty(), List.empty());
        assertEquals(Errno.E2BIG, errno(tracing(KernelProfile.MAINLINE, FuncModel.ofSizes(8), TrampFlag.RESTORE_REGS.mask(), many)));
    }

    @Test
    void thirtyEightProgramsWithStackArgumentsStillFitThePage() {
        TrampLinks many = new TrampLinks(List.fill(13, BpfTrampLink.unlinked(-1L, true)),
                List.fill(12, BpfTrampLink.unlinked(0x1122334455667788L, false)),
                List.fill(13, BpfTrampLink.unlinked(5, false)));
        FuncModel m = FuncModel.ofSizes(8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8);
        int flags = FEXIT_FLAGS | TrampFlag.IP_ARG.mask();
        Either<KernelError, TrampolineImage> img = X86Gen.generate(tracing(KernelProfile.MAINLINE, m, flags, many));
        assertTrue(img.isRight(), () -> img.getLeft().toString());
        assertTrue(img.get().size() <= TrampolineGenerator.PAGE_SIZE - TrampolineGenerator.BPF_INSN_SAFETY);
    }

    @Test
    void flagsUnknownToTheKernelLineAreEinval() {
        int indirect = TrampFlag.INDIRECT.mask() | TrampFlag.RET_FENTRY_RET.mask();
        assertEquals(Errno.EINVAL, errno(tracing(KernelProfile.V6_1, FuncModel.ofSizes(8), indirect, ONE)));
        assertTrue(X86Gen.generate(tracing(KernelProfile.V6_12, FuncModel.ofSizes(8), indirect, ONE)).isRight());
        assertEquals(Errno.EINVAL, errno(tracing(KernelProfile.MAINLINE, FuncModel.ofSizes(8), 1 << 12, ONE)));
    }

    /** 6.1.192 has BPF_TRAMP_F_TAIL_CALL_CTX (include/linux/bpf.h:872) and no RESTORE_REGS+SKIP_FRAME check. */
    @Test
    void sixOneTakesTailCallContextAndRestoreRegsWithSkipFrame() {
        int tailCall = TrampFlag.RESTORE_REGS.mask() | TrampFlag.TAIL_CALL_CTX.mask();
        assertTrue(X86Gen.generate(tracing(KernelProfile.V6_1, FuncModel.ofSizes(8), tailCall, ONE)).isRight());
        int flags = TrampFlag.RESTORE_REGS.mask() | TrampFlag.SKIP_FRAME.mask();
        assertTrue(X86Gen.generate(tracing(KernelProfile.V6_1, FuncModel.ofSizes(8), flags, ONE)).isRight());
    }

    @Test
    void indirectWithCallOrigIsRefused() {
        int flags = TrampFlag.INDIRECT.mask() | TrampFlag.CALL_ORIG.mask();
        assertEquals(Errno.EINVAL, errno(tracing(KernelProfile.MAINLINE, FuncModel.ofSizes(8), flags, ONE)));
    }

    @Test
    void unreachableCallTargetIsEinval() {
        Addresses far = new Addresses(io.vavr.control.Option.some(0x0000100000000000L), io.vavr.control.Option.none(),
                io.vavr.control.Option.none(), io.vavr.collection.HashMap.empty());
        TrampolineConfig c = tracing(KernelProfile.MAINLINE, FuncModel.ofSizes(8), TrampFlag.RESTORE_REGS.mask(), ONE)
                .withAddresses(far, ONE);
        assertEquals(Errno.EINVAL, errno(c));
    }
}
