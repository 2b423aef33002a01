package multilink.x86;

/**
 * The trampoline's stack frame, offsets below rbp in the order __arch_prepare_bpf_trampoline() computes them
 * (6.1 bpf_jit_comp.c:2161-2179, 6.12 :2987-3022).
 *
 * @param nrRegs        argument slots (nr_regs): nr_args plus the extra slots of arguments wider than 8 bytes
 * @param saveRet       CALL_ORIG or RET_FENTRY_RET: the return value lives at [rbp-8]
 * @param regsOff       ctx pointer = rbp - regsOff; slot k at rbp - regsOff + 8k
 * @param metaOff       the slot count word (nregs_off / func_meta_off)
 * @param ipOff         the traced address (IP_ARG only)
 * @param rbxOff        saved rbx; 0 where rbx is pushed instead (6.1)
 * @param runCtxOff     struct bpf_tramp_run_ctx, cookie at +0
 * @param argStackOff   outgoing stack arguments for the original call; also the frame size (stack_size)
 * @param stackArgsBase where the caller's stack arguments start above rbp (24 after a call, 16 after jmp/indirect)
 * @param jmpEntry      entered with jmp from the ftrace site (bpf_trampoline_use_jmp())
 * @param usedRegs      get_nr_used_regs(): argument registers actually used
 */
public record FrameLayout(int nrRegs, boolean saveRet, int regsOff, int metaOff, int ipOff, int rbxOff,
                          int runCtxOff, int argStackOff, int stackArgsBase, boolean jmpEntry, int usedRegs) {
    static final int SIZEOF_BPF_TRAMP_RUN_CTX = 16;

    public int stackSize() {
        return argStackOff;
    }

    /** nr_regs: 6.1 :2124, :2134-2135; 6.12 :2933, :2951-2952 ({@link KernelProfile#countsSlotsOfEveryArgument}). */
    static int nrRegs(TrampolineConfig c) {
        FuncModel m = c.model();
        int n = m.nrArgs();
        for (int i = 0; i < m.nrArgs(); i++) {
            if (c.profile().countsSlotsOfEveryArgument() || m.isStruct(i)) {
                n += m.slots(i) - 1;
            }
        }
        return n;
    }

    /** get_nr_used_regs(): 6.12 :2568-2582. */
    static int usedRegs(FuncModel m) {
        int used = 0;
        for (int i = 0; i < Math.min(m.nrArgs(), 12); i++) {
            int slots = m.slots(i);
            if (used + slots <= 6) {
                used += slots;
            }
            if (used >= 6) {
                break;
            }
        }
        return used;
    }

    static FrameLayout of(TrampolineConfig c, Mutation mutation) {
        KernelProfile p = c.profile();
        int nrRegs = nrRegs(c);
        boolean saveRet = c.has(TrampFlag.CALL_ORIG) || c.has(TrampFlag.RET_FENTRY_RET);
        int stack = saveRet ? 8 : 0;
        stack += nrRegs * 8;
        int regsOff = stack;
        stack += 8;
        int metaOff = stack;
        if (c.has(TrampFlag.IP_ARG)) {
            stack += 8;
        }
        int ipOff = stack;
        int rbxOff = 0;
        // 6.1 pushes rbx below the frame instead (:2198)
        if (!p.pushesRbx()) {
            stack += 8;
            rbxOff = stack;
        }
        stack += mutation == Mutation.RUN_CTX_SIZED_8 ? 8 : SIZEOF_BPF_TRAMP_RUN_CTX;
        int runCtxOff = stack;
        boolean jmpEntry = p.hasJmpEntry() && c.has(TrampFlag.CALL_ORIG) && !c.has(TrampFlag.SKIP_FRAME);
        int used = usedRegs(c.model());
        // the outgoing stack-argument area: 6.12 :3010-3020 (6.1 has none)
        if (!p.registerArgumentsOnly() && nrRegs > 6 && c.has(TrampFlag.CALL_ORIG)) {
            stack += (nrRegs - used) * 8;
            // rsp must be 16-byte aligned at the original call: with the call entry two return addresses
            // and rbp sit above the frame, with the jmp entry only one.
            if (mutation != Mutation.STACK_ARG_AREA_UNPADDED) {
                if (jmpEntry) {
                    stack += stack % 16 != 0 ? 8 : 0;
                } else {
                    stack += stack % 16 != 0 ? 0 : 8;
                }
            }
        }
        boolean entryWithoutFentryCall = jmpEntry || (c.has(TrampFlag.INDIRECT) && p.indirectStackArgsAt16());
        return new FrameLayout(nrRegs, saveRet, regsOff, metaOff, ipOff, rbxOff, runCtxOff, stack,
                entryWithoutFentryCall ? 16 : 24, jmpEntry, used);
    }
}
