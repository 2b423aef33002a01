package multilink.x86;

import io.vavr.collection.List;

/** The btf_func_model shapes a kernel line can attach to: argument and slot limits, struct arguments. */
public final class ModelShapes {
    /** MAX_BPF_FUNC_REG_ARGS: a BPF program (the target of fentry on a subprog) takes at most five arguments. */
    static final int MAX_BPF_PROG_ARGS = 5;
    /** The six argument registers of the x86-64 calling convention. */
    static final int ARG_REGISTERS = 6;

    private ModelShapes() {
    }

    public static int maxArgs(boolean toBpfProg) {
        return toBpfProg ? MAX_BPF_PROG_ARGS : ConfigValidator.MAX_BPF_FUNC_ARGS;
    }

    /** Argument slots the trampoline accepts: registers only in 6.1, otherwise all of MAX_BPF_FUNC_ARGS. */
    public static int maxSlots(KernelProfile p, boolean toBpfProg) {
        if (p.registerArgumentsOnly()) {
            return ARG_REGISTERS;
        }
        return toBpfProg ? MAX_BPF_PROG_ARGS : ConfigValidator.MAX_BPF_FUNC_ARGS;
    }

    /**
     * A model from signed argument sizes (negative: a struct of that many bytes), keeping the arguments that fit in
     * {@code maxSlots} eight-byte slots and stopping at the first that does not, as a real prototype cannot skip
     * an argument.
     */
    public static FuncModel fit(List<Integer> signedSizes, int maxSlots, int retSize) {
        List<Integer> sizes = List.empty();
        List<Integer> flags = List.empty();
        int slots = 0;
        for (int raw : signedSizes) {
            int size = Math.abs(raw);
            int s = (size + 7) / 8;
            if (slots + s > maxSlots) {
                break;
            }
            slots += s;
            sizes = sizes.append(size);
            flags = flags.append(raw < 0 ? FuncModel.BTF_FMODEL_STRUCT_ARG : 0);
        }
        return new FuncModel(sizes.size(), sizes, flags, retSize, 0);
    }
}
