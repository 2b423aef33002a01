package multilink.cli;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import multilink.live.KernelLine;
import multilink.model.world.KernelFunc;
import multilink.model.world.World;

/**
 * The model's world as a stock kernel line has it. The built-in world follows mainline (6.12 agrees with it);
 * where an older line's kernel answers differently because a function's attributes differ there, the difference
 * is a switch here, per line, with the source that shows it, never an ignored step. Line numbers are Debian's
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
    static final Map<String, String> GUEST_NAMES = HashMap.of("bpf_lsm_inline_helper", "core_kernel_text");

    /** The name the guest kernel knows a world function by. */
    static String guestName(String worldName) {
        return GUEST_NAMES.get(worldName).getOrElse(worldName);
    }

    static Scenarios.Loaded forKernel(KernelLine line, Scenarios.Loaded l) {
        if (!line.name().equals("6.1")) {
            return l;
        }
        World w = l.world();
        return new Scenarios.Loaded(l.design(), new World(w.functions().map(LiveWorlds::on61), w.modules(),
                w.targetProgs(), w.maxTrampLinks()), l.scenario());
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
