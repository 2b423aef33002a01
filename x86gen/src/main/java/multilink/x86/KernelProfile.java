package multilink.x86;

import io.vavr.control.Option;

/**
 * Kernel lines whose x86-64 trampoline generators emit different bytes. Each switch below names one difference;
 * README.md lists them with the kernel change that introduced it.
 */
public enum KernelProfile {
    /** Current mainline (default): ftrace jmp entry, INDIRECT stack-argument offset, rbx kept in a frame slot. */
    MAINLINE("mainline"),
    /** The 6.18 LTS line: like mainline but no jmp entry and stack arguments always at rbp+24. */
    V6_18("6.18"),
    /** The 6.1 LTS line (Debian 12): push rbx, at most 6 register arguments, sized argument stores, 8-byte NOP maximum. */
    V6_1("6.1");

    private final String label;

    KernelProfile(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Option<KernelProfile> byLabel(String label) {
        for (KernelProfile p : values()) {
            if (p.label.equals(label)) {
                return Option.some(p);
            }
        }
        return Option.none();
    }

    /** ASM_NOP_MAX: 11 since the 9..11-byte NOPs were added (before 6.18), 8 before. */
    int asmNopMax() {
        return this == V6_1 ? 8 : 11;
    }

    /** rbx is saved with push/pop around the frame (6.1) instead of a store to [rbp-rbx_off]. */
    boolean pushesRbx() {
        return this == V6_1;
    }

    /** Functions with more than six argument registers are refused (6.1) instead of reading stack arguments. */
    boolean registerArgumentsOnly() {
        return this == V6_1;
    }

    /** Arguments are stored and reloaded with their own width (6.1) instead of always 8 bytes. */
    boolean sizedArgumentMoves() {
        return this == V6_1;
    }

    /** Every trampoline starts with ENDBR under IBT (6.1); later only INDIRECT ones get a CFI preamble. */
    boolean endbrInEveryTrampoline() {
        return this == V6_1;
    }

    /** IP_ARG is derived from the return address ([rbp+8]-5) in 6.1 and loaded as an immediate later. */
    boolean ipArgFromReturnAddress() {
        return this == V6_1;
    }

    /** ORIG_STACK calls through rax in 6.1 and through rbx once rax carries the tail-call counter pointer. */
    Reg origStackRegister() {
        return this == V6_1 ? Reg.RAX : Reg.RBX;
    }

    /** CALL_ORIG without SKIP_FRAME means the ftrace site jumps to the trampoline (CONFIG_DYNAMIC_FTRACE_WITH_JMP). */
    boolean hasJmpEntry() {
        return this == MAINLINE;
    }

    /** save_args reads stack arguments at rbp+16 for INDIRECT trampolines (mainline) instead of always rbp+24. */
    boolean indirectStackArgsAt16() {
        return this == MAINLINE;
    }

    /** The original function address is adjusted under CALL_ORIG (mainline) or under SKIP_FRAME (older). */
    boolean origCallAdjustedUnderCallOrig() {
        return this == MAINLINE;
    }

    /** Extra slots of a >8-byte argument are counted for every argument (mainline) or only BTF_FMODEL_STRUCT_ARG ones. */
    boolean countsSlotsOfEveryArgument() {
        return this == MAINLINE;
    }

    /** 6.1 refuses RESTORE_REGS together with SKIP_FRAME (-EINVAL); later kernels dropped the check. */
    boolean rejectsRestoreRegsWithSkipFrame() {
        return this == V6_1;
    }

    /** BPF_TRAMP_F_* bits this kernel line knows: TAIL_CALL_CTX and INDIRECT came after 6.1. */
    int knownFlagBits() {
        int all = TrampFlag.allBits();
        return this == V6_1 ? all & ~(TrampFlag.TAIL_CALL_CTX.mask() | TrampFlag.INDIRECT.mask()) : all;
    }
}
