package multilink.cli;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import multilink.live.KernelLine;
import multilink.model.world.KernelFunc;
import multilink.model.world.World;

/**
 * The model's world as a stock kernel line has it. The built-in world follows mainline (6.12 agrees with it);
 * where an older line's kernel answers differently because a function's attributes differ there, the difference
 * is a switch here, per line, with the source that shows it, never an ignored step; where its code differs, the
 * line's design is the model's with a switch ({@link #design}). Line numbers are Debian's
 * linux-source-6.1 6.1.192-2 and linux-source-6.12 6.12.117-1~deb12u1.
 */
final class LiveWorlds {
    private LiveWorlds() {
    }

    /**
     * The built-in world's stand-in for a function that is in BTF and kallsyms but has no ftrace site does not
     * exist in Debian's kernels; {@code core_kernel_text} (kernel/extable.c, {@code notrace}, one argument,
     * returns int) is such a function in both, absent from their available_filter_functions.
     */
    static final Map<String, String> GUEST_NAMES = HashMap.of("bpf_lsm_inline_helper", "core_kernel_text",
            "bpf_testmod_fentry_test1", "bictcp_init", "bpf_testmod_fentry_test2", "bictcp_acked");

    /**
     * The selftests' bpf_testmod is not in Debian; the guest loads tcp_bic (net/ipv4/tcp_bic.c: no dependencies,
     * its functions in its own BTF) instead, before each scenario. bictcp_init(struct sock *) stands for the
     * one-argument bpf_testmod_fentry_test1, bictcp_acked(struct sock *, const struct ack_sample *) for the
     * two-argument bpf_testmod_fentry_test2.
     */
    static final Map<String, String> GUEST_MODULES = HashMap.of("bpf_testmod", "tcp_bic");

    /** The name the guest kernel knows a world function by. */
    static String guestName(String worldName) {
        return GUEST_NAMES.get(worldName).getOrElse(worldName);
    }

    /** The name the guest kernel knows a world module by. */
    static String guestModule(String worldName) {
        return GUEST_MODULES.get(worldName).getOrElse(worldName);
    }

    /**
     * The design a line's kernel is: 6.12 is the model's {@code classic}; 6.1 takes module references in the
     * trampoline while it is registered, not in the prog (bpf_trampoline_module_get() in register_fentry(), 6.1
     * kernel/bpf/trampoline.c:175-193, :241; 6.12 keeps {@code prog->aux->mod} from BPF_PROG_LOAD until the prog is
     * freed, kernel/bpf/verifier.c:22974, kernel/bpf/syscall.c:2208), the switch {@code trampmod}.
     */
    static multilink.model.design.Design design(KernelLine line, multilink.model.design.Design d) {
        return line.name().equals("6.1") ? d.withSwitches(d.switches().add(multilink.model.design.Switches.TRAMPMOD))
                : d;
    }

    static Scenarios.Loaded forKernel(KernelLine line, Scenarios.Loaded l) {
        World w = l.world();
        boolean v61 = line.name().equals("6.1");
        return new Scenarios.Loaded(design(line, l.design()), new World(w.functions().map(f -> f.module().isDefined()
                ? standIn(f) : v61 ? on61(f) : f), w.modules(), w.targetProgs(), w.maxTrampLinks()), l.scenario());
    }

    /**
     * A module function as its tcp_bic stand-in has it: bpf_testmod registers an fmodret set for its functions
     * (register_btf_fmodret_id_set()), tcp_bic does not and its functions return void, so fmod_ret is refused
     * there (check_attach_modify_return()) on both lines.
     */
    private static KernelFunc standIn(KernelFunc f) {
        return new KernelFunc(f.name(), f.module(), f.nrArgs(), false, false, f.sleepableAllowed(), f.ftraceable(),
                f.noreturn(), f.denied());
    }

    /**
     * 6.1 differs from mainline for vmlinux functions in three attributes:
     * <ul>
     *   <li>fmod_ret: only error-injection functions and security_* hooks (check_attach_modify_return(),
     *       kernel/bpf/verifier.c:15136-15143); 6.1 has no fmodret kfunc sets (6.12 adds
     *       register_btf_fmodret_id_set(), net/bpf/test_run.c:640-645, :1795, verifier.c:22842), and Debian
     *       builds without CONFIG_FUNCTION_ERROR_INJECTION, so ALLOW_ERROR_INJECTION (test_run.c:736) lists
     *       nothing: bpf_modify_return_test is not modifiable;
     *   <li>sleepable: only error-injection functions (verifier.c:15356-15360), so none;
     *   <li>noreturn: 6.1 has no noreturn_deny set (added later; 6.12 verifier.c:22884-22905), so fexit on
     *       do_exit loads.
     * </ul>
     */
    private static KernelFunc on61(KernelFunc f) {
        if (f.module().isDefined()) {
            return f;
        }
        return new KernelFunc(f.name(), f.module(), f.nrArgs(), f.returnsInt(), false, false, f.ftraceable(), false,
                f.denied());
    }
}
