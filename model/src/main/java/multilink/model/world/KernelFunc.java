package multilink.model.world;

import io.vavr.control.Option;

/**
 * A kernel function as BTF and kallsyms describe it: what the verifier's
 * {@code bpf_check_attach_target} and {@code check_attach_btf_id} look at
 * (kernel/bpf/verifier.c). The kernel spreads these facts over BTF, the
 * error-injection list, the {@code btf_id_deny}/{@code noreturn_deny} sets and
 * {@code ftrace_location}; here they are plain fields.
 *
 * @param name            the BTF/kallsyms name
 * @param module          owning module, or none for vmlinux
 * @param nrArgs          argument count (8-byte slots)
 * @param returnsInt      returns an int-like value (MODIFY_RETURN needs one)
 * @param fmodRetAllowed  on the error-injection list or an fmodret kfunc set
 * @param sleepableAllowed sleepable progs may attach ({@code btf_id_allow_sleepable})
 * @param ftraceable      has an {@code __fentry__} site ({@code ftrace_location != 0})
 * @param noreturn        in {@code noreturn_deny}: no fexit/fmod_ret
 * @param denied          in {@code btf_id_deny}: no tracing at all
 */
public record KernelFunc(String name, Option<String> module, int nrArgs, boolean returnsInt,
                         boolean fmodRetAllowed, boolean sleepableAllowed, boolean ftraceable,
                         boolean noreturn, boolean denied) {

    /** The BTF object that describes this function: "vmlinux" or the module's BTF. */
    public String btf() {
        return module.map(Btfs::ofModule).getOrElse(Btfs.VMLINUX);
    }

    public static KernelFunc plain(String name, int nrArgs) {
        return new KernelFunc(name, Option.none(), nrArgs, true, false, false, true, false, false);
    }

    public KernelFunc inModule(String mod) {
        return new KernelFunc(name, Option.of(mod), nrArgs, returnsInt, fmodRetAllowed, sleepableAllowed,
                ftraceable, noreturn, denied);
    }

    public KernelFunc withFmodRet() {
        return new KernelFunc(name, module, nrArgs, true, true, sleepableAllowed, ftraceable, noreturn, denied);
    }

    /**
     * Sleepable progs may attach. The kernel allows that on the error-injection
     * list or for an fmodret kfunc with KF_SLEEPABLE, and either also allows
     * fmod_ret ({@code bpf_check_attach_target}, kernel-facts 2.1 step 6; the
     * selftests' bpf_fentry_test1 is such a function), so it implies
     * {@link #withFmodRet()}.
     */
    public KernelFunc withSleepable() {
        return new KernelFunc(name, module, nrArgs, true, true, true, ftraceable, noreturn, denied);
    }

    public KernelFunc notFtraceable() {
        return new KernelFunc(name, module, nrArgs, returnsInt, fmodRetAllowed, sleepableAllowed, false, noreturn, denied);
    }

    public KernelFunc asNoreturn() {
        return new KernelFunc(name, module, nrArgs, false, fmodRetAllowed, sleepableAllowed, ftraceable, true, denied);
    }

    public KernelFunc asDenied() {
        return new KernelFunc(name, module, nrArgs, returnsInt, fmodRetAllowed, sleepableAllowed, ftraceable, noreturn, true);
    }
}
