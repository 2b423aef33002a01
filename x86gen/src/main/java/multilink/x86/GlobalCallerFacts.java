package multilink.x86;

import io.vavr.collection.List;

import java.util.HashMap;
import java.util.Map;

/**
 * What the global caller entry must do for its C runner and for the traced function (seed 003 v2 02/18), checked by
 * running the image on symbolic values: each argument register holds "arg k" at entry, [entry rsp] the return
 * address into the traced function, [entry rsp + 8] the one into its caller. The call to the runner is replaced by
 * the runner's contract, the metadata-level model of bpf_global_caller_run(): it reads args[0..n-1] and *ip,
 * writes args[-2] (origin ip), args[-1] (n) and, when it called the original function, args[n] (its return value),
 * clobbers the caller-saved registers and returns 1 in that case, else 0. Both outcomes are followed.
 *
 * <p>Every fact is a rule of the patch's design, not of the layout this generator writes, so a wrong offset in the
 * generator cannot hide behind the same offset here.
 */
public final class GlobalCallerFacts {
    public static final String RUNNER_ARGS = "runner gets args and ip";
    public static final String RUNNER_WRITES_IN_FRAME = "runner's writes stay in the frame";
    public static final String RETURN_INTO_FUNCTION = "no origin call: back into the traced function";
    public static final String RETURN_TO_CALLER = "origin call: return value to the traced function's caller";
    public static final String CONTROL_FLOW = "control flow";

    private static final String RIP = "return address into the traced function";
    private static final String PARENT = "return address into the caller";
    private static final String RETVAL = "return value of the original function";
    private static final List<Reg> CALLER_SAVED = List.of(Reg.RAX, Reg.RCX, Reg.RDX, Reg.RSI, Reg.RDI, Reg.R8, Reg.R9,
            Reg.R10, Reg.R11);
    private static final List<Reg> CALLEE_SAVED = List.of(Reg.RBX, Reg.RBP, Reg.R12, Reg.R13, Reg.R14, Reg.R15);

    private GlobalCallerFacts() {
    }

    public static List<FactViolation> violations(GlobalCallerImage img) {
        int n = img.config().nrArgs();
        return run(img, n, false).appendAll(run(img, n, true)).distinct();
    }

    private static String arg(int k) {
        return "arg" + k;
    }

    private static String addr(int entryOffset) {
        return "&entry" + (entryOffset < 0 ? "-" : "+") + Math.abs(entryOffset);
    }

    /** One path: the runner returns 0 ({@code origin} false) or 1. */
    private static List<FactViolation> run(GlobalCallerImage img, int n, boolean origin) {
        java.util.ArrayList<FactViolation> out = new java.util.ArrayList<>();
        String path = origin ? "runner returns 1: " : "runner returns 0: ";
        Map<Reg, String> regs = new HashMap<>();
        for (Reg r : Reg.values()) {
            regs.put(r, "entry " + r);
        }
        for (int k = 0; k < Reg.ARGS.length; k++) {
            regs.put(Reg.ARGS[k], arg(k));
        }
        Map<Integer, String> mem = new HashMap<>();
        mem.put(0, RIP);
        mem.put(8, PARENT);
        int sp = 0;
        boolean zf = false;
        List<Insn> insns = img.insns();
        int i = 0;
        int steps = 0;
        while (i < insns.size() && steps++ < 1000) {
            Insn insn = insns.get(i);
            Op op = insn.op();
            int next = i + 1;
            if (op instanceof Op.SubRsp s) {
                sp -= s.amount();
            } else if (op instanceof Op.AddRsp a) {
                sp += a.amount();
            } else if (op instanceof Op.StoreRsp s) {
                mem.put(sp + s.disp(), regs.get(s.src()));
            } else if (op instanceof Op.LoadRsp l) {
                regs.put(l.dst(), mem.getOrDefault(sp + l.disp(), "undefined"));
            } else if (op instanceof Op.LeaRsp l) {
                regs.put(l.dst(), addr(sp + l.disp()));
            } else if (op instanceof Op.Call) {
                runner(regs, mem, sp, n, origin, path, out);
            } else if (op instanceof Op.TestSelf t) {
                zf = !regs.get(t.reg()).equals("1");
            } else if (op instanceof Op.Jcc j) {
                boolean taken = j.mnemonic().equals("jne") ? !zf : zf;
                if (taken) {
                    long target = j.target() - img.imageAddress();
                    next = insns.indexWhere(x -> x.offset() == target);
                    if (next < 0) {
                        out.add(new FactViolation(CONTROL_FLOW, path + "branch at " + Hex.imm(insn.offset())
                                + " lands inside an instruction"));
                        return List.ofAll(out);
                    }
                }
            } else if (op instanceof Op.Ret || (op instanceof Op.Jmp jmp
                    && jmp.symbol().equals(KernelSymbol.X86_RETURN_THUNK.symbol()))) {
                atReturn(regs, mem, sp, n, origin, path, out);
                return List.ofAll(out);
            } else if (!(op instanceof Op.Endbr || op instanceof Op.Nop)) {
                out.add(new FactViolation(CONTROL_FLOW, path + "unexpected " + insn.text() + " at "
                        + Hex.imm(insn.offset())));
                return List.ofAll(out);
            }
            i = next;
        }
        out.add(new FactViolation(CONTROL_FLOW, path + "execution runs off the end without returning"));
        return List.ofAll(out);
    }

    /**
     * The runner's contract: rdi = args with args[k] = argument k (it hands them to the programs and to the
     * original function), rsi = ip, the address of the return address into the traced function; its writes
     * args[-2], args[-1] (and args[n] after an origin call) must land in the entry's frame: at or above rsp, below
     * the return address.
     */
    private static void runner(Map<Reg, String> regs, Map<Integer, String> mem, int sp, int n, boolean origin,
                               String path, java.util.ArrayList<FactViolation> out) {
        String rsi = regs.get(Reg.RSI);
        if (!rsi.equals(addr(0))) {
            out.add(new FactViolation(RUNNER_ARGS, path + "rsi is " + rsi + ", not the address of the " + RIP));
        }
        String rdi = regs.get(Reg.RDI);
        if (!rdi.startsWith("&entry")) {
            out.add(new FactViolation(RUNNER_ARGS, path + "rdi is " + rdi + ", not an address in the frame"));
            clobber(regs, origin);
            return;
        }
        int args = Integer.parseInt(rdi.substring("&entry".length()).replace("+", ""));
        for (int k = 0; k < n; k++) {
            String v = mem.getOrDefault(args + 8 * k, "undefined");
            if (!v.equals(arg(k))) {
                out.add(new FactViolation(RUNNER_ARGS, path + "args[" + k + "] holds " + v + ", not " + arg(k)));
            }
        }
        int lowest = args - 16;
        int highest = args + 8 * n + 7;
        if (lowest < sp || highest >= 0) {
            out.add(new FactViolation(RUNNER_WRITES_IN_FRAME, path + "args[-2]..args[" + n + "] span entry"
                    + (lowest < 0 ? "-" : "+") + Math.abs(lowest) + "..+" + highest + ", the frame is entry-"
                    + (-sp) + "..-1"));
        }
        mem.put(args - 16, "origin ip");
        mem.put(args - 8, "nr_args");
        if (origin) {
            mem.put(args + 8 * n, RETVAL);
        }
        clobber(regs, origin);
    }

    private static void clobber(Map<Reg, String> regs, boolean origin) {
        for (Reg r : CALLER_SAVED) {
            regs.put(r, "clobbered by the runner");
        }
        regs.put(Reg.RAX, origin ? "1" : "0");
    }

    /**
     * Without an origin call the entry returns into the traced function (rsp back at entry) with the argument
     * registers as they came in; after one it returns to the traced function's caller (rsp at entry + 8, the
     * traced function already ran) with its return value in rax. Both keep the callee-saved registers.
     */
    private static void atReturn(Map<Reg, String> regs, Map<Integer, String> mem, int sp, int n, boolean origin,
                                 String path, java.util.ArrayList<FactViolation> out) {
        String fact = origin ? RETURN_TO_CALLER : RETURN_INTO_FUNCTION;
        int expectedSp = origin ? 8 : 0;
        if (sp != expectedSp) {
            out.add(new FactViolation(fact, path + "returns to " + mem.getOrDefault(sp, "entry+" + sp)
                    + " (rsp at entry" + (sp < 0 ? "" : "+") + sp + "), not the " + (origin ? PARENT : RIP)));
        }
        if (origin) {
            if (!regs.get(Reg.RAX).equals(RETVAL)) {
                out.add(new FactViolation(fact, path + "rax is " + regs.get(Reg.RAX) + ", not the " + RETVAL));
            }
        } else {
            for (int k = 0; k < n; k++) {
                String v = regs.get(Reg.ARGS[k]);
                if (!v.equals(arg(k))) {
                    out.add(new FactViolation(fact, path + Reg.ARGS[k] + " is " + v + ", not " + arg(k)));
                }
            }
        }
        for (Reg r : CALLEE_SAVED) {
            if (!regs.get(r).equals("entry " + r)) {
                out.add(new FactViolation(fact, path + r + " is " + regs.get(r) + " (callee-saved)"));
            }
        }
    }
}
