package multilink.x86;

import io.vavr.collection.List;

/**
 * struct btf_func_model: argument count, per-argument size in bytes and BTF_FMODEL_* flags, return size and flags.
 * Lists are used where the kernel has fixed MAX_BPF_FUNC_ARGS arrays.
 */
public record FuncModel(int nrArgs, List<Integer> argSize, List<Integer> argFlags, int retSize, int retFlags) {
    /** BTF_FMODEL_STRUCT_ARG: the argument is a struct passed by value. */
    public static final int BTF_FMODEL_STRUCT_ARG = 1;
    /** BTF_FMODEL_SIGNED_ARG: a signed integer argument (no effect on x86-64 trampoline bytes). */
    public static final int BTF_FMODEL_SIGNED_ARG = 2;

    public static FuncModel ofSizes(int... sizes) {
        List<Integer> s = List.ofAll(sizes);
        return new FuncModel(sizes.length, s, s.map(x -> x > 8 ? BTF_FMODEL_STRUCT_ARG : 0), 8, 0);
    }

    public FuncModel withRet(int size, int flags) {
        return new FuncModel(nrArgs, argSize, argFlags, size, flags);
    }

    int size(int i) {
        return argSize.get(i);
    }

    boolean isStruct(int i) {
        return (argFlags.get(i) & BTF_FMODEL_STRUCT_ARG) != 0;
    }

    /** Eight-byte slots argument i occupies: (arg_size + 7) / 8. */
    int slots(int i) {
        return (size(i) + 7) / 8;
    }
}
