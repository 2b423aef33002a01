package multilink.model.world;

import io.vavr.collection.List;

/**
 * The built-in world: shaped like the functions the kernel's own selftests
 * trace ({@code bpf_fentry_test1..8} in net/bpf/test_run.c, 1 to 8 args;
 * {@code bpf_modify_return_test} and {@code bpf_fentry_test1} (KF_SLEEPABLE) in the
 * fmodret kfunc set {@code bpf_test_modify_return_ids};
 * {@code bpf_testmod_fentry_test1/2} in a module with its own BTF), a
 * function that is not ftrace-able, one on the deny lists, and a BPF target
 * program with two global subprogs and two SDT probes (seed 004).
 */
public final class DefaultWorld {
    public static final String MODULE = "bpf_testmod";
    public static final int TARGET_PROG = 1;

    private DefaultWorld() {
    }

    public static World get() {
        List<KernelFunc> funcs = List.of(
                KernelFunc.plain("bpf_fentry_test1", 1).withSleepable(),
                KernelFunc.plain("bpf_fentry_test2", 2),
                KernelFunc.plain("bpf_fentry_test3", 3),
                KernelFunc.plain("bpf_fentry_test4", 4),
                KernelFunc.plain("bpf_fentry_test5", 5),
                KernelFunc.plain("bpf_fentry_test6", 6),
                KernelFunc.plain("bpf_fentry_test7", 1),
                KernelFunc.plain("bpf_fentry_test8", 1),
                KernelFunc.plain("bpf_modify_return_test", 2).withFmodRet(),
                KernelFunc.plain("bpf_testmod_fentry_test1", 1).inModule(MODULE),
                KernelFunc.plain("bpf_testmod_fentry_test2", 2).inModule(MODULE).withFmodRet(),
                KernelFunc.plain("bpf_lsm_inline_helper", 1).notFtraceable(),
                KernelFunc.plain("do_exit", 1).asNoreturn(),
                KernelFunc.plain("migrate_disable", 0).asDenied());
        return new World(funcs, List.of(MODULE),
                List.of(new TargetProgDef(TARGET_PROG, "xdp_target", List.of("subprog_a", "subprog_b"),
                        // probe_drop's orig_off is subprog_b's BTF FUNC id: the two keys collide (H10)
                        List.of(new SdtProbe("probe_pass", 40, 2), new SdtProbe("probe_drop", 2, 3)))),
                World.BPF_MAX_TRAMP_LINKS);
    }

    /**
     * The built-in world with {@code BPF_MAX_TRAMP_LINKS} lowered to 2: what the
     * random exploration of {@code check} and {@code mutants} runs on, so that
     * chains of 30 steps reach the -E2BIG path of the limit (with 38 they never
     * do). No other rule depends on the limit's value.
     */
    public static World explore() {
        return get().withMaxTrampLinks(2);
    }

    /**
     * A three-function world for exhaustive checking: two vmlinux functions
     * (one on the fmod_ret allowlist) and one module function.
     */
    public static World small() {
        World d = get();
        return new World(List.of(
                d.function("bpf_fentry_test1").get(),
                d.function("bpf_modify_return_test").get(),
                d.function("bpf_testmod_fentry_test1").get()),
                d.modules(), List.empty(), 2);
    }
}
