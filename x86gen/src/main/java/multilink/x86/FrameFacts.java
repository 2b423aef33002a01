package multilink.x86;

import io.vavr.collection.List;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an image on symbolic values, path by path, and checks what every callee and the traced function's caller
 * find in the registers and the frame. Values are bytes of symbols (the entry registers, the caller's stack words,
 * each call's return value), constants, frame addresses, and undefined bytes (frame memory never written, registers
 * a call clobbered). The paths are the one through every program with no branch taken, and one per conditional
 * branch with only that branch taken (a skipped program, or an fmod_ret program returning non-zero).
 *
 * <p>The facts are contracts a kernel reader can check against the source: the helper signatures
 * {@code __bpf_prog_enter*(prog, run_ctx)} / {@code __bpf_prog_exit*(prog, start, run_ctx)} and their choice by
 * {@code bpf_trampoline_enter()}; the ctx layout BPF programs and the {@code bpf_get_func_*} helpers read (arguments,
 * slot count at ctx[-1], traced address at ctx[-2], return value at ctx[nr_args]); the System V calling convention
 * (callee-saved rbx, rbp, r12-r15; caller-saved argument registers; the callee owns its stack arguments); the kernel's
 * -mno-red-zone (nothing lives below rsp); and the trampoline's own contract (the original call gets the traced
 * function's arguments, the return value is the original's or the fmod_ret program's that overrode it).
 */
public final class FrameFacts {
    public static final String CONTROL_FLOW = "control flow";
    public static final String FRAME_POINTER = "rbp is the frame pointer";
    public static final String NO_RED_ZONE = "no data below rsp";
    public static final String ENTER = "enter helper, prog and run_ctx";
    public static final String PROGRAM_CTX = "program sees its ctx and cookie";
    public static final String EXIT = "exit helper gets prog, start time and run_ctx";
    public static final String FMOD_RET_TEST = "fmod_ret tests the program's return value";
    public static final String ORIG_CALL = "original call gets the traced function's arguments";
    public static final String TRAMP_IM = "__bpf_tramp_enter/exit get im";
    public static final String TAIL_CALL = "tail-call counter pointer passed on";
    public static final String CALLEE_SAVED = "callee-saved registers at return";
    public static final String RETURN_VALUE = "return value";
    public static final String RESTORED_ARGS = "argument registers at return";

    private static final int MAX_VIOLATIONS = 20;

    private final TrampolineImage img;
    private final TrampolineConfig c;
    private final Insn[] insns;
    private final Map<Integer, Integer> indexAt = new HashMap<>();
    private final Map<Long, KernelSymbol> helpers = new HashMap<>();
    private final List<BpfTrampLink> order;
    private final long[] progs;
    private final long[] bpfFuncs;
    private final Slot[] slots;
    private final int nrSlots;
    private final int metaWord;
    private final boolean callEntry;
    private final int stackArgsAt;
    private final LinkedHashMap<String, FactViolation> violations = new LinkedHashMap<>();
    /** The addresses (relative to rsp at entry) a path keeps in an array; others go to a map. */
    private final int memLow;
    private final int memHigh;
    private final HashMap<Long, Sym> callerWords = new HashMap<>();

    private FrameFacts(TrampolineImage img) {
        this.img = img;
        this.c = img.config();
        this.insns = img.insns().toJavaArray(Insn[]::new);
        for (int k = 0; k < insns.length; k++) {
            indexAt.put(insns[k].offset(), k);
        }
        for (KernelSymbol s : KernelSymbol.values()) {
            helpers.putIfAbsent(c.addresses().symbol(s), s);
        }
        this.order = c.links().inEmissionOrder();
        this.progs = new long[order.size()];
        this.bpfFuncs = new long[order.size()];
        for (int k = 0; k < order.size(); k++) {
            progs[k] = order.get(k).prog().getOrElse(Placeholders.prog(k));
            bpfFuncs[k] = order.get(k).bpfFunc().getOrElse(Placeholders.bpfFunc(k));
        }
        boolean jmp = c.profile().hasJmpEntry() && c.has(TrampFlag.CALL_ORIG) && !c.has(TrampFlag.SKIP_FRAME);
        boolean indirect = c.has(TrampFlag.INDIRECT);
        this.callEntry = !jmp && !indirect;
        // 6.18 and 6.12 read an INDIRECT trampoline's stack arguments where a call entry has them (one word off;
        // mainline fixed it, README "Differences" 3): the frame is laid out as that kernel assumes.
        boolean indirectAsCall = indirect && !c.profile().indirectStackArgsAt16();
        this.stackArgsAt = callEntry || indirectAsCall ? 16 : 8;
        this.slots = slots(c);
        this.nrSlots = slots.length;
        this.metaWord = metaWord(c);
        int below = 64;
        for (Insn i : insns) {
            below += i.op() instanceof Op.SubRsp s ? Math.max(0, s.amount()) : i.op() instanceof Op.Push ? 8 : 0;
        }
        this.memLow = -Math.min(below, 1 << 16);
        this.memHigh = stackArgsAt + 8 * slots.length + 64;
    }

    private Sym callerWord(long at) {
        return callerWords.computeIfAbsent(at, a -> new Sym(String.format("the caller's stack word at entry rsp+0x%x", a)));
    }

    /** Every violated fact once, with the first path that shows it; at most {@value #MAX_VIOLATIONS}. */
    public static List<FactViolation> violations(TrampolineImage img) {
        FrameFacts f = new FrameFacts(img);
        int branches = img.insns().count(i -> i.op() instanceof Op.Jcc);
        for (int taken = -1; taken < branches && f.violations.size() < MAX_VIOLATIONS; taken++) {
            f.new Path(taken).run();
        }
        return List.ofAll(f.violations.values()).take(MAX_VIOLATIONS);
    }

    // ---------------------------------------------------------------- what the caller passes

    /** One 8-byte ctx slot: where its value comes from and how many of its low bytes the ABI defines. */
    private record Slot(int arg, Reg reg, int stackWord, int defined) {
        boolean inRegister() {
            return reg != null;
        }
    }

    /**
     * The System V assignment of argument slots: a whole argument in registers while it fits, else on the stack. An
     * SDT probe's arguments (seed 004) are one 8-byte slot each, in the register the JIT keeps BPF register
     * arg_regs[k] in.
     */
    private static Slot[] slots(TrampolineConfig c) {
        FuncModel m = c.model();
        ArrayList<Slot> out = new ArrayList<>();
        if (c.has(TrampFlag.SDT_PROBE)) {
            for (int a = 0; a < m.nrArgs(); a++) {
                out.add(new Slot(a, m.sdtArgReg(a), -1, 8));
            }
            return out.toArray(new Slot[0]);
        }
        int regs = 0;
        int stack = 0;
        for (int a = 0; a < m.nrArgs(); a++) {
            int n = (m.size(a) + 7) / 8;
            boolean inRegs = regs + n <= 6;
            for (int j = 0; j < n; j++) {
                int defined = Math.min(8, m.size(a) - 8 * j);
                out.add(inRegs ? new Slot(a, Reg.ARGS[regs + j], -1, defined) : new Slot(a, null, stack++, defined));
            }
            if (inRegs) {
                regs += n;
            }
        }
        return out.toArray(new Slot[0]);
    }

    /** The slot count at ctx[-1]: every >8-byte argument counts its slots on mainline, only structs before. */
    private static int metaWord(TrampolineConfig c) {
        FuncModel m = c.model();
        int n = 0;
        for (int a = 0; a < m.nrArgs(); a++) {
            n += c.profile().countsSlotsOfEveryArgument() || m.isStruct(a) ? (m.size(a) + 7) / 8 : 1;
        }
        return n;
    }

    private int stackSlots() {
        int n = 0;
        for (Slot s : slots) {
            n += s.inRegister() ? 0 : 1;
        }
        return n;
    }

    /**
     * The compilers pass a lone stack argument of at most 4 bytes in a 4-byte store, leaving the upper half of its
     * stack word undefined (the case clean_stack_garbage() exists for); every other stack word is a full push.
     */
    private boolean loneNarrowStackArg() {
        if (stackSlots() != 1) {
            return false;
        }
        for (Slot s : slots) {
            if (!s.inRegister()) {
                return c.model().size(s.arg()) <= 4;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- symbolic values

    private sealed interface Term permits Lit, Sym, Ret, Frame, Undefined {
    }

    /** Literal bytes: an Atom of Lit carries the byte value as its index. */
    private enum Lit implements Term { BYTE }

    private record Sym(String name) implements Term {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The value a call returns in rax; one per call instruction (the name is only for messages). */
    private record Ret(int offset, String callee) implements Term {
        @Override
        public boolean equals(Object o) {
            return o instanceof Ret r && r.offset == offset;
        }

        @Override
        public int hashCode() {
            return offset;
        }

        @Override
        public String toString() {
            return "the return value of " + callee + String.format(" @%04x", offset);
        }
    }

    /** A stack address, relative to rsp at entry. */
    private record Frame(long off) implements Term {
        @Override
        public String toString() {
            return "the address rbp" + Hex.disp((int) (off + 8));
        }
    }

    /** Never equal to anything, itself included; {@code why} is formatted with {@code at} when shown. */
    private record Undefined(String why, int at) implements Term {
        Undefined(String why) {
            this(why, -1);
        }

        @Override
        public String toString() {
            return at < 0 ? why : String.format(why, at);
        }
    }

    private record Atom(Term term, int index) {
        boolean defined() {
            return !(term instanceof Undefined);
        }

        boolean same(Atom o) {
            return defined() && o.defined() && equals(o);
        }
    }

    private static final Atom[] LIT_BYTES = new Atom[256];
    private static final EnumMap<Reg, Atom[]> ENTRY = new EnumMap<>(Reg.class);
    private static final Sym RETURN_INTO_TRACED = new Sym("the return address into the traced function");
    private static final Sym RETURN_INTO_CALLER = new Sym("the return address into the caller");
    private static final Sym RETURN_INTO_CALLERS_CALLER =
            new Sym("the return address into the traced function's caller");
    private static final Atom UNINITIALISED = new Atom(new Undefined("uninitialised frame memory"), 0);

    static {
        for (int b = 0; b < 256; b++) {
            LIT_BYTES[b] = new Atom(Lit.BYTE, b);
        }
        for (Reg r : Reg.values()) {
            ENTRY.put(r, full(new Sym(r + " at entry")));
        }
    }

    private static Atom[] full(Term t) {
        Atom[] v = new Atom[8];
        for (int i = 0; i < 8; i++) {
            v[i] = new Atom(t, i);
        }
        return v;
    }

    private static Atom[] lit(long value) {
        Atom[] v = new Atom[8];
        for (int i = 0; i < 8; i++) {
            v[i] = LIT_BYTES[(int) ((value >>> (8 * i)) & 0xff)];
        }
        return v;
    }

    private static Atom[] undefined(String why) {
        return full(new Undefined(why));
    }

    private static Term termOf(Atom[] v) {
        for (int i = 0; i < 8; i++) {
            if (!v[i].term().equals(v[0].term()) || v[i].index() != i || v[i].term() == Lit.BYTE) {
                return null;
            }
        }
        return v[0].term();
    }

    private static Long valueOf(Atom[] v) {
        long out = 0;
        for (int i = 7; i >= 0; i--) {
            if (v[i].term() != Lit.BYTE) {
                return null;
            }
            out = (out << 8) | v[i].index();
        }
        return out;
    }

    private static boolean sameLow(Atom[] a, Atom[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (!a[i].same(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDefined(Atom[] v) {
        for (Atom a : v) {
            if (!a.defined()) {
                return false;
            }
        }
        return true;
    }

    private static String show(Atom[] v) {
        Long value = valueOf(v);
        if (value != null) {
            return Hex.imm(value);
        }
        Term t = termOf(v);
        if (t != null) {
            return t.toString();
        }
        StringBuilder sb = new StringBuilder("bytes[");
        for (int i = 0; i < 8; i++) {
            Atom a = v[i];
            sb.append(i > 0 ? ", " : "").append(a.term() == Lit.BYTE ? String.format("%02x", a.index())
                    : a.term() + (a.defined() ? "#" + a.index() : ""));
        }
        return sb.append(']').toString();
    }

    // ---------------------------------------------------------------- one path

    private final class Path {
        private final int taken;
        private final EnumMap<Reg, Atom[]> regs = new EnumMap<>(Reg.class);
        private final Atom[] mem = new Atom[memHigh - memLow];
        private final HashMap<Long, Atom> far = new HashMap<>();
        private long rsp;
        private int branchesSeen;
        private int enters;
        /** Program the last enter helper call was for, and what it handed over. */
        private int current = -1;
        private long runCtx;
        private Term start;
        /** Return value of the last program call per program, on this path. */
        private final Term[] progRet = new Term[order.size()];
        /** What the trampoline must return (and fexit programs see): the original's value or an fmod_ret override. */
        private Term retval;

        Path(int taken) {
            this.taken = taken;
            regs.putAll(ENTRY);
            write(0, full(callEntry ? RETURN_INTO_TRACED : RETURN_INTO_CALLER));
            if (callEntry) {
                write(8, full(RETURN_INTO_CALLERS_CALLER));
            }
            boolean lone = loneNarrowStackArg();
            for (int j = 0; j < stackSlots(); j++) {
                Atom[] word = full(new Sym("caller stack argument word " + j));
                if (lone) {
                    System.arraycopy(undefined("the caller's undefined upper half"), 4, word, 4, 4);
                }
                write(stackArgsAt + 8L * j, word);
            }
        }

        private String where() {
            if (taken < 0) {
                return "no branch taken";
            }
            Insn b = img.insns().filter(i -> i.op() instanceof Op.Jcc).get(taken);
            return String.format("%s @%04x taken", ((Op.Jcc) b.op()).mnemonic(), b.offset());
        }

        private void fail(String fact, Insn at, String detail) {
            String d = (at == null ? "" : String.format("@%04x ", at.offset())) + detail;
            violations.putIfAbsent(fact + "\n" + d, new FactViolation(fact, d + " [" + where() + "]"));
        }

        private Atom[] reg(Reg r) {
            return regs.get(r);
        }

        private Atom[] read(long addr, int width) {
            Atom[] v = lit(0);
            for (int i = 0; i < width; i++) {
                long at = addr + i;
                Atom a = at >= memLow && at < memHigh ? mem[(int) (at - memLow)] : far.get(at);
                v[i] = a != null ? a : at >= 0 ? new Atom(callerWord(at & ~7L), (int) (at & 7)) : UNINITIALISED;
            }
            return v;
        }

        private void write(long addr, Atom[] v) {
            write(addr, v, 8);
        }

        private void write(long addr, Atom[] v, int width) {
            for (int i = 0; i < width; i++) {
                long at = addr + i;
                if (at >= memLow && at < memHigh) {
                    mem[(int) (at - memLow)] = v[i];
                } else {
                    far.put(at, v[i]);
                }
            }
        }

        /** rbp as a frame address; null (and a violation) when it is not one. */
        private Long rbp(Insn at) {
            Term t = termOf(reg(Reg.RBP));
            if (t instanceof Frame f) {
                return f.off();
            }
            fail(FRAME_POINTER, at, "rbp-relative access with rbp holding " + show(reg(Reg.RBP)));
            return null;
        }

        private void access(Insn at, long addr, int width, String what) {
            if (addr < rsp) {
                fail(NO_RED_ZONE, at, String.format("%s %d bytes at rbp%s, below rsp (rbp%s): an interrupt or a "
                        + "call can overwrite it", what, width, Hex.disp((int) (addr + 8)), Hex.disp((int) (rsp + 8))));
            }
        }

        void run() {
            int idx = 0;
            while (true) {
                if (idx >= insns.length) {
                    fail(CONTROL_FLOW, null, "execution runs past the end of the image");
                    return;
                }
                Insn i = insns[idx];
                Op op = i.op();
                int next = idx + 1;
                if (op instanceof Op.Push p) {
                    rsp -= 8;
                    write(rsp, reg(p.reg()));
                } else if (op instanceof Op.Pop p) {
                    regs.put(p.reg(), read(rsp, 8));
                    rsp += 8;
                } else if (op instanceof Op.MovReg m) {
                    if (m.src() == Reg.RSP) {
                        regs.put(m.dst(), full(new Frame(rsp)));
                    } else {
                        regs.put(m.dst(), reg(m.src()));
                    }
                } else if (op instanceof Op.SubRsp s) {
                    rsp -= s.amount();
                } else if (op instanceof Op.AddRsp a) {
                    rsp += a.amount();
                } else if (op instanceof Op.Store s) {
                    Long base = rbp(i);
                    if (base == null) {
                        return;
                    }
                    access(i, base + s.disp(), s.width(), "store of");
                    write(base + s.disp(), reg(s.src()), s.width());
                } else if (op instanceof Op.StoreZero32 z) {
                    Long base = rbp(i);
                    if (base == null) {
                        return;
                    }
                    access(i, base + z.disp(), 4, "store of");
                    write(base + z.disp(), lit(0), 4);
                } else if (op instanceof Op.Load l) {
                    Long base = rbp(i);
                    if (base == null) {
                        return;
                    }
                    access(i, base + l.disp(), l.width(), "load of");
                    regs.put(l.dst(), read(base + l.disp(), l.width()));
                } else if (op instanceof Op.LoadImm li) {
                    regs.put(li.dst(), lit(li.value()));
                } else if (op instanceof Op.Lea l) {
                    Long base = rbp(i);
                    if (base == null) {
                        return;
                    }
                    regs.put(l.dst(), full(new Frame(base + l.disp())));
                } else if (op instanceof Op.CmpZero cz) {
                    Long base = rbp(i);
                    if (base == null) {
                        return;
                    }
                    access(i, base + cz.disp(), 8, "compare of");
                    fmodRetTest(i, read(base + cz.disp(), 8));
                } else if (op instanceof Op.Leave) {
                    Term t = termOf(reg(Reg.RBP));
                    if (!(t instanceof Frame f)) {
                        fail(FRAME_POINTER, i, "leave with rbp holding " + show(reg(Reg.RBP)));
                        return;
                    }
                    rsp = f.off();
                    regs.put(Reg.RBP, read(rsp, 8));
                    rsp += 8;
                } else if (op instanceof Op.Call call) {
                    if (!call(i, call.target())) {
                        return;
                    }
                    clobber(i, call.symbol());
                } else if (op instanceof Op.CallReg cr) {
                    originalCall(i, null, reg(cr.reg()));
                    clobber(i, "the original function");
                } else if (op instanceof Op.Jcc j) {
                    if (branchesSeen++ == taken) {
                        if (j.mnemonic().equals("jne")) {
                            // a non-zero fmod_ret value skips the remaining fmod_ret programs and the original call
                            if (current >= 0 && progRet[current] != null) {
                                retval = progRet[current];
                            }
                            enters = c.links().fentry().size() + c.links().fmodRet().size();
                        }
                        Integer to = indexAt.get((int) (j.target() - img.imageAddress()));
                        if (to == null || to <= idx) {
                            fail(CONTROL_FLOW, i, j.mnemonic() + " to " + Hex.imm(j.target())
                                    + (to == null ? ", not the start of an instruction" : ", backwards"));
                            return;
                        }
                        next = to;
                    }
                } else if (op instanceof Op.Jmp j) {
                    if (j.target() != c.addresses().symbol(KernelSymbol.X86_RETURN_THUNK)) {
                        fail(CONTROL_FLOW, i, "jmp to " + Hex.imm(j.target()) + ", not the return thunk");
                        return;
                    }
                    atReturn(i);
                    return;
                } else if (op instanceof Op.Ret) {
                    atReturn(i);
                    return;
                } else if (op instanceof Op.Int3) {
                    fail(CONTROL_FLOW, i, "int3 reached");
                    return;
                }
                idx = next;
            }
        }

        private static final Reg[] CALLER_SAVED = {Reg.RCX, Reg.RDX, Reg.RSI, Reg.RDI, Reg.R8, Reg.R9, Reg.R10, Reg.R11};

        /** Caller-saved registers are the callee's; rax is its return value. */
        private void clobber(Insn at, String callee) {
            Atom[] gone = full(new Undefined("a caller-saved register after the call @%04x", at.offset()));
            for (Reg r : CALLER_SAVED) {
                regs.put(r, gone);
            }
            regs.put(Reg.RAX, full(new Ret(at.offset(), callee)));
        }

        /** False when the path cannot go on. */
        private boolean call(Insn i, long target) {
            KernelSymbol s = helpers.get(target);
            if (s != null) {
                switch (s) {
                    case BPF_PROG_ENTER, BPF_PROG_ENTER_RECUR, BPF_PROG_ENTER_SLEEPABLE, BPF_PROG_ENTER_SLEEPABLE_RECUR:
                        return enter(i, s);
                    case BPF_PROG_EXIT, BPF_PROG_EXIT_RECUR, BPF_PROG_EXIT_SLEEPABLE, BPF_PROG_EXIT_SLEEPABLE_RECUR:
                        exit(i, s);
                        return true;
                    case BPF_TRAMP_ENTER, BPF_TRAMP_EXIT:
                        if (!sameLow(reg(Reg.RDI), lit(c.addresses().imOrPlaceholder()), 8)) {
                            fail(TRAMP_IM, i, s.symbol() + " called with rdi = " + show(reg(Reg.RDI)) + ", expected im "
                                    + Hex.imm(c.addresses().imOrPlaceholder()));
                        }
                        return true;
                    default:
                        fail(CONTROL_FLOW, i, "call to " + s.symbol());
                        return false;
                }
            }
            if (current >= 0 && target == bpfFuncs[current]) {
                program(i);
                return true;
            }
            for (int k = 0; k < bpfFuncs.length; k++) {
                if (target == bpfFuncs[k]) {
                    fail(PROGRAM_CTX, i, "calls program " + k + "'s bpf_func after entering "
                            + (current < 0 ? "no program" : "program " + current));
                    return false;
                }
            }
            long func = c.addresses().funcAddrOrPlaceholder();
            if (target - func >= 0 && target - func <= 16) {
                originalCall(i, target, null);
                return true;
            }
            fail(CONTROL_FLOW, i, "call to " + Hex.imm(target) + ", which is no helper, program or the traced function");
            return false;
        }

        private String progName(int k) {
            int fentry = c.links().fentry().size();
            int fmod = c.links().fmodRet().size();
            return k < fentry ? "fentry[" + k + "]" : k < fentry + fmod ? "fmod_ret[" + (k - fentry) + "]"
                    : "fexit[" + (k - fentry - fmod) + "]";
        }

        private boolean isFmodRet(int k) {
            int fentry = c.links().fentry().size();
            return k >= fentry && k < fentry + c.links().fmodRet().size();
        }

        private boolean isFexit(int k) {
            return k >= c.links().fentry().size() + c.links().fmodRet().size();
        }

        /** __bpf_prog_enter*(prog, run_ctx): the helper bpf_trampoline_enter() picks, run_ctx holding the cookie. */
        private boolean enter(Insn i, KernelSymbol s) {
            int k = enters++;
            if (k >= order.size()) {
                fail(ENTER, i, s.symbol() + " called more often than there are programs");
                return false;
            }
            BpfTrampLink l = order.get(k);
            String name = progName(k);
            KernelSymbol expected = KernelSymbol.enter(c.kind(), l.sleepable());
            if (s != expected) {
                fail(ENTER, i, name + (l.sleepable() ? " (sleepable)" : "") + " entered through " + s.symbol()
                        + ", bpf_trampoline_enter() picks " + expected.symbol());
            }
            if (!sameLow(reg(Reg.RDI), lit(progs[k]), 8)) {
                fail(ENTER, i, name + ": rdi = " + show(reg(Reg.RDI)) + ", expected its struct bpf_prog "
                        + Hex.imm(progs[k]));
            }
            current = k;
            start = new Ret(i.offset(), s.symbol());
            Term t = termOf(reg(Reg.RSI));
            if (!(t instanceof Frame f)) {
                fail(ENTER, i, name + ": rsi = " + show(reg(Reg.RSI)) + ", expected the address of its run_ctx");
                runCtx = Long.MIN_VALUE;
                return true;
            }
            runCtx = f.off();
            access(i, runCtx, 16, "run_ctx of");
            Atom[] cookie = read(runCtx, 8);
            if (!sameLow(cookie, lit(l.cookie()), 8)) {
                fail(ENTER, i, name + ": run_ctx.bpf_cookie holds " + show(cookie) + " when " + s.symbol()
                        + " publishes run_ctx, expected the cookie " + Hex.imm(l.cookie()));
            }
            // the helper saves the task's previous run_ctx in run_ctx->saved_run_ctx
            write(runCtx + 8, full(new Sym("saved_run_ctx of " + name)));
            return true;
        }

        /** The program: its cookie still in run_ctx, its ctx holding the arguments and what bpf_get_func_*() read. */
        private void program(Insn i) {
            int k = current;
            String name = progName(k);
            if (runCtx != Long.MIN_VALUE) {
                Atom[] cookie = read(runCtx, 8);
                if (!sameLow(cookie, lit(order.get(k).cookie()), 8)) {
                    fail(PROGRAM_CTX, i, name + " runs with run_ctx.bpf_cookie = " + show(cookie) + ", expected "
                            + Hex.imm(order.get(k).cookie()));
                }
            }
            Term t = termOf(reg(Reg.RDI));
            if (!(t instanceof Frame f)) {
                fail(PROGRAM_CTX, i, name + ": rdi = " + show(reg(Reg.RDI)) + ", expected the ctx pointer");
            } else {
                ctx(i, name, f.off(), k);
            }
            progRet[k] = new Ret(i.offset(), name);
        }

        private void ctx(Insn i, String name, long ctx, int k) {
            access(i, ctx - (c.has(TrampFlag.IP_ARG) ? 16 : 8), 8 * (nrSlots + 2), "ctx of");
            for (int s = 0; s < nrSlots; s++) {
                Slot slot = slots[s];
                Atom[] v = read(ctx + 8L * s, 8);
                Atom[] src = slot.inRegister() ? entry(slot.reg()) : read(stackArgsAt + 8L * slot.stackWord(), 8);
                if (!sameLow(v, src, slot.defined())) {
                    String from = slot.inRegister() ? slot.reg() + " at entry" : "caller stack word " + slot.stackWord();
                    fail(PROGRAM_CTX, i, String.format("%s: ctx[%d] (argument %d) holds %s, expected %s in its low %d "
                            + "bytes", name, s, slot.arg(), show(v), from, slot.defined()));
                } else if (!allDefined(v)) {
                    fail(PROGRAM_CTX, i, String.format("%s: ctx[%d] (argument %d) has undefined bytes: %s; a program "
                            + "reads all 8", name, s, slot.arg(), show(v)));
                }
            }
            Atom[] meta = read(ctx - 8, 8);
            if (!sameLow(meta, lit(metaWord), 8)) {
                fail(PROGRAM_CTX, i, name + ": ctx[-1] holds " + show(meta) + ", expected the slot count " + metaWord
                        + " (bpf_get_func_arg_cnt)");
            }
            if (c.has(TrampFlag.IP_ARG)) {
                Atom[] ip = read(ctx - 16, 8);
                if (!sameLow(ip, lit(c.addresses().funcAddrOrPlaceholder()), 8)) {
                    fail(PROGRAM_CTX, i, name + ": ctx[-2] holds " + show(ip) + ", expected the traced address "
                            + Hex.imm(c.addresses().funcAddrOrPlaceholder()) + " (bpf_get_func_ip)");
                }
            }
            Atom[] ret = read(ctx + 8L * nrSlots, 8);
            if (isFexit(k) && retval != null && !sameLow(ret, full(retval), 8)) {
                fail(PROGRAM_CTX, i, String.format("%s: ctx[%d] holds %s, expected %s (the return value fexit sees)",
                        name, nrSlots, show(ret), retval));
            }
            if (isFmodRet(k)) {
                int first = c.links().fentry().size();
                Term prev = k > first ? progRet[k - 1] : null;
                boolean ok = sameLow(ret, lit(0), 8) || prev != null && sameLow(ret, full(prev), 8);
                if ((k == first || prev != null) && !ok) {
                    fail(PROGRAM_CTX, i, String.format("%s: ctx[%d] holds %s, expected 0%s", name, nrSlots, show(ret),
                            prev == null ? "" : " or " + prev));
                }
            }
        }

        private Atom[] entry(Reg r) {
            return ENTRY.get(r);
        }

        /** __bpf_prog_exit*(prog, start, run_ctx): the partner helper, enter's return value, the same run_ctx. */
        private void exit(Insn i, KernelSymbol s) {
            int k = current;
            if (k < 0) {
                fail(EXIT, i, s.symbol() + " called before any enter helper");
                return;
            }
            BpfTrampLink l = order.get(k);
            String name = progName(k);
            KernelSymbol expected = KernelSymbol.exit(c.kind(), l.sleepable());
            if (s != expected) {
                fail(EXIT, i, name + (l.sleepable() ? " (sleepable)" : "") + " left through " + s.symbol()
                        + ", bpf_trampoline_exit() picks " + expected.symbol());
            }
            if (!sameLow(reg(Reg.RDI), lit(progs[k]), 8)) {
                fail(EXIT, i, name + ": rdi = " + show(reg(Reg.RDI)) + ", expected its struct bpf_prog "
                        + Hex.imm(progs[k]));
            }
            if (!sameLow(reg(Reg.RSI), full(start), 8)) {
                fail(EXIT, i, name + ": rsi = " + show(reg(Reg.RSI)) + ", expected the start time, " + start);
            }
            if (runCtx != Long.MIN_VALUE) {
                if (!sameLow(reg(Reg.RDX), full(new Frame(runCtx)), 8)) {
                    fail(EXIT, i, name + ": rdx = " + show(reg(Reg.RDX)) + ", expected the run_ctx passed to enter, "
                            + new Frame(runCtx));
                }
                Atom[] saved = read(runCtx + 8, 8);
                if (!sameLow(saved, full(new Sym("saved_run_ctx of " + name)), 8)) {
                    fail(EXIT, i, name + ": run_ctx.saved_run_ctx holds " + show(saved)
                            + ", not what enter saved there");
                }
            }
        }

        private void fmodRetTest(Insn i, Atom[] compared) {
            int k = current;
            if (k < 0 || !isFmodRet(k) || progRet[k] == null) {
                return;
            }
            if (!sameLow(compared, full(progRet[k]), 8)) {
                fail(FMOD_RET_TEST, i, progName(k) + ": compares " + show(compared) + " with 0, expected " + progRet[k]);
            }
        }

        /** CALL_ORIG: the traced function's body with its own arguments (and the tail-call pointer for a BPF target). */
        private void originalCall(Insn i, Long target, Atom[] viaReg) {
            if (target != null) {
                long func = c.addresses().funcAddrOrPlaceholder();
                boolean adjust = c.profile().origCallAdjustedUnderCallOrig() ? c.has(TrampFlag.CALL_ORIG)
                        : c.has(TrampFlag.SKIP_FRAME);
                long expected = func + (adjust ? (c.cpu().ibt() ? TrampolineGenerator.ENDBR_INSN_SIZE : 0)
                        + TrampolineGenerator.X86_PATCH_SIZE : 0);
                if (target != expected) {
                    fail(ORIG_CALL, i, String.format("calls func_addr+%d, expected func_addr+%d (past %sthe fentry "
                            + "call)", target - func, expected - func, c.cpu().ibt() ? "ENDBR and " : ""));
                }
            } else if (callEntry) {
                Atom[] ra = full(RETURN_INTO_TRACED);
                if (!sameLow(viaReg, ra, 8)) {
                    fail(ORIG_CALL, i, "ORIG_STACK calls " + show(viaReg) + ", expected " + ra[0].term());
                }
            }
            for (Slot s : slots) {
                if (s.inRegister()) {
                    if (!sameLow(reg(s.reg()), entry(s.reg()), s.defined())) {
                        fail(ORIG_CALL, i, String.format("%s = %s, expected argument %d (%s at entry) in its low %d "
                                + "bytes", s.reg(), show(reg(s.reg())), s.arg(), s.reg(), s.defined()));
                    }
                } else {
                    long out = rsp + 8L * s.stackWord();
                    Atom[] v = read(out, 8);
                    Atom[] src = read(stackArgsAt + 8L * s.stackWord(), 8);
                    if (!sameLow(v, src, s.defined())) {
                        fail(ORIG_CALL, i, String.format("stack argument word %d at rsp+0x%x holds %s, expected the "
                                + "caller's word %d", s.stackWord(), 8 * s.stackWord(), show(v), s.stackWord()));
                    }
                }
            }
            if (c.has(TrampFlag.TAIL_CALL_CTX) && !sameLow(reg(Reg.RAX), entry(Reg.RAX), 8)) {
                fail(TAIL_CALL, i, "rax at the original call = " + show(reg(Reg.RAX))
                        + ", expected the tail-call counter pointer (rax at entry)");
            }
            // the callee owns its stack arguments
            for (int j = 0; j < stackSlots(); j++) {
                write(rsp + 8L * j, undefined("a stack argument word after the original call"));
            }
            retval = new Ret(i.offset(), "the original function");
        }

        private void atReturn(Insn i) {
            for (Reg r : new Reg[] {Reg.RBX, Reg.RBP, Reg.R12, Reg.R13, Reg.R14, Reg.R15}) {
                if (!sameLow(reg(r), entry(r), 8)) {
                    fail(CALLEE_SAVED, i, r + " = " + show(reg(r)) + ", expected " + r + " at entry");
                }
            }
            if (c.has(TrampFlag.CALL_ORIG)) {
                if (retval == null || !sameLow(reg(Reg.RAX), full(retval), 8)) {
                    fail(RETURN_VALUE, i, "rax = " + show(reg(Reg.RAX)) + ", expected "
                            + (retval == null ? "a return value" : retval));
                }
            } else if (c.has(TrampFlag.RET_FENTRY_RET)) {
                int last = c.links().fentry().size() - 1;
                if (last >= 0 && progRet[last] != null && !sameLow(reg(Reg.RAX), full(progRet[last]), 8)) {
                    fail(RETURN_VALUE, i, "rax = " + show(reg(Reg.RAX)) + ", expected " + progRet[last]);
                }
            } else if (c.has(TrampFlag.TAIL_CALL_CTX) && !sameLow(reg(Reg.RAX), entry(Reg.RAX), 8)) {
                fail(TAIL_CALL, i, "rax at return = " + show(reg(Reg.RAX))
                        + ", expected the tail-call counter pointer (rax at entry) for the traced program");
            }
            if (c.has(TrampFlag.RESTORE_REGS)) {
                for (Slot s : slots) {
                    if (s.inRegister() && !sameLow(reg(s.reg()), entry(s.reg()), s.defined())) {
                        fail(RESTORED_ARGS, i, String.format("%s = %s, expected argument %d (%s at entry) in its low %d "
                                + "bytes", s.reg(), show(reg(s.reg())), s.arg(), s.reg(), s.defined()));
                    }
                }
            }
        }
    }
}
