package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The x86-64 register the BPF JIT keeps each BPF register in: {@code reg2hex[]} gives the low three bits and
 * {@code is_ereg()} the REX extension bit (6.12 arch/x86/net/bpf_jit_comp.c:180-196 and :216-226; R9 and R12 are
 * the JIT's own, R10 blinding, R11 AUX_REG, none of them a BPF register). An SDT probe's arguments sit in these
 * registers at the probe site (seed 004: {@code fmodel.arg_regs[i] = sdt->val.arg_reg[i]}).
 */
final class BpfJitReg {
    /** BPF_REG_0 .. BPF_REG_10 (BPF_REG_FP), in BPF register number order. */
    private static final List<Reg> REG2X86 = List.of(
            Reg.RAX,  // BPF_REG_0 = 0, RAX
            Reg.RDI,  // BPF_REG_1 = 7, RDI
            Reg.RSI,  // BPF_REG_2 = 6, RSI
            Reg.RDX,  // BPF_REG_3 = 2, RDX
            Reg.RCX,  // BPF_REG_4 = 1, RCX
            Reg.R8,   // BPF_REG_5 = 0 + is_ereg, R8
            Reg.RBX,  // BPF_REG_6 = 3, RBX callee saved
            Reg.R13,  // BPF_REG_7 = 5 + is_ereg, R13 callee saved
            Reg.R14,  // BPF_REG_8 = 6 + is_ereg, R14 callee saved
            Reg.R15,  // BPF_REG_9 = 7 + is_ereg, R15 callee saved
            Reg.RBP); // BPF_REG_FP = 5, RBP readonly

    /** BPF_REG_10, the read-only frame pointer. */
    static final int BPF_REG_FP = 10;

    private BpfJitReg() {
    }

    /** The x86 register of BPF register {@code bpfReg}; none for a number that names no BPF register. */
    static Option<Reg> x86(int bpfReg) {
        return bpfReg >= 0 && bpfReg < REG2X86.size() ? Option.some(REG2X86.get(bpfReg)) : Option.none();
    }

    /**
     * The BPF registers an SDT argument may name here: R1..R9. ASSUMPTION (seed 004 shows no check of
     * {@code arg_reg[]}, and the x86 patch of the series is not among the seeds): R0 (rax) is overwritten by the
     * trampoline's own {@code mov eax, nr_regs} before the arguments are saved (6.12 :3065-3066 before save_args()
     * at :3077), and R10 (rbp) is replaced by the trampoline's frame pointer (push rbp; mov rbp,rsp, :3047-3048), so
     * neither can be saved as it was at the probe site without a prologue the seed does not describe.
     */
    static boolean sdtArgument(int bpfReg) {
        return bpfReg >= 1 && bpfReg <= 9;
    }
}
