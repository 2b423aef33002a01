package multilink.x86;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flag sets bpf_trampoline_update() and bpf_struct_ops_prepare_trampoline() pass, and the flag syntax. */
class KernelFlagsTest {
    private static final BpfTrampLink P = BpfTrampLink.unlinked(0, false);
    private static final TrampLinks FENTRY = new TrampLinks(List.of(P), List.empty(), List.empty());
    private static final TrampLinks FEXIT = new TrampLinks(List.of(P), List.of(P), List.empty());
    private static final TrampLinks FMOD_RET = new TrampLinks(List.empty(), List.empty(), List.of(P));

    private static int mask(TrampFlag... f) {
        return TrampFlag.maskOf(java.util.Set.of(f));
    }

    @Test
    void fentryAloneRestoresRegisters() {
        assertEquals(mask(TrampFlag.RESTORE_REGS),
                KernelFlags.derive(KernelProfile.MAINLINE, TrampolineKind.TRACING, FuncModel.ofSizes(8), FENTRY));
    }

    @Test
    void fexitOrFmodRetCallsTheOriginalAndSkipsItsFrame() {
        for (TrampLinks l : List.of(FEXIT, FMOD_RET)) {
            assertEquals(mask(TrampFlag.CALL_ORIG, TrampFlag.SKIP_FRAME),
                    KernelFlags.derive(KernelProfile.V6_1, TrampolineKind.TRACING, FuncModel.ofSizes(8), l));
        }
    }

    @Test
    void onlyMainlineHasTheJmpEntry() {
        TracingAttach jmp = new TracingAttach(false, true, false, false, false);
        assertEquals(mask(TrampFlag.CALL_ORIG), KernelFlags.tracing(KernelProfile.MAINLINE, FEXIT, jmp));
        for (KernelProfile p : List.of(KernelProfile.V6_18, KernelProfile.V6_12, KernelProfile.V6_1)) {
            assertEquals(mask(TrampFlag.CALL_ORIG, TrampFlag.SKIP_FRAME), KernelFlags.tracing(p, FEXIT, jmp));
        }
    }

    /** 6.1.192 sets TAIL_CALL_CTX too (kernel/bpf/verifier.c:15495-15496); a kernel function target never. */
    @Test
    void tailCallContextOnlyForBpfTargets() {
        TracingAttach tail = new TracingAttach(true, false, false, false, true);
        for (KernelProfile p : KernelProfile.values()) {
            assertEquals(mask(TrampFlag.RESTORE_REGS, TrampFlag.TAIL_CALL_CTX), KernelFlags.tracing(p, FENTRY, tail));
        }
        TracingAttach kernelFunction = new TracingAttach(false, false, false, false, true);
        assertEquals(mask(TrampFlag.RESTORE_REGS), KernelFlags.tracing(KernelProfile.V6_1, FENTRY, kernelFunction));
    }

    @Test
    void structOpsIsIndirectAfter61AndReturnsTheFentryValue() {
        FuncModel returns = FuncModel.ofSizes(8);
        FuncModel voidMember = returns.withRet(0, 0);
        assertEquals(mask(TrampFlag.INDIRECT, TrampFlag.RET_FENTRY_RET),
                KernelFlags.derive(KernelProfile.MAINLINE, TrampolineKind.STRUCT_OPS, returns, FENTRY));
        assertEquals(mask(TrampFlag.INDIRECT), KernelFlags.structOps(KernelProfile.V6_18, voidMember));
        assertEquals(mask(TrampFlag.INDIRECT), KernelFlags.structOps(KernelProfile.V6_12, voidMember));
        assertEquals(mask(TrampFlag.RET_FENTRY_RET), KernelFlags.structOps(KernelProfile.V6_1, returns));
    }

    @Test
    void flagListsTakeNamesAndMasks() {
        assertEquals(0x9, (int) TrampFlag.parse("RESTORE_REGS,bpf_tramp_f_ip_arg").get());
        assertEquals(0x106, (int) TrampFlag.parse("0x6, INDIRECT").get());
        assertEquals(0x400, (int) TrampFlag.parse("1024").get(), "unknown bits pass through to the validator");
        assertTrue(TrampFlag.parse("RESTORE_REG").getLeft().startsWith("unknown flag \"RESTORE_REG\" (known: "));
        assertTrue(TrampFlag.parse("IP_ARG,").isLeft());
        assertTrue(TrampFlag.parse("0xzz").getLeft().contains("0xzz"));
    }
}
