package multilink.x86;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;

/** The hand-checked configurations of GoldenListingTest, linked at realistic addresses. */
final class Golden {
    static final long IMAGE = 0xffffffffc0203000L;
    static final long IM = 0xffff888006064400L;
    static final long FUNC = 0xffffffff81856b60L;
    static final Map<KernelSymbol, Long> SYMBOLS = HashMap.of(
            KernelSymbol.BPF_PROG_ENTER_RECUR, 0xffffffff8123eef0L,
            KernelSymbol.BPF_PROG_EXIT_RECUR, 0xffffffff8123f0a0L,
            KernelSymbol.BPF_PROG_ENTER, 0xffffffff8123f200L,
            KernelSymbol.BPF_PROG_EXIT, 0xffffffff8123f300L,
            KernelSymbol.BPF_PROG_ENTER_SLEEPABLE_RECUR, 0xffffffff8123f400L,
            KernelSymbol.BPF_PROG_EXIT_SLEEPABLE_RECUR, 0xffffffff8123f500L,
            KernelSymbol.BPF_TRAMP_ENTER, 0xffffffff8123f600L,
            KernelSymbol.BPF_TRAMP_EXIT, 0xffffffff8123f700L,
            KernelSymbol.X86_RETURN_THUNK, 0xffffffff82205e00L);

    private Golden() {
    }

    static BpfTrampLink prog(int k, long cookie) {
        return new BpfTrampLink(Option.some(0xffffc9000056d000L + 0x1000L * k), Option.some(0xffffffffc000148cL + 0x800L * k),
                cookie, false);
    }

    static TrampolineConfig config(KernelProfile p, CpuFeatures cpu, TrampolineKind kind, FuncModel m, int flags,
                                   TrampLinks links) {
        Addresses a = new Addresses(Option.some(IMAGE), Option.some(IM), Option.some(FUNC), SYMBOLS);
        return new TrampolineConfig(p, cpu, kind, m, flags, links, a);
    }

    static int flags(TrampFlag... f) {
        return TrampFlag.maskOf(java.util.Set.of(f));
    }

    static final CpuFeatures PLAIN = new CpuFeatures(false, false, false);

    /** 1 fentry program on a 1-argument function. */
    static TrampolineConfig fentryOneArg() {
        return config(KernelProfile.MAINLINE, PLAIN, TrampolineKind.TRACING, FuncModel.ofSizes(8),
                flags(TrampFlag.RESTORE_REGS), new TrampLinks(List.of(prog(0, 0)), List.empty(), List.empty()));
    }

    /** fentry + fexit on a 6-argument function, with SLS int3 after ret. */
    static TrampolineConfig fentryFexitSixArgs() {
        return config(KernelProfile.MAINLINE, CpuFeatures.DEFAULT, TrampolineKind.TRACING, FuncModel.ofSizes(8, 8, 4, 8, 2, 8),
                flags(TrampFlag.CALL_ORIG, TrampFlag.SKIP_FRAME),
                new TrampLinks(List.of(prog(0, 0)), List.of(prog(1, 0)), List.empty()));
    }

    /** fmod_ret + fexit on a 2-argument function with the return thunk. */
    static TrampolineConfig fmodRetFexit() {
        return config(KernelProfile.MAINLINE, new CpuFeatures(true, false, false), TrampolineKind.TRACING,
                FuncModel.ofSizes(8, 8), flags(TrampFlag.CALL_ORIG, TrampFlag.SKIP_FRAME),
                new TrampLinks(List.empty(), List.of(prog(1, 0)), List.of(prog(0, 0))));
    }

    /** fexit on an 8-argument function: arguments 7 and 8 come from the caller's stack. */
    static TrampolineConfig eightArgs() {
        return config(KernelProfile.MAINLINE, PLAIN, TrampolineKind.TRACING, FuncModel.ofSizes(8, 8, 8, 8, 8, 8, 8, 4),
                flags(TrampFlag.CALL_ORIG, TrampFlag.SKIP_FRAME),
                new TrampLinks(List.empty(), List.of(prog(0, 0)), List.empty()));
    }

    /** Three fentry programs with cookies of each immediate form, plus IP_ARG. */
    static TrampolineConfig cookies() {
        return config(KernelProfile.MAINLINE, PLAIN, TrampolineKind.TRACING, FuncModel.ofSizes(8),
                flags(TrampFlag.RESTORE_REGS, TrampFlag.IP_ARG),
                new TrampLinks(List.of(prog(0, 0x2a), prog(1, 0xffffffff80000000L), prog(2, 0x1122334455667788L)),
                        List.empty(), List.empty()));
    }

    /** A struct_ops member returning int with 4 arguments, IBT on. */
    static TrampolineConfig structOpsFourArgs() {
        return config(KernelProfile.MAINLINE, new CpuFeatures(false, true, true), TrampolineKind.STRUCT_OPS,
                FuncModel.ofSizes(8, 8, 4, 8).withRet(4, 0), flags(TrampFlag.INDIRECT, TrampFlag.RET_FENTRY_RET),
                new TrampLinks(List.of(prog(0, 0)), List.empty(), List.empty()));
    }

    /** The 6.1 profile: fentry on a function taking (u8, u16), IBT on. */
    static TrampolineConfig debian12Fentry() {
        return config(KernelProfile.V6_1, new CpuFeatures(false, true, true), TrampolineKind.TRACING,
                FuncModel.ofSizes(1, 2), flags(TrampFlag.RESTORE_REGS),
                new TrampLinks(List.of(prog(0, 0)), List.empty(), List.empty()));
    }

    /**
     * 6.1: fmod_ret + fexit on (struct of 16 bytes, u32) with bpf_get_func_ip and an ip-modifying neighbour
     * (IP_ARG, ORIG_STACK), a negative 32-bit cookie, 13 bytes of alignment NOPs, the return thunk.
     */
    static TrampolineConfig debian12OrigStackIpArg() {
        FuncModel m = new FuncModel(2, List.of(16, 4), List.of(FuncModel.BTF_FMODEL_STRUCT_ARG, 0), 8, 0);
        return config(KernelProfile.V6_1, new CpuFeatures(true, false, false), TrampolineKind.TRACING, m,
                flags(TrampFlag.CALL_ORIG, TrampFlag.SKIP_FRAME, TrampFlag.IP_ARG, TrampFlag.SHARE_IPMODIFY,
                        TrampFlag.ORIG_STACK),
                new TrampLinks(List.empty(), List.of(prog(1, 0x2a)), List.of(prog(0, -2L))));
    }

    /** 6.1: fexit on a BPF program whose tail calls are reachable (TAIL_CALL_CTX), SLS. */
    static TrampolineConfig debian12TailCall() {
        return config(KernelProfile.V6_1, CpuFeatures.DEFAULT, TrampolineKind.TRACING, FuncModel.ofSizes(8, 8),
                flags(TrampFlag.CALL_ORIG, TrampFlag.SKIP_FRAME, TrampFlag.TAIL_CALL_CTX),
                new TrampLinks(List.empty(), List.of(prog(0, 0)), List.empty()));
    }

    /** 6.12: a struct_ops member with 8 arguments returning int, IBT on: arguments 7 and 8 read at rbp+0x18. */
    static TrampolineConfig bookwormBackportsStructOpsEightArgs() {
        return config(KernelProfile.V6_12, new CpuFeatures(false, true, true), TrampolineKind.STRUCT_OPS,
                FuncModel.ofSizes(8, 8, 8, 8, 8, 8, 8, 8).withRet(4, 0),
                flags(TrampFlag.INDIRECT, TrampFlag.RET_FENTRY_RET),
                new TrampLinks(List.of(prog(0, 0)), List.empty(), List.empty()));
    }

    /** 6.12: fmod_ret + fexit on 7 arguments, the last a lone u32 on the stack (clean_stack_garbage). */
    static TrampolineConfig bookwormBackportsSevenArgs() {
        return config(KernelProfile.V6_12, PLAIN, TrampolineKind.TRACING, FuncModel.ofSizes(8, 8, 8, 8, 8, 8, 4),
                flags(TrampFlag.CALL_ORIG, TrampFlag.SKIP_FRAME),
                new TrampLinks(List.empty(), List.of(prog(1, 0)), List.of(prog(0, 0))));
    }
}
