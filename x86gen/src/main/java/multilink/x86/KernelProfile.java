package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * Kernel lines whose x86-64 trampoline generators emit different bytes. Each switch below names one difference and
 * cites where each line's source shows it; README.md ("Kernel profiles") has the same table with the file:line each
 * emitted sequence follows.
 *
 * <p>Line numbers: "6.1" is {@code arch/x86/net/bpf_jit_comp.c} of Debian's {@code linux-source-6.1} 6.1.192-2
 * (identical in 6.1.192-3), "6.12" the same file of {@code linux-source-6.12} 6.12.117-1~deb12u1. Mainline and 6.18
 * rest on the copies named in {@link #source()}.
 */
public enum KernelProfile {
    /** Current mainline (default): ftrace jmp entry, INDIRECT stack-argument offset, rbx kept in a frame slot. */
    MAINLINE("mainline", "olsajiri/bpf arch/x86/net/bpf_jit_comp.c @ 0f2310ba0086 (the OLSA-JIT copy of "
            + "kernel-facts.md; no package)"),
    /** The 6.18 line: like mainline but no jmp entry, stack arguments always at rbp+24, only struct slots counted. */
    V6_18("6.18", "gregkh/linux arch/x86/net/bpf_jit_comp.c, the stable-line copy of the searchable index "
            + "(blob at 0efcafd48d25; no package)"),
    /** The 6.12 LTS line (Debian 12 backports): 6.18's bytes, every argument's extra slots counted. */
    V6_12("6.12", "Debian linux-source-6.12 6.12.117-1~deb12u1"),
    /** The 6.1 LTS line (Debian 12): push rbx, at most 6 argument registers, no sign-extended imm32, nop8 maximum. */
    V6_1("6.1", "Debian linux-source-6.1 6.1.192-2");

    private final String label;
    private final String source;

    KernelProfile(String label, String source) {
        this.label = label;
        this.source = source;
    }

    public String label() {
        return label;
    }

    /** The kernel source this profile's bytes follow (package and version, or repository and commit). */
    public String source() {
        return source;
    }

    public static Option<KernelProfile> byLabel(String label) {
        for (KernelProfile p : values()) {
            if (p.label.equals(label)) {
                return Option.some(p);
            }
        }
        return Option.none();
    }

    /** The labels for a message: "mainline, 6.18, 6.12 or 6.1". */
    public static String labels() {
        List<String> all = List.of(values()).map(KernelProfile::label);
        return all.init().mkString(", ") + " or " + all.last();
    }

    /**
     * ASM_NOP_MAX, the longest NOP emit_nops() takes from x86_nops[]: 8 in 6.1 (asm/nops.h:71, the 64-bit branch,
     * x86_nops[] up to nop8 in kernel/alternative.c:95-106), 11 from the 9..11-byte NOPs on (6.12 asm/nops.h:64-72,
     * alternative.c:112-128).
     */
    int asmNopMax() {
        return this == V6_1 ? 8 : 11;
    }

    /**
     * rbx (the start time across a program call) is pushed after the frame set-up and popped before leave in 6.1
     * (bpf_jit_comp.c:2198, :2317); from 6.12 on it is stored to [rbp-rbx_off] and reloaded (6.12 :3004-3005,
     * :3059, :3185).
     */
    boolean pushesRbx() {
        return this == V6_1;
    }

    /**
     * 6.1 refuses more than six argument slots (bpf_jit_comp.c:2137-2139, -ENOTSUPP) and save_regs()/restore_regs()
     * only move the six registers (:1869-1900); from 6.12 on up to MAX_BPF_FUNC_ARGS slots, the rest copied from
     * the caller's stack (6.12 :2957, save_args() :2584-2659).
     */
    boolean registerArgumentsOnly() {
        return this == V6_1;
    }

    /**
     * Every trampoline starts with EMIT_ENDBR() under CONFIG_X86_KERNEL_IBT in 6.1 (bpf_jit_comp.c:2192); from 6.12
     * on only an INDIRECT one gets a CFI preamble (emit_cfi(), 6.12 :3035-3046; its default case is ENDBR, :437-456).
     */
    boolean endbrInEveryTrampoline() {
        return this == V6_1;
    }

    /**
     * emit_mov_imm64() loads an immediate that is a sign-extended imm32 with {@code mov r64, imm32} (48 C7) from
     * 6.12 on (6.12 :916-940, the is_simm32() case); 6.1 has only the u32 and movabs cases (:709-730), so a negative
     * 32-bit cookie or a kernel text address (IP_ARG) is a 10-byte movabs there.
     */
    boolean signExtendedImm32() {
        return this != V6_1;
    }

    /** CALL_ORIG without SKIP_FRAME means the ftrace site jumps to the trampoline (CONFIG_DYNAMIC_FTRACE_WITH_JMP). */
    boolean hasJmpEntry() {
        return this == MAINLINE;
    }

    /**
     * save_args() reads stack arguments at rbp+16 for INDIRECT trampolines on mainline only; 6.18 and 6.12 always read
     * them at rbp+0x18 (6.12 :2627-2628). 6.1 has neither INDIRECT nor stack arguments.
     */
    boolean indirectStackArgsAt16() {
        return this == MAINLINE;
    }

    /**
     * The original function address is adjusted (+4 past ENDBR, +5 past the fentry call) under CALL_ORIG on
     * mainline, under SKIP_FRAME before (6.12 :3024-3031, 6.1 :2181-2188).
     */
    boolean origCallAdjustedUnderCallOrig() {
        return this == MAINLINE;
    }

    /**
     * nr_regs adds the extra slots of every argument wider than 8 bytes (6.1 :2134-2135, 6.12 :2951-2952, mainline)
     * or only of BTF_FMODEL_STRUCT_ARG ones (6.18). The two differ only for 16-byte integer arguments, which the
     * model does not produce.
     */
    boolean countsSlotsOfEveryArgument() {
        return this != V6_18;
    }

    /**
     * BPF_TRAMP_F_* bits this kernel line knows: 6.1.192 has bits 0..7, TAIL_CALL_CTX included (include/linux/bpf.h
     * :843-872, set by the verifier for a target whose tail calls are reachable, kernel/bpf/verifier.c:15495-15496);
     * INDIRECT (bit 8) came later (6.12 bpf.h:1116). SDT_PROBE (bit 9) exists only with the SDT-observer RFC
     * ({@link #sdtProbe()}).
     */
    int knownFlagBits() {
        int all = TrampFlag.allBits() & (sdtProbe() ? ~0 : ~TrampFlag.SDT_PROBE.mask());
        return this == V6_1 ? all & ~TrampFlag.INDIRECT.mask() : all;
    }

    /**
     * BPF_TRAMP_F_SDT_PROBE: only the RFC of seed 004 (bpf-next, 2026-06) has it, and it applies on the tree this
     * profile follows: its hunks' context lines are the tracing-multi series' ({@code is_tracing_multi()} in
     * link_create(), {@code tnodes[BPF_TRAMP_FEXIT].nr_nodes} in bpf_trampoline_update()), which 6.18, 6.12 and 6.1
     * do not have. 6.12 knows bits 0..8 (bpf.h:1076-1116).
     */
    boolean sdtProbe() {
        return this == MAINLINE;
    }
}
