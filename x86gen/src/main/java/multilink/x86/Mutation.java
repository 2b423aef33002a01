package multilink.x86;

/**
 * Seeded bugs: mistakes the x86-64 JIT's trampoline emission could plausibly make, each named after the place in
 * arch/x86/net/bpf_jit_comp.c it stands for. The generator takes one per call (never from shared state), so
 * several can run at once; production passes {@link #NONE}. {@link X86Mutants} is the public face: it lists these
 * as {@link X86Mutant}s and checks that each one is caught.
 */
enum Mutation {
    NONE("none", "", ""),

    WRONG_REX_BIT_FOR_EXTENDED_REG("emit_stx/rex-b-for-r8-r9",
            "emit_stx(): add_2mod(0x48, dst_reg, src_reg)",
            "a store from r8/r9 sets REX.B (the base register's bit) instead of REX.R, so it stores from rax/rcx "
                    + "into [r13+disp]"),
    DISP8_WHERE_DISP32_NEEDED("emit_insn_suffix/disp8-truncated",
            "emit_insn_suffix(): is_imm8(off) ? disp8 : disp32",
            "an rbp displacement outside -128..127 is emitted in the disp8 form, truncated"),
    WRONG_STACK_OFFSET_FOR_ARG7("save_args/stack-arg-off-by-8",
            "save_args(): the caller's stack argument at [rbp + 24 + 8*j] (call entry)",
            "the seventh argument (the first one on the caller's stack) is read 8 bytes too high"),
    RUN_CTX_SIZED_8("prepare/run_ctx-sized-8",
            "__arch_prepare_bpf_trampoline(): stack_size += sizeof(struct bpf_tramp_run_ctx); run_ctx_off = "
                    + "stack_size",
            "struct bpf_tramp_run_ctx counted as 8 bytes (the cookie alone), so run_ctx_off is 8 short and its "
                    + "saved_run_ctx field lands on the slot below"),
    COOKIE_STORED_AFTER_ENTER("invoke_bpf_prog/cookie-after-enter",
            "invoke_bpf_prog(): mov rdi, cookie; mov [rbp - run_ctx_off], rdi before the enter call",
            "the run_ctx cookie is stored after the call to __bpf_prog_enter*, which has already published run_ctx"),
    RESTORE_SIXTH_ARG_INTO_RBX("restore_regs/r9-as-bpf-reg-6",
            "restore_regs(): emit_ldx(i == 5 ? X86_REG_R9 : BPF_REG_1 + i, ...)",
            "the sixth argument register is reloaded into BPF_REG_1 + 5 = BPF_REG_6 (rbx) instead of r9: r9 is not "
                    + "restored before the original call (or the return, RESTORE_REGS) and rbx is clobbered"),
    STACK_ARG_AREA_UNPADDED("prepare/stack-args-unaligned",
            "__arch_prepare_bpf_trampoline(): stack_size += (stack_size % 16) ? 0 : 8 for the stack-argument area",
            "the frame is not padded when arguments are passed on the stack, so rsp is 8 mod 16 at the original "
                    + "call half of the time"),
    JE_SKIP_PAST_TARGET("invoke_bpf_prog/je-rel8-off-by-2",
            "invoke_bpf_prog(): jmp_insn[1] = prog - jmp_insn - 2",
            "the je over the program is encoded without subtracting its own 2 bytes, so a recursion skip lands 2 "
                    + "bytes into the exit sequence"),
    JNE_TARGET_BEFORE_ALIGN("prepare/fmod_ret-jne-before-align",
            "__arch_prepare_bpf_trampoline(): emit_align(&prog, 16) before the fmod_ret branches are patched",
            "the fmod_ret jne branches are patched to the offset before the 16-byte alignment NOPs"),
    START_TIME_NOT_SAVED("invoke_bpf_prog/no-mov-rbx-rax",
            "invoke_bpf_prog(): emit_mov_reg(&prog, true, BPF_REG_6, BPF_REG_0) after the enter call",
            "mov rbx,rax is left out, so the exit helper gets a stale start time (rbx of the caller or of the "
                    + "previous program)"),
    ENTER_IGNORES_SLEEPABLE("invoke_bpf_prog/enter-ignores-sleepable",
            "invoke_bpf_prog(): bpf_trampoline_enter(p) / bpf_trampoline_exit(p)",
            "the enter and exit helpers are picked as if no program were sleepable: a sleepable program runs "
                    + "under rcu_read_lock() instead of rcu_read_lock_trace()"),
    FMOD_RET_CMP_WRONG_SLOT("invoke_bpf_mod_ret/cmp-wrong-slot",
            "invoke_bpf_mod_ret(): cmp QWORD PTR [rbp - 0x8], 0x0 (EMIT4(0x48, 0x83, 0x7d, 0xf8))",
            "the fmod_ret test compares [rbp-0x10] (the last argument slot, or the slot count) instead of the return "
                    + "value at [rbp-0x8]"),
    IP_ARG_AT_META_SLOT("prepare/ip-arg-at-meta-slot",
            "__arch_prepare_bpf_trampoline(): emit_stx(BPF_REG_0, -ip_off) under BPF_TRAMP_F_IP_ARG",
            "the traced address is stored at -func_meta_off (the line above) instead of -ip_off, overwriting the "
                    + "slot count and leaving ctx[-2] unset"),
    NO_CLEAN_STACK_GARBAGE("clean_stack_garbage/missing",
            "save_args(): clean_stack_garbage(m, prog, nr_stack_slots, first_off)",
            "a lone stack argument of at most 4 bytes is copied with the caller's undefined upper half"),
    NO_NOP5_AT_IP_AFTER_CALL("prepare/no-nop5-at-ip_after_call",
            "__arch_prepare_bpf_trampoline(): im->ip_after_call = ...; emit_nops(&prog, X86_PATCH_SIZE)",
            "the 5-byte NOP after the original call is left out, so retiring the image text-pokes a jmp over the "
                    + "next instruction"),
    NO_ADD_RSP_FOR_SKIP_FRAME("prepare/skip-frame-no-add-rsp",
            "__arch_prepare_bpf_trampoline(): if (flags & BPF_TRAMP_F_SKIP_FRAME) EMIT4(0x48, 0x83, 0xC4, 8)",
            "SKIP_FRAME leaves out add rsp,8, so the trampoline returns into the traced function after its "
                    + "fentry call instead of to its caller"),
    ORIG_CALL_WITHOUT_ENDBR("prepare/orig_call-ignores-endbr",
            "__arch_prepare_bpf_trampoline(): if (is_endbr(orig_call)) orig_call += ENDBR_INSN_SIZE; orig_call += "
                    + "X86_PATCH_SIZE",
            "the original call skips the patched fentry call but not the ENDBR before it, so under IBT it lands "
                    + "inside the 5-byte call"),
    TAIL_CALL_CNT_PTR_OFF_BY_8("LOAD_TRAMP_TAIL_CALL_CNT_PTR/off-by-8",
            "LOAD_TRAMP_TAIL_CALL_CNT_PTR(stack): mov rax, [rbp - round_up(stack, 8) - 8]",
            "the tail-call counter pointer is reloaded from [rbp - stack] instead of the word push rax stored "
                    + "below it"),
    SDT_ARGS_IN_ABI_ORDER("save_args/sdt-probe-abi-order",
            "save_args()/restore_regs() under BPF_TRAMP_F_SDT_PROBE: arguments from reg2hex[arg_regs[i]] (seed 004; "
                    + "x86 part assumed)",
            "an SDT probe's arguments are saved from (and restored to) rdi, rsi, rdx, rcx, r8, r9 and the caller's "
                    + "stack as for a function, not from the BPF registers arg_regs[] names"),
    GC_RSP_BASE_WITHOUT_SIB("CALLER_DEFINE/rsp-base-without-sib",
            "CALLER_DEFINE(): movq %rdi, FUNC_ARGS_1(%rsp) and the other rsp-based operands (seed 003 v2 02/18)",
            "an [rsp+disp] operand is encoded without its SIB byte (ModRM rm=100 needs one when the base is rsp), "
                    + "so the displacement is read as the SIB byte"),
    GC_RETVAL_AT_LAST_ARG("CALLER_DEFINE/retval-at-last-arg",
            "CALLER_DEFINE(): movq FUNC_ARGS_##nr_args + 8(%rsp), %rax after an origin call (seed 003 v2 02/18)",
            "the origin-call path loads rax from FUNC_ARGS_n (the last argument, or the slot count for 0 "
                    + "arguments) instead of args[nr_args], where bpf_global_caller_run() stored the return value"),
    GC_R8_R9_WITHOUT_REX_R("CALLER_DEFINE/r8-r9-without-rex-r",
            "CALLER_DEFINE(): SAVE_ARGS_5/6 and RESTORE_ARGS_5/6, movq %r8/%r9 to and from the stack (seed 003 v2 02/18)",
            "the fifth and sixth argument registers are encoded without REX.R (48 instead of 4c), so rax and rcx "
                    + "are saved and reloaded instead of r8 and r9");

    private final String mutantName;
    private final String kernelPlace;
    private final String description;

    Mutation(String mutantName, String kernelPlace, String description) {
        this.mutantName = mutantName;
        this.kernelPlace = kernelPlace;
        this.description = description;
    }

    String mutantName() {
        return mutantName;
    }

    String kernelPlace() {
        return kernelPlace;
    }

    String description() {
        return description;
    }

    /** The bug is in the global caller entry ({@link GlobalCaller}), not in the trampoline generator. */
    boolean globalCaller() {
        return this == GC_RSP_BASE_WITHOUT_SIB || this == GC_RETVAL_AT_LAST_ARG || this == GC_R8_R9_WITHOUT_REX_R;
    }
}
