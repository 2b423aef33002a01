package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;

import java.util.ArrayList;

/**
 * A port of the x86-64 __arch_prepare_bpf_trampoline() and its helpers (save_args, restore_regs,
 * invoke_bpf_prog, invoke_bpf_mod_ret), with the per-kernel-line differences switched by {@link KernelProfile}.
 * Methods carry the kernel's names so the two can be read side by side.
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
        this.e = new Emitter(addresses.image(), p.asmNopMax(), mutation);
    }

    static Either<KernelError, TrampolineImage> generate(TrampolineConfig c, Mutation mutation) {
        return ConfigValidator.check(c)
                .<Either<KernelError, TrampolineImage>>map(Either::left)
                .getOrElse(() -> new TrampolineGenerator(c, mutation).arch_prepare_bpf_trampoline());
    }

    private Either<KernelError, TrampolineImage> arch_prepare_bpf_trampoline() {
        emitPrologue();
        save_args(f.regsOff(), false);
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
            // All branch targets 16-byte aligned (Intel optimization manual rule cited by the kernel).
            e.align(16);
            int doFexit = mutation == Mutation.JNE_TARGET_BEFORE_ALIGN ? beforeAlign : e.offset();
            branches.forEach(b -> e.patchJcc(b, "jne", doFexit));
        }
        invoke_bpf(c.links().fexit(), "fexit", false);
        if (c.has(TrampFlag.RESTORE_REGS)) {
            restore_regs(f.regsOff());
        }
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
        if (e.offset() > PAGE_SIZE - BPF_INSN_SAFETY) {
            return Either.left(KernelError.of(Errno.EFAULT,
                    "image of " + e.offset() + " bytes overflows PAGE_SIZE - BPF_INSN_SAFETY"));
        }
        return Either.right(new TrampolineImage(c, e.insns(), e.relocations(), f, e.addressOf(0),
                addresses.placeholders()));
    }

    private void emitPrologue() {
        boolean cfiPreamble = p.endbrInEveryTrampoline() || c.has(TrampFlag.INDIRECT);
        if (cfiPreamble && c.cpu().ibt()) {
            e.endbr();
        }
        e.push(Reg.RBP);
        e.movReg(Reg.RBP, Reg.RSP);
        e.subRsp(f.stackSize());
        if (p.pushesRbx()) {
            e.push(Reg.RBX);
        } else {
            if (c.has(TrampFlag.TAIL_CALL_CTX)) {
                e.push(Reg.RAX);
            }
            e.store(8, Reg.RBX, -f.rbxOff());
        }
        e.movImm64(Reg.RAX, f.nrRegs());
        e.store(8, Reg.RAX, -f.metaOff());
        if (c.has(TrampFlag.IP_ARG)) {
            if (p.ipArgFromReturnAddress()) {
                e.load(8, Reg.RAX, 8);
                e.subImm8(Reg.RAX, X86_PATCH_SIZE);
            } else {
                e.movAddress(Reg.RAX, addresses.funcAddr(), Relocation.Kind.FUNC_ADDR, "func_addr");
            }
            e.store(8, Reg.RAX, mutation == Mutation.IP_ARG_AT_META_SLOT ? -f.metaOff() : -f.ipOff());
        }
    }

    private void callOriginal() {
        restore_regs(f.regsOff());
        if (!p.registerArgumentsOnly()) {
            save_args(f.argStackOff(), true);
        }
        if (c.has(TrampFlag.TAIL_CALL_CTX)) {
            loadTailCallCntPtr();
        }
        if (c.has(TrampFlag.ORIG_STACK)) {
            Reg r = p.origStackRegister();
            e.load(8, r, 8);
            e.callReg(r);
        } else {
            e.call(origCall(), Relocation.Kind.ORIG_FUNC, "func_addr+" + (origCall() - addresses.funcAddr()));
        }
        e.store(8, Reg.RAX, -8);
        // ip_after_call: patched to jmp ip_epilogue when the trampoline is torn down.
        if (mutation != Mutation.NO_NOP5_AT_IP_AFTER_CALL) {
            e.nops(X86_PATCH_SIZE);
        }
    }

    /** The body of the traced function: past ENDBR (if the kernel has IBT) and past the patched fentry site. */
    private long origCall() {
        long orig = addresses.funcAddr();
        boolean adjust = p.origCallAdjustedUnderCallOrig() ? c.has(TrampFlag.CALL_ORIG) : c.has(TrampFlag.SKIP_FRAME);
        if (adjust) {
            boolean endbr = c.cpu().ibt() && mutation != Mutation.ORIG_CALL_WITHOUT_ENDBR;
            orig += (endbr ? ENDBR_INSN_SIZE : 0) + X86_PATCH_SIZE;
        }
        return orig;
    }

    /** LOAD_TRAMP_TAIL_CALL_CNT_PTR: rax = [rbp - round_up(stack_size, 8) - 8], always disp32. */
    private void loadTailCallCntPtr() {
        int stack = (f.stackSize() + 7) & ~7;
        e.loadDisp32(Reg.RAX, mutation == Mutation.TAIL_CALL_CNT_PTR_OFF_BY_8 ? -stack : -stack - 8);
    }

    private void emitEpilogue() {
        if (f.saveRet()) {
            e.load(8, Reg.RAX, -8);
        }
        if (p.pushesRbx()) {
            e.pop(Reg.RBX);
        } else {
            e.load(8, Reg.RBX, -f.rbxOff());
        }
        e.leave();
        if (c.has(TrampFlag.SKIP_FRAME) && mutation != Mutation.NO_ADD_RSP_FOR_SKIP_FRAME) {
            e.addRsp8();
        }
        emit_return();
    }

    private void emit_return() {
        if (c.cpu().returnThunk()) {
            long thunk = addresses.symbol(KernelSymbol.X86_RETURN_THUNK);
            e.jmp(thunk, Relocation.Kind.RETURN_THUNK, KernelSymbol.X86_RETURN_THUNK.symbol());
        } else {
            e.ret();
            if (c.cpu().sls()) {
                e.int3();
            }
        }
    }

    private void callHelper(KernelSymbol s) {
        e.call(addresses.symbol(s), Relocation.Kind.HELPER_CALL, s.symbol());
    }

    private void save_args(int stackSize, boolean forCallOrigin) {
        if (p.sizedArgumentMoves()) {
            save_regs_6_1(stackSize);
            return;
        }
        FuncModel m = c.model();
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
                    e.load(8, Reg.RAX, from);
                    e.store(8, Reg.RAX, -stackSize);
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
                    e.store(8, Reg.ARGS[nrRegs], -stackSize);
                    stackSize -= 8;
                    nrRegs++;
                }
            }
        }
        if (mutation != Mutation.NO_CLEAN_STACK_GARBAGE) {
            clean_stack_garbage(nrStackSlots, firstOff);
        }
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

    private void restore_regs(int stackSize) {
        if (p.sizedArgumentMoves()) {
            restore_regs_6_1(stackSize);
            return;
        }
        FuncModel m = c.model();
        int nrRegs = 0;
        for (int i = 0; i < Math.min(m.nrArgs(), ConfigValidator.MAX_BPF_FUNC_ARGS); i++) {
            int argRegs = m.slots(i);
            if (nrRegs + argRegs <= 6) {
                for (int j = 0; j < argRegs; j++) {
                    e.load(8, restoreTarget(nrRegs), -stackSize);
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

    /** 6.1 save_regs(): one store per register, with the argument's own width (8 for struct halves). */
    private void save_regs_6_1(int stackSize) {
        forEachRegister6_1((width, slot) -> e.store(width, Reg.ARGS[slot], -(stackSize - slot * 8)));
    }

    /** 6.1 restore_regs(): the mirror of {@link #save_regs_6_1}, zero-extending narrow arguments. */
    private void restore_regs_6_1(int stackSize) {
        forEachRegister6_1((width, slot) -> e.load(width, restoreTarget(slot), -(stackSize - slot * 8)));
    }

    /** The register argument slot {@code i} is reloaded into: Reg.ARGS[i] (X86_REG_R9 for the sixth). */
    private Reg restoreTarget(int i) {
        return i == 5 && mutation == Mutation.RESTORE_SIXTH_ARG_INTO_RBX ? Reg.RBX : Reg.ARGS[i];
    }

    private interface RegisterSlot {
        void accept(int width, int slot);
    }

    private void forEachRegister6_1(RegisterSlot action) {
        FuncModel m = c.model();
        int slot = 0;
        for (int i = 0; i < Math.min(m.nrArgs(), 6); i++) {
            int regs = m.isStruct(i) ? m.slots(i) : 1;
            int width = m.isStruct(i) ? 8 : m.size(i);
            for (int r = 0; r < regs; r++, slot++) {
                action.accept(width, slot);
            }
        }
    }

    private void invoke_bpf(List<BpfTrampLink> links, String kind, boolean saveRet) {
        for (int i = 0; i < links.size(); i++) {
            invoke_bpf_prog(links.get(i), kind + "[" + i + "]", saveRet);
        }
    }

    /** Returns the instruction indexes of the 6-byte holes that become jne do_fexit. */
    private List<Integer> invoke_bpf_mod_ret(List<BpfTrampLink> links) {
        ArrayList<Integer> branches = new ArrayList<>();
        if (links.isEmpty()) {
            return List.empty();
        }
        // The first fmod_ret program must not see a stale return value.
        e.movImm64(Reg.RAX, 0);
        e.store(8, Reg.RAX, -8);
        for (int i = 0; i < links.size(); i++) {
            invoke_bpf_prog(links.get(i), "fmod_ret[" + i + "]", true);
            e.cmpZero(mutation == Mutation.FMOD_RET_CMP_WRONG_SLOT ? -16 : -8);
            branches.add(e.reserve(6));
        }
        return List.ofAll(branches);
    }

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
            e.store(8, Reg.RAX, -8);
        }
        // jmp_insn[1] = prog - jmp_insn - 2: the rel8 counts from the end of the 2-byte je
        e.patchJcc(skip, "je", mutation == Mutation.JE_SKIP_PAST_TARGET ? e.offset() + 2 : e.offset());
        e.movAddress(Reg.RDI, prog, Relocation.Kind.PROG_POINTER, name + ".prog");
        e.movReg(Reg.RSI, Reg.RBX);
        e.lea(Reg.RDX, -f.runCtxOff());
        callHelper(KernelSymbol.exit(kind, sleepable));
    }

    /** run_ctx.bpf_cookie = cookie: mov rdi, cookie; mov [rbp - run_ctx_off], rdi. */
    private void storeCookie(BpfTrampLink l) {
        e.movImm64(Reg.RDI, l.cookie());
        e.store(8, Reg.RDI, -f.runCtxOff());
    }
}
