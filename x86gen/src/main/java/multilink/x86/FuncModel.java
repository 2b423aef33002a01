package multilink.x86;

import io.vavr.collection.List;

/**
 * struct btf_func_model: argument count, per-argument size in bytes and BTF_FMODEL_* flags, return size and flags,
 * and (SDT-observer RFC, seed 004) {@code arg_regs[]}: the BPF register each argument of an SDT probe arrives in,
 * empty for every other trampoline. Lists are used where the kernel has fixed MAX_BPF_FUNC_ARGS arrays.
 */
public record FuncModel(int nrArgs, List<Integer> argSize, List<Integer> argFlags, int retSize, int retFlags,
                        List<Integer> argRegs) {
    /** BTF_FMODEL_STRUCT_ARG: the argument is a struct passed by value. */
    public static final int BTF_FMODEL_STRUCT_ARG = 1;
    /** BTF_FMODEL_SIGNED_ARG: a signed integer argument (no effect on x86-64 trampoline bytes). */
    public static final int BTF_FMODEL_SIGNED_ARG = 2;
    /** bpf_sdt_link_attach() gives every SDT argument 8 bytes: {@code tgt_info.fmodel.arg_size[i] = 8} (seed 004). */
    public static final int SDT_ARG_SIZE = 8;

    /** A model without {@code arg_regs} (every trampoline but an SDT probe's). */
    public FuncModel(int nrArgs, List<Integer> argSize, List<Integer> argFlags, int retSize, int retFlags) {
        this(nrArgs, argSize, argFlags, retSize, retFlags, List.empty());
    }

    public static FuncModel ofSizes(int... sizes) {
        List<Integer> s = List.ofAll(sizes);
        return new FuncModel(sizes.length, s, s.map(x -> x > 8 ? BTF_FMODEL_STRUCT_ARG : 0), 8, 0);
    }

    /**
     * The model bpf_sdt_link_attach() fills (seed 004): nr_args = nargs, each argument 8 bytes in the BPF register
     * {@code bpfRegs[i]}; tgt_info is zero-initialised, so no flags and ret_size 0.
     */
    public static FuncModel sdtProbe(List<Integer> bpfRegs) {
        List<Integer> sizes = bpfRegs.map(r -> SDT_ARG_SIZE);
        return new FuncModel(bpfRegs.size(), sizes, sizes.map(s -> 0), 0, 0, bpfRegs);
    }

    public FuncModel withRet(int size, int flags) {
        return new FuncModel(nrArgs, argSize, argFlags, size, flags, argRegs);
    }

    int size(int i) {
        return argSize.get(i);
    }

    boolean isStruct(int i) {
        return (argFlags.get(i) & BTF_FMODEL_STRUCT_ARG) != 0;
    }

    /** The x86 register SDT argument i arrives in (arg_regs[i] through the JIT's table); validated before use. */
    Reg sdtArgReg(int i) {
        return BpfJitReg.x86(argRegs.get(i)).get();
    }

    /** Eight-byte slots argument i occupies: (arg_size + 7) / 8. */
    int slots(int i) {
        return (size(i) + 7) / 8;
    }
}
