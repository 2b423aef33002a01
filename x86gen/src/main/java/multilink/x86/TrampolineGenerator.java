package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;

import java.util.ArrayList;

/**
 * A port of the x86-64 __arch_prepare_bpf_trampoline() and its helpers (save_args, restore_regs,
 * invoke_bpf_prog, invoke_bpf_mod_ret), with the per-kernel-line differences switched by {@link KernelProfile}.
 * Methods carry the kernel's names so the two can be read side by side. Line numbers cited as "6.1 :N" and
 * "6.12 :N" are of arch/x86/net/bpf_jit_comp.c in Debian's linux-source-6.1 6.1.192-2 and linux-source-6.12
 * 6.12.117-1~deb12u1 (README.md, "Kernel profiles", has the table per emitted sequence).
 */
final class TrampolineGenerator {
    /** PAGE_SIZE: the image budget. */
    static final int PAGE_SIZE = 4096;
    /** BPF_INSN_SAFETY: slack the kernel keeps at the end of the image. */
    static final int BPF_INSN_SAFETY = 64;
    static final int X86_PATCH_SIZE = 5;
    static final int ENDBR_INSN_SIZE = 4;

    private final TrampolineConfig c;
    private final KernelProfile p;
    private final FrameLayout f;
    private final Mutation mutation;
    private final AddressBook addresses;
    private final Emitter e;
    private int progIndex;

    private TrampolineGenerator(TrampolineConfig c, Mutation mutation) {
        this.c = c;
        this.p = c.profile();
        this.f = FrameLayout.of(c, mutation);
        this.mutation = mutation;
        this.addresses = new AddressBook(c);
        this.e = new Emitter(addresses.image(), p, mutation);
    }

    static Either<KernelError, TrampolineImage> generate(TrampolineConfig c, Mutation mutation) {
        return ConfigValidator.check(c)
                .<Either<KernelError, TrampolineImage>>map(Either::left)
                .getOrElse(() -> new TrampolineGenerator(c, mutation).arch_prepare_bpf_trampoline());
    }

    /** 6.1 :2119-2333, 6.12 __arch_prepare_bpf_trampoline() :2927-3202. */
    private Either<KernelError, TrampolineImage> arch_prepare_bpf_trampoline() {
        emitPrologue();
        if (p.registerArgumentsOnly()) {
            save_regs_6_1(f.regsOff());
        } else {
            save_args(f.regsOff(), false);
        }
        // __bpf_tramp_enter(im): 6.1 :2218-2225, 6.12 :3079-3087
        if (c.has(TrampFlag.CALL_ORIG)) {
            e.movAddress(Reg.RDI, addresses.im(), Relocation.Kind.IM_POINTER, "im");
            callHelper(KernelSymbol.BPF_TRAMP_ENTER);
        }
        invoke_bpf(c.links().fentry(), "fentry", c.has(TrampFlag.RET_FENTRY_RET));
        List<Integer> branches = invoke_bpf_mod_ret(c.links().fmodRet());
        if (c.has(TrampFlag.CALL_ORIG)) {
            callOriginal();
        }
        if (!branches.isEmpty()) {
            int beforeAlign = e.offset();
            // emit_align(16) and the jne patch of each hole: 6.1 :2270-2284, 6.12 :3135-3149
            e.align(16);
            int doFexit = mutation == Mutation.JNE_TARGET_BEFORE_ALIGN ? beforeAlign : e.offset();
            branches.forEach(b -> e.patchJcc(b, "jne", doFexit));
        }
        invoke_bpf(c.links().fexit(), "fexit", false);
        if (c.has(TrampFlag.RESTORE_REGS)) {
            // 6.1 :2292-2293, 6.12 :3159-3160
            restore_regs(f.regsOff());
        }
        // __bpf_tramp_exit(im) at ip_epilogue, else the tail-call counter: 6.1 :2299-2311, 6.12 :3166-3179
        if (c.has(TrampFlag.CALL_ORIG)) {
            e.movAddress(Reg.RDI, addresses.im(), Relocation.Kind.IM_POINTER, "im");
            callHelper(KernelSymbol.BPF_TRAMP_EXIT);
        } else if (c.has(TrampFlag.TAIL_CALL_CTX)) {
            loadTailCallCntPtr();
        }
        emitEpilogue();
        if (e.failure().isDefined()) {
            return Either.left(e.failure().get());
        }
        // 6.1 :2324-2327, 6.12 :3193-3196
        if (e.offset() > PAGE_SIZE - BPF_INSN_SAFETY) {
            return Either.left(KernelError.of(Errno.EFAULT,
                    "image of " + e.offset() + " bytes overflows PAGE_SIZE - BPF_INSN_SAFETY"));
        }
        return Either.right(new TrampolineImage(c, e.insns(), e.relocations(), f, e.addressOf(0),
                addresses.placeholders()));
    }

    /**
     * CFI preamble, frame set-up, rbx, the slot count and IP_ARG: 6.1 :2190-2214, 6.12 :3033-3075. The frame sizes
     * come from {@link FrameLayout}.
     */
    private void emitPrologue() {
        // 6.1: EMIT_ENDBR() in every trampoline (:2192); 6.12: emit_cfi() for INDIRECT only (:3035-3040), else
        // x86_call_depth_emit_accounting(), 0 bytes without call-depth tracking (:3040-3046)
        boolean cfiPreamble = p.endbrInEveryTrampoline() || c.has(TrampFlag.INDIRECT);
        if (cfiPreamble && c.cpu().ibt()) {
            e.endbr();
        }
        e.push(Reg.RBP);
        e.movReg(Reg.RBP, Reg.RSP);
        e.subRsp(f.stackSize());
        // push rax holds the tail-call counter (6.1 :2196-2197) or its pointer (6.12 :3056-3057) below the frame
        if (c.has(TrampFlag.TAIL_CALL_CTX)) {
            e.push(Reg.RAX);
        }
        if (p.pushesRbx()) {
            e.push(Reg.RBX); // 6.1 :2198
        } else {
            e.store(Reg.RBX, -f.rbxOff()); // 6.12 :3059
        }
        // mov rax, nr_regs; mov [rbp - nregs_off], rax: 6.1 :2204-2205, 6.12 :3065-3066
        e.movImm64(Reg.RAX, f.nrRegs());
        e.store(Reg.RAX, -f.metaOff());
        if (c.has(TrampFlag.IP_ARG)) {
            // emit_mov_imm64(rax, func_addr); mov [rbp - ip_off], rax: 6.1 :2207-2214, 6.12 :3068-3075
            e.movAddress(Reg.RAX, addresses.funcAddr(), Relocation.Kind.FUNC_ADDR, "func_addr");
            e.store(Reg.RAX, mutation == Mutation.IP_ARG_AT_META_SLOT ? -f.metaOff() : -f.ipOff());
        }
    }

    /** The original call with ip_after_call: 6.1 :2245-2269, 6.12 :3108-3133. */
    private void callOriginal() {
        restore_regs(f.regsOff());
        if (!p.registerArgumentsOnly()) {
            save_args(f.argStackOff(), true);
        }
        if (c.has(TrampFlag.TAIL_CALL_CTX)) {
            loadTailCallCntPtr();
        }
        if (c.has(TrampFlag.ORIG_STACK)) {
            // emit_ldx(BPF_DW, BPF_REG_6, BPF_REG_FP, 8); call *rbx: 6.1 :2254-2256, 6.12 :3119-3121
            e.load(Reg.RBX, 8);
            e.callReg(Reg.RBX);
        } else {
            e.call(origCall(), Relocation.Kind.ORIG_FUNC, "func_addr+" + (origCall() - addresses.funcAddr()));
        }
        e.store(Reg.RAX, -8);
        // ip_after_call: x86_nops[5] (6.1 :2266-2268), emit_nops(5) (6.12 :3131-3132); patched to jmp ip_epilogue
        // when the trampoline is torn down.
        if (mutation != Mutation.NO_NOP5_AT_IP_AFTER_CALL) {
            e.nops(X86_PATCH_SIZE);
        }
    }

    /**
     * The body of the traced function: past ENDBR (if the kernel has IBT) and past the patched fentry site. Under
     * SKIP_FRAME in 6.1 (:2181-2188) and 6.12 (:3024-3031), under CALL_ORIG on mainline.
     */
    private long origCall() {
        long orig = addresses.funcAddr();
        boolean adjust = p.origCallAdjustedUnderCallOrig() ? c.has(TrampFlag.CALL_ORIG) : c.has(TrampFlag.SKIP_FRAME);
        if (adjust) {
            boolean endbr = c.cpu().ibt() && mutation != Mutation.ORIG_CALL_WITHOUT_ENDBR;
            orig += (endbr ? ENDBR_INSN_SIZE : 0) + X86_PATCH_SIZE;
        }
        return orig;
    }

    /**
     * rax = [rbp - round_up(stack_size, 8) - 8], always disp32: 6.1 RESTORE_TAIL_CALL_CNT (:953-954, the counter),
     * 6.12 LOAD_TRAMP_TAIL_CALL_CNT_PTR (:2864-2865, the counter's pointer).
     */
    private void loadTailCallCntPtr() {
        int stack = (f.stackSize() + 7) & ~7;
        e.loadDisp32(Reg.RAX, mutation == Mutation.TAIL_CALL_CNT_PTR_OFF_BY_8 ? -stack : -stack - 8);
    }

    /** 6.1 :2313-2322, 6.12 :3181-3191. */
    private void emitEpilogue() {
        if (f.saveRet()) {
            e.load(Reg.RAX, -8);
        }
        if (p.pushesRbx()) {
            e.pop(Reg.RBX);
        } else {
            e.load(Reg.RBX, -f.rbxOff());
        }
        e.leave();
        if (c.has(TrampFlag.SKIP_FRAME) && mutation != Mutation.NO_ADD_RSP_FOR_SKIP_FRAME) {
            e.addRsp8();
        }
        emit_return();
    }

    /**
     * jmp x86_return_thunk when the CPU wants return thunks, else ret and, with SLS, int3: 6.1 :486-499 (CONFIG_SLS),
     * 6.12 :663-676 (CONFIG_MITIGATION_SLS).
     */
    private void emit_return() {
        e.returnSequence(c.cpu(), addresses.symbol(KernelSymbol.X86_RETURN_THUNK));
    }

    private void callHelper(KernelSymbol s) {
        e.call(addresses.symbol(s), Relocation.Kind.HELPER_CALL, s.symbol());
    }

    /** 6.12 save_args() :2584-2659 (clean_stack_garbage() :2519-2565). */
    private void save_args(int stackSize, boolean forCallOrigin) {
        FuncModel m = c.model();
        if (sdtProbe()) {
            save_sdt_args(stackSize);
            return;
        }
        int nrRegs = 0;
        int nrStackSlots = 0;
        int firstOff = 0;
        for (int i = 0; i < Math.min(m.nrArgs(), ConfigValidator.MAX_BPF_FUNC_ARGS); i++) {
            int argRegs = m.slots(i);
            if (nrRegs + argRegs > 6) {
                for (int j = 0; j < argRegs; j++) {
                    int from = nrStackSlots * 8 + f.stackArgsBase();
                    if (mutation == Mutation.WRONG_STACK_OFFSET_FOR_ARG7 && i == 6) {
                        from += 8;
                    }
                    e.load(Reg.RAX, from);
                    e.store(Reg.RAX, -stackSize);
                    if (nrStackSlots == 0) {
                        firstOff = stackSize;
                    }
                    stackSize -= 8;
                    nrStackSlots++;
                }
            } else if (forCallOrigin) {
                nrRegs += argRegs;
            } else {
                for (int j = 0; j < argRegs; j++) {
                    e.store(Reg.ARGS[nrRegs], -stackSize);
                    stackSize -= 8;
                    nrRegs++;
                }
            }
        }
        if (mutation != Mutation.NO_CLEAN_STACK_GARBAGE) {
            clean_stack_garbage(nrStackSlots, firstOff);
        }
    }

    /**
     * BPF_TRAMP_F_SDT_PROBE (seed 004): argument k is stored to slot k from the x86 register the JIT keeps BPF
     * register arg_regs[k] in ({@link BpfJitReg}), instead of the k-th ABI register. ASSUMPTION: the seed is the
     * generic patch 10/12 and shows no x86 code; this is inferred from its flag comment ("arguments arrive in BPF
     * registers ... described by btf_func_model.arg_regs[] instead of ABI order") and its model (every argument 8
     * bytes, so one slot each and none on the caller's stack; no CALL_ORIG, so no copy for an original call).
     */
    private void save_sdt_args(int stackSize) {
        FuncModel m = c.model();
        for (int i = 0; i < m.nrArgs(); i++) {
            e.store(m.sdtArgReg(i), -stackSize);
            stackSize -= 8;
        }
    }

    /**
     * ASSUMPTION, the mirror of {@link #save_sdt_args}: an SDT trampoline carries fentry-style programs only, so
     * bpf_trampoline_update() gives it RESTORE_REGS (6.12 kernel/bpf/trampoline.c:429-437, the same branch in the
     * seed's context), and the registers to put back for the probe site to continue are the ones the arguments came
     * from, not rdi..r9.
     */
    private void restore_sdt_regs(int stackSize) {
        FuncModel m = c.model();
        for (int i = 0; i < m.nrArgs(); i++) {
            e.load(m.sdtArgReg(i), -stackSize);
            stackSize -= 8;
        }
    }

    /** SDT arguments from arg_regs[]; the seeded bug {@link Mutation#SDT_ARGS_IN_ABI_ORDER} ignores the flag. */
    private boolean sdtProbe() {
        return c.has(TrampFlag.SDT_PROBE) && mutation != Mutation.SDT_ARGS_IN_ABI_ORDER;
    }

    /** A lone stack argument of at most 4 bytes may have been pushed as 4 bytes: zero the upper half of its copy. */
    private void clean_stack_garbage(int nrStackSlots, int firstOff) {
        if (nrStackSlots != 1) {
            return;
        }
        // The kernel looks at the last argument, which is the stack one in every layout it produces.
        if (c.model().size(c.model().nrArgs() - 1) <= 4) {
            e.storeZero32(-(firstOff - 4));
        }
    }

    /** 6.12 restore_regs() :2661-2691; 6.1's own restore_regs() is {@link #restore_regs_6_1}. */
    private void restore_regs(int stackSize) {
        if (sdtProbe()) {
            restore_sdt_regs(stackSize);
            return;
        }
        if (p.registerArgumentsOnly()) {
            restore_regs_6_1(stackSize);
            return;
        }
        FuncModel m = c.model();
        int nrRegs = 0;
        for (int i = 0; i < Math.min(m.nrArgs(), ConfigValidator.MAX_BPF_FUNC_ARGS); i++) {
            int argRegs = m.slots(i);
            if (nrRegs + argRegs <= 6) {
                for (int j = 0; j < argRegs; j++) {
                    e.load(restoreTarget(nrRegs), -stackSize);
                    stackSize -= 8;
                    nrRegs++;
                }
            } else {
                stackSize -= 8 * argRegs;
            }
            if (nrRegs >= 6) {
                break;
            }
        }
    }

    /**
     * 6.1 save_regs() (:1869-1883): one 8-byte store per argument register, slot i from the i-th register, for
     * min(nr_regs, 6) slots (nr_regs is at most 6 there, :2137-2139). A struct argument takes consecutive registers,
     * so slot and register numbers coincide.
     */
    private void save_regs_6_1(int stackSize) {
        for (int i = 0; i < Math.min(f.nrRegs(), 6); i++) {
            e.store(Reg.ARGS[i], -(stackSize - i * 8));
        }
    }

    /** 6.1 restore_regs() (:1885-1900): the mirror of {@link #save_regs_6_1}, 8-byte loads. */
    private void restore_regs_6_1(int stackSize) {
        for (int i = 0; i < Math.min(f.nrRegs(), 6); i++) {
            e.load(restoreTarget(i), -(stackSize - i * 8));
        }
    }

    /** The register argument slot {@code i} is reloaded into: Reg.ARGS[i] (X86_REG_R9 for the sixth). */
    private Reg restoreTarget(int i) {
        return i == 5 && mutation == Mutation.RESTORE_SIXTH_ARG_INTO_RBX ? Reg.RBX : Reg.ARGS[i];
    }

    private void invoke_bpf(List<BpfTrampLink> links, String kind, boolean saveRet) {
        for (int i = 0; i < links.size(); i++) {
            invoke_bpf_prog(links.get(i), kind + "[" + i + "]", saveRet);
        }
    }

    /**
     * Returns the instruction indexes of the 6-byte holes that become jne do_fexit. 6.1 :2023-2057, 6.12 :2825-2861.
     */
    private List<Integer> invoke_bpf_mod_ret(List<BpfTrampLink> links) {
        ArrayList<Integer> branches = new ArrayList<>();
        if (links.isEmpty()) {
            return List.empty();
        }
        // The first fmod_ret program must not see a stale return value.
        e.movImm64(Reg.RAX, 0);
        e.store(Reg.RAX, -8);
        for (int i = 0; i < links.size(); i++) {
            invoke_bpf_prog(links.get(i), "fmod_ret[" + i + "]", true);
            e.cmpZero(mutation == Mutation.FMOD_RET_CMP_WRONG_SLOT ? -16 : -8);
            branches.add(e.reserve(6));
        }
        return List.ofAll(branches);
    }

    /**
     * 6.1 :1902-1979, 6.12 :2693-2780. The lea forms: 6.1 always emits the disp8 form (EMIT4, :1927, :1943, :1973),
     * 6.12 picks disp8 or disp32 by is_imm8() (:2719-2722, :2738-2741, :2771-2774); the 6.1 frame is at most 88
     * bytes, so both give the same bytes wherever 6.1 builds an image.
     */
    private void invoke_bpf_prog(BpfTrampLink l, String name, boolean saveRet) {
        int k = progIndex++;
        long prog = addresses.prog(l, k, name);
        TrampolineKind kind = c.kind();
        boolean sleepable = l.sleepable() && mutation != Mutation.ENTER_IGNORES_SLEEPABLE;
        boolean cookieFirst = mutation != Mutation.COOKIE_STORED_AFTER_ENTER;
        if (cookieFirst) {
            storeCookie(l);
        }
        e.movAddress(Reg.RDI, prog, Relocation.Kind.PROG_POINTER, name + ".prog");
        e.lea(Reg.RSI, -f.runCtxOff());
        callHelper(KernelSymbol.enter(kind, sleepable));
        if (!cookieFirst) {
            storeCookie(l);
        }
        if (mutation != Mutation.START_TIME_NOT_SAVED) {
            e.movReg(Reg.RBX, Reg.RAX);
        }
        e.test(Reg.RAX);
        // Enter returns 0 when the program must not run (recursion): skip it, still call exit.
        int skip = e.reserve(2);
        e.lea(Reg.RDI, -f.regsOff());
        e.call(addresses.bpfFunc(l, k, name), Relocation.Kind.PROG_ENTRY, name + ".bpf_func");
        if (saveRet) {
            e.store(Reg.RAX, -8);
        }
        // jmp_insn[1] = prog - jmp_insn - 2: the rel8 counts from the end of the 2-byte je
        e.patchJcc(skip, "je", mutation == Mutation.JE_SKIP_PAST_TARGET ? e.offset() + 2 : e.offset());
        e.movAddress(Reg.RDI, prog, Relocation.Kind.PROG_POINTER, name + ".prog");
        e.movReg(Reg.RSI, Reg.RBX);
        e.lea(Reg.RDX, -f.runCtxOff());
        callHelper(KernelSymbol.exit(kind, sleepable));
    }

    /** run_ctx.bpf_cookie = cookie: mov rdi, cookie; mov [rbp - run_ctx_off], rdi (6.1 :1913-1922, 6.12 :2705-2714). */
    private void storeCookie(BpfTrampLink l) {
        e.movImm64(Reg.RDI, l.cookie());
        e.store(Reg.RDI, -f.runCtxOff());
    }
}
