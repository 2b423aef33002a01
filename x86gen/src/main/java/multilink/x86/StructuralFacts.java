package multilink.x86;

import io.vavr.collection.List;

import java.util.ArrayList;

/**
 * Facts every image must satisfy, derived from the calling convention and the trampoline's contract rather than
 * from the generator's own layout code: stack alignment at calls, argument slots filled from the right registers
 * and caller stack words, programs called once each in order with their cookie in the run context, fmod_ret
 * branches landing on the fexit part, the ip_after_call patch site, and the right return sequence. These read
 * the instruction sequence; {@link FrameFacts} executes it. {@link #check} runs both.
 */
public final class StructuralFacts {
    public static final String STACK = "stack alignment and return";
    public static final String ARGS_SAVED = "arguments saved";
    public static final String REGS_RELOADED = "registers reloaded";
    public static final String PROGRAMS = "programs in order with cookies";
    public static final String FMOD_RET_BRANCHES = "fmod_ret branches land on fexit";
    public static final String JE_SKIPS = "je skips land on exit";
    public static final String IP_AFTER_CALL = "ip_after_call is nop5";

    private final TrampolineImage img;
    private final TrampolineConfig c;
    private final List<Insn> insns;
    private final ArrayList<FactViolation> violations = new ArrayList<>();
    private String fact = "";

    private StructuralFacts(TrampolineImage img) {
        this.img = img;
        this.c = img.config();
        this.insns = img.insns();
    }

    /** Every violated fact of both kinds, one line each: "fact: detail"; empty when the image is right. */
    public static List<String> check(TrampolineImage img) {
        return violations(img).map(FactViolation::toString);
    }

    /** The instruction-sequence facts here, then {@link FrameFacts}. */
    public static List<FactViolation> violations(TrampolineImage img) {
        return sequenceViolations(img).appendAll(FrameFacts.violations(img));
    }

    /** Only the facts read from the instruction sequence. */
    public static List<FactViolation> sequenceViolations(TrampolineImage img) {
        StructuralFacts f = new StructuralFacts(img);
        f.stackAlignmentAndReturn();
        f.argumentsSaved();
        f.programsInOrderWithCookies();
        f.fmodRetBranchesLandOnFexit();
        f.skipBranchesLandOnExit();
        f.ipAfterCallIsNop5();
        return List.ofAll(f.violations);
    }

    private void fail(String what) {
        violations.add(new FactViolation(fact, what));
    }

    private boolean entersByJmpOrIndirectCall() {
        boolean jmp = c.profile().hasJmpEntry() && c.has(TrampFlag.CALL_ORIG) && !c.has(TrampFlag.SKIP_FRAME);
        return jmp || c.has(TrampFlag.INDIRECT);
    }

    /**
     * rsp at entry: 0 mod 16 after the fentry call inside a function entered with rsp = 8 mod 16; 8 mod 16 when
     * jumped to or called indirectly. The x86-64 kernel keeps 8-byte alignment (-mpreferred-stack-boundary=3), so
     * helper calls only need 8; the call to the original function with stack arguments needs 16.
     */
    private void stackAlignmentAndReturn() {
        fact = STACK;
        int entry = entersByJmpOrIndirectCall() ? 8 : 0;
        long rsp = 0;
        long rbp = 0;
        boolean stackArgs = img.layout().nrRegs() > 6;
        Op last = null;
        long rspAtReturn = Long.MIN_VALUE;
        for (Insn i : insns) {
            Op op = i.op();
            if (op instanceof Op.Push) {
                rsp -= 8;
            } else if (op instanceof Op.Pop) {
                rsp += 8;
            } else if (op instanceof Op.SubRsp s) {
                rsp -= s.amount();
            } else if (op instanceof Op.AddRsp a) {
                rsp += a.amount();
            } else if (op instanceof Op.MovReg m && m.dst() == Reg.RBP && m.src() == Reg.RSP) {
                rbp = rsp;
            } else if (op instanceof Op.Leave) {
                rsp = rbp + 8;
            } else if (op instanceof Op.Call || op instanceof Op.CallReg) {
                long mod = Math.floorMod(entry + rsp, 16);
                if (mod % 8 != 0) {
                    fail(String.format("@%04x call with rsp misaligned (%d mod 16)", i.offset(), mod));
                }
                if (isOriginalCall(op) && stackArgs && mod != 0) {
                    fail(String.format("@%04x original call with stack arguments and rsp %d mod 16", i.offset(), mod));
                }
            } else if (op instanceof Op.Ret || op instanceof Op.Jmp) {
                rspAtReturn = rsp;
            }
            if (!(op instanceof Op.Int3)) {
                last = op;
            }
        }
        boolean thunk = c.cpu().returnThunk();
        if (thunk ? !(last instanceof Op.Jmp j && j.symbol().equals("__x86_return_thunk")) : !(last instanceof Op.Ret)) {
            fail("image does not end in " + (thunk ? "jmp __x86_return_thunk" : "ret"));
        }
        long expected = c.has(TrampFlag.SKIP_FRAME) ? 8 : 0;
        if (rspAtReturn != expected) {
            fail("rsp at return is entry" + (rspAtReturn >= 0 ? "+" : "") + rspAtReturn + ", expected entry+" + expected);
        }
        Insn end = insns.last();
        if (c.cpu().sls() && !thunk && !(end.op() instanceof Op.Int3)) {
            fail("no int3 after ret with SLS");
        }
    }

    private static boolean isOriginalCall(Op op) {
        return op instanceof Op.CallReg || op instanceof Op.Call call && call.symbol().startsWith("func_addr");
    }

    /** Offset of rbp-relative ctx: the lea rdi before the first program call. */
    private int ctxDisp() {
        for (Insn i : insns) {
            if (i.op() instanceof Op.Lea l && l.dst() == Reg.RDI) {
                return l.disp();
            }
        }
        return Integer.MIN_VALUE;
    }

    private void argumentsSaved() {
        fact = ARGS_SAVED;
        int ctx = ctxDisp();
        if (ctx == Integer.MIN_VALUE) {
            fail("no ctx pointer (lea rdi) found");
            return;
        }
        int firstCall = firstIndex(op -> op instanceof Op.Call);
        FuncModel m = c.model();
        int regs = 0;
        int stackSlot = 0;
        int slot = 0;
        int stackBase = 16 + (entersByJmpOrIndirectCall() && !sixteenIndirectBug() ? 0 : 8);
        boolean sdt = c.has(TrampFlag.SDT_PROBE);
        for (int a = 0; a < m.nrArgs(); a++) {
            int n = (m.size(a) + 7) / 8;
            boolean inRegs = sdt || regs + n <= 6;
            for (int j = 0; j < n; j++, slot++) {
                int disp = ctx + 8 * slot;
                int at = lastStoreBefore(disp, firstCall);
                if (at < 0) {
                    fail("argument " + a + " slot " + slot + " never saved to [rbp" + Hex.disp(disp) + "]");
                    continue;
                }
                Op.Store st = (Op.Store) insns.get(at).op();
                if (inRegs) {
                    Reg expected = argumentRegister(a, regs + j);
                    if (st.src() != expected) {
                        fail("argument " + a + " slot " + slot + " saved from " + st.src() + ", expected " + expected);
                    }
                } else {
                    int from = stackBase + 8 * stackSlot;
                    Op prev = insns.get(at - 1).op();
                    if (!(prev instanceof Op.Load ld && ld.dst() == st.src() && ld.disp() == from)) {
                        fail("argument " + a + " slot " + slot + " not copied from the caller's [rbp" + Hex.disp(from) + "]");
                    }
                    stackSlot++;
                }
            }
            if (inRegs) {
                regs += n;
            }
        }
        if (c.has(TrampFlag.RESTORE_REGS)) {
            registersReloaded(ctx, insns.size(), "RESTORE_REGS");
        }
        if (c.has(TrampFlag.CALL_ORIG)) {
            int orig = firstIndex(StructuralFacts::isOriginalCall);
            if (orig < 0) {
                fail("CALL_ORIG without a call to the original function");
            } else {
                registersReloaded(ctx, orig, "the original call");
            }
        }
    }

    /**
     * 6.18 and 6.12 read an INDIRECT trampoline's stack arguments at rbp+24 like a call entry (6.12
     * bpf_jit_comp.c:2627-2628); mainline fixed it.
     */
    private boolean sixteenIndirectBug() {
        return !c.profile().indirectStackArgsAt16() && c.has(TrampFlag.INDIRECT);
    }

    /** Each register argument is loaded back from its slot before instruction {@code before}. */
    private void registersReloaded(int ctx, int before, String where) {
        fact = REGS_RELOADED;
        FuncModel m = c.model();
        int regs = 0;
        int slot = 0;
        boolean sdt = c.has(TrampFlag.SDT_PROBE);
        for (int a = 0; a < m.nrArgs(); a++) {
            int n = (m.size(a) + 7) / 8;
            if (sdt || regs + n <= 6) {
                for (int j = 0; j < n; j++) {
                    Reg r = argumentRegister(a, regs + j);
                    int disp = ctx + 8 * (slot + j);
                    boolean found = false;
                    for (int k = before - 1; k >= 0 && !found; k--) {
                        found = insns.get(k).op() instanceof Op.Load ld && ld.dst() == r && ld.disp() == disp;
                    }
                    if (!found) {
                        fail(r + " not reloaded from [rbp" + Hex.disp(disp) + "] before " + where);
                    }
                }
                regs += n;
            }
            slot += n;
        }
    }

    /**
     * The register argument {@code a} (its slot {@code abiSlot} of the ABI registers) arrives in: rdi..r9 in order,
     * or for an SDT probe (seed 004) the register the JIT keeps BPF register arg_regs[a] in.
     */
    private Reg argumentRegister(int a, int abiSlot) {
        return c.has(TrampFlag.SDT_PROBE) ? c.model().sdtArgReg(a) : Reg.ARGS[abiSlot];
    }

    private int lastStoreBefore(int disp, int before) {
        int found = -1;
        for (int k = 0; k < before && k < insns.size(); k++) {
            if (insns.get(k).op() instanceof Op.Store s && s.disp() == disp) {
                found = k;
            }
        }
        return found;
    }

    private int firstIndex(java.util.function.Predicate<Op> p) {
        for (int k = 0; k < insns.size(); k++) {
            if (p.test(insns.get(k).op())) {
                return k;
            }
        }
        return -1;
    }

    private long bpfFunc(BpfTrampLink l, int k) {
        return l.bpfFunc().getOrElse(Placeholders.bpfFunc(k));
    }

    private void programsInOrderWithCookies() {
        fact = PROGRAMS;
        List<BpfTrampLink> order = c.links().inEmissionOrder();
        List<Long> expected = order.zipWithIndex().map(t -> bpfFunc(t._1, t._2));
        ArrayList<Long> called = new ArrayList<>();
        Long rdi = null;
        Long runCtxCookie = null;
        int runCtx = Integer.MIN_VALUE;
        Op prev = null;
        for (Insn i : insns) {
            Op op = i.op();
            Op before = prev;
            prev = op;
            if (op instanceof Op.LoadImm li && li.dst() == Reg.RDI) {
                rdi = li.value();
            } else if (op instanceof Op.Store s && s.src() == Reg.RDI && before instanceof Op.LoadImm) {
                runCtxCookie = rdi;
                runCtx = s.disp();
            } else if (op instanceof Op.Lea l && l.dst() == Reg.RSI && l.disp() != runCtx) {
                fail(String.format("@%04x run_ctx passed at [rbp%s] but cookie stored at [rbp%s]", i.offset(),
                        Hex.disp(l.disp()), Hex.disp(runCtx)));
            } else if (op instanceof Op.Call call && expected.contains(call.target())) {
                int k = called.size();
                called.add(call.target());
                if (k < order.size() && (runCtxCookie == null || runCtxCookie != order.get(k).cookie())) {
                    fail(String.format("@%04x program %d called with cookie %s in run_ctx, expected %s", i.offset(), k,
                            runCtxCookie == null ? "none" : Hex.imm(runCtxCookie), Hex.imm(order.get(k).cookie())));
                }
                runCtxCookie = null;
            }
        }
        if (!List.ofAll(called).equals(expected)) {
            fail("programs called " + called + ", expected " + expected);
        }
    }

    /** jne targets: one 16-aligned offset, the start of the first fexit program or of the epilogue. */
    private void fmodRetBranchesLandOnFexit() {
        fact = FMOD_RET_BRANCHES;
        List<Op.Jcc> jnes = insns.map(Insn::op).filter(o -> o instanceof Op.Jcc j && j.mnemonic().equals("jne"))
                .map(o -> (Op.Jcc) o);
        if (jnes.size() != c.links().fmodRet().size()) {
            fail(jnes.size() + " jne branches for " + c.links().fmodRet().size() + " fmod_ret programs");
        }
        if (jnes.isEmpty()) {
            return;
        }
        long target = jnes.head().target();
        if (jnes.exists(j -> j.target() != target)) {
            fail("fmod_ret branches go to different places");
        }
        int off = (int) (target - img.imageAddress());
        if (off % 16 != 0) {
            fail(String.format("do_fexit at %04x is not 16-byte aligned", off));
        }
        int idx = insns.indexWhere(i -> i.offset() == off);
        if (idx < 0) {
            fail(String.format("do_fexit at %04x is not an instruction start", off));
            return;
        }
        int lastFmodExit = insns.lastIndexWhere(i -> i.op() instanceof Op.Jcc j && j.mnemonic().equals("jne"));
        int orig = insns.lastIndexWhere(i -> isOriginalCall(i.op()));
        if (idx <= lastFmodExit || idx <= orig) {
            fail("do_fexit is not after the fmod_ret programs and the original call");
        }
        for (int k = Math.max(lastFmodExit, orig) + 1; k < idx; k++) {
            Op op = insns.get(k).op();
            boolean allowed = op instanceof Op.Nop || op instanceof Op.Store || op instanceof Op.Load
                    || op instanceof Op.LoadImm || op instanceof Op.CallReg;
            if (!allowed) {
                fail(String.format("@%04x unexpected instruction between the original call and do_fexit", insns.get(k).offset()));
            }
        }
        if (!c.links().fexit().isEmpty()) {
            Op first = insns.get(idx).op();
            if (!(first instanceof Op.LoadImm li && li.dst() == Reg.RDI && li.value() == c.links().fexit().head().cookie())) {
                fail("do_fexit does not start the first fexit program (cookie load)");
            }
        }
    }

    /** je after test rax,rax skips to the exit-helper sequence of the same program. */
    private void skipBranchesLandOnExit() {
        fact = JE_SKIPS;
        for (Insn i : insns) {
            if (i.op() instanceof Op.Jcc j && j.mnemonic().equals("je")) {
                int off = (int) (j.target() - img.imageAddress());
                int idx = insns.indexWhere(x -> x.offset() == off);
                if (idx < 0 || !(insns.get(idx).op() instanceof Op.LoadImm li && li.dst() == Reg.RDI)) {
                    fail(String.format("@%04x je does not land on the exit sequence (mov rdi, prog)", i.offset()));
                } else if (idx >= 1 && !(insns.get(idx - 1).op() instanceof Op.Call
                        || insns.get(idx - 1).op() instanceof Op.Store)) {
                    fail(String.format("@%04x je lands after something other than the program call", i.offset()));
                }
            }
        }
    }

    /**
     * CALL_ORIG: right after the original call returns and its value is saved comes the 5-byte NOP im->ip_after_call
     * points at; bpf_tramp_image_put() text-pokes it into jmp ip_epilogue when the image is retired, and
     * bpf_arch_text_poke() refuses a site whose bytes are not the nop5 it expects (kernel-facts 6.3 step 6, 6.7).
     */
    private void ipAfterCallIsNop5() {
        fact = IP_AFTER_CALL;
        if (!c.has(TrampFlag.CALL_ORIG)) {
            return;
        }
        int orig = insns.indexWhere(i -> isOriginalCall(i.op()));
        if (orig < 0) {
            return;
        }
        int k = orig + 1;
        while (k < insns.size() && insns.get(k).op() instanceof Op.Store s && s.src() == Reg.RAX) {
            k++;
        }
        if (k >= insns.size() || !(insns.get(k).op() instanceof Op.Nop n && n.length() == 5)) {
            fail(String.format("@%04x after the original call and the store of its return value: %s, expected a "
                    + "5-byte nop (ip_after_call)", k < insns.size() ? insns.get(k).offset() : img.size(),
                    k < insns.size() ? "'" + insns.get(k).text() + "'" : "the end of the image"));
        }
    }
}
