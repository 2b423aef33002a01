package multilink.properties;

import io.vavr.collection.List;
import multilink.model.Errno;
import multilink.model.step.FaultPoint;
import multilink.model.world.DefaultWorld;
import multilink.model.world.Target;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FENTRY_MULTI;
import static multilink.model.state.ProgType.FEXIT_MULTI;
import static multilink.model.state.ProgType.FMOD_RET_MULTI;
import static multilink.properties.Fx.Case;
import static multilink.properties.Fx.P1;
import static multilink.properties.Fx.P2;
import static multilink.properties.Fx.attach;
import static multilink.properties.Fx.closeProg;
import static multilink.properties.Fx.design;
import static multilink.properties.Fx.fault;
import static multilink.properties.Fx.load;
import static multilink.properties.Fx.loadSleepable;
import static multilink.properties.Fx.multi;
import static multilink.properties.Fx.multiCnt;
import static multilink.properties.Fx.multiCookies;
import static multilink.properties.Fx.multiFlags;
import static multilink.properties.Fx.multiTargets;

/**
 * Every check of each design's multi attach path, in the design's own order
 * (seed 000 / kernel-facts 2.5 for olsa-v3 and upstream, seed 001 / 2.3 for
 * dong-v1): the errno, and that the failed syscall changed nothing.
 */
class MultiAttachTest {
    static final String T1 = "bpf_fentry_test1";
    static final String T2 = "bpf_fentry_test2";
    static final String T3 = "bpf_fentry_test3";
    static final List<io.vavr.collection.List<multilink.model.step.Step>> NONE = List.empty();

    /** Checks seed 000's path shares between v3 and the merged form. */
    static List<Case> singleOps() {
        var p = List.of(load(FENTRY_MULTI, T1));
        return List.of(
                new Case("bad prog fd", List.of(load(FENTRY_MULTI, T1), closeProg(P1)), multi(P1, T1), Errno.EBADF),
                new Case("attach_multi on a classic prog", List.of(load(FENTRY, T1)), multi(P1, T1), Errno.EINVAL),
                new Case("cnt 0", p, multiCnt(P1, 0, T1), Errno.EINVAL),
                new Case("cnt > MAX_TRACING_MULTI_CNT", p, multiCnt(P1, (1 << 20) + 1, T1), Errno.E2BIG),
                new Case("flags != 0", p, multiFlags(P1, 1, T1), Errno.EINVAL),
                new Case("ids kvmalloc fails", p, fault(multi(P1, T1), FaultPoint.ARRAY_ALLOC), Errno.ENOMEM),
                new Case("ids copy_from_user fails", p, fault(multi(P1, T1), FaultPoint.COPY_FROM_USER), Errno.EFAULT),
                new Case("cnt larger than the user array", p, multiCnt(P1, 3, T1), Errno.EFAULT),
                new Case("link kvzalloc fails", p, fault(multi(P1, T1), FaultPoint.LINK_ALLOC), Errno.ENOMEM),
                new Case("bpf_link_prime fails", p, fault(multi(P1, T1), FaultPoint.LINK_PRIME), Errno.EMFILE),
                new Case("id from another BTF (module function)", p, multi(P1, T1, "bpf_testmod_fentry_test1"),
                        Errno.EINVAL),
                new Case("BPF subprog as id", p, multiTargets(P1, new Target.Subprog(1, "subprog_a")), Errno.EINVAL),
                new Case("fexit_multi on a noreturn function", List.of(load(FEXIT_MULTI, T1)), multi(P1, T1, "do_exit"),
                        Errno.EINVAL),
                new Case("deny-listed function", p, multi(P1, "migrate_disable"), Errno.EINVAL),
                new Case("function without __fentry__", p, multi(P1, T1, "bpf_lsm_inline_helper"), Errno.ENOENT),
                new Case("sleepable on a function that may not sleep (fail#6)", List.of(loadSleepable(FENTRY_MULTI, T1)),
                        multi(P1, T1, T2), Errno.EINVAL),
                new Case("trampoline_get fails for the 2nd id", p, fault(multi(P1, T1, T2), FaultPoint.TRAMPOLINE_GET, 2),
                        Errno.ENOMEM),
                new Case("ftrace hashes alloc fails", p, fault(multi(P1, T1, T2), FaultPoint.FTRACE_HASH_ALLOC),
                        Errno.ENOMEM),
                new Case("image alloc fails on the 2nd node (rollback_unlink)", p,
                        fault(multi(P1, T1, T2), FaultPoint.IMAGE_ALLOC, 2), Errno.ENOMEM),
                new Case("arch_prepare fails", p, fault(multi(P1, T1, T2), FaultPoint.ARCH_PREPARE), Errno.EFAULT),
                new Case("update_ftrace_direct_add fails", p, fault(multi(P1, T1, T2), FaultPoint.FTRACE_REGISTER),
                        Errno.ENOMEM),
                new Case("update_ftrace_direct_mod fails (reg deleted again)",
                        List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1)),
                        fault(multi(P2, T1, T2), FaultPoint.FTRACE_MODIFY), Errno.ENOMEM),
                new Case("prog already on a trampoline (second link, same prog)",
                        List.of(load(FENTRY_MULTI, T1), multi(P1, T2)), multi(P1, T3, T2), Errno.EBUSY),
                new Case("BPF_MAX_TRAMP_LINKS on the 2nd id (rollback/unlink)",
                        List.of(load(FENTRY, T2), attach(P1), load(FENTRY_MULTI, T1)), multi(P2, T1, T2), Errno.E2BIG,
                        DefaultWorld.get().withMaxTrampLinks(1)),
                new Case("fmod_ret_multi does not exist in this series", List.empty(), load(FMOD_RET_MULTI,
                        "bpf_modify_return_test"), Errno.EINVAL));
    }

    @TestFactory
    Stream<DynamicTest> olsaV3() {
        var p = List.of(load(FENTRY_MULTI, T1));
        return singleOps().toJavaStream().map(c -> c.test(design("olsa-v3")));
    }

    /**
     * The merged UAPI's cookies pointer lies inside the link_create union, where
     * CHECK_ATTR does not look, so a v3 kernel ignores it: the attach succeeds
     * and every entry has cookie 0.
     */
    @org.junit.jupiter.api.Test
    void olsaV3IgnoresTheMergedCookiesField() {
        Checker.Run r = Checker.run(design("olsa-v3"), multilink.model.world.DefaultWorld.get(),
                List.of(load(FENTRY_MULTI, T1), multiCookies(P1, List.of(1L, 2L), T1, T2)));
        org.junit.jupiter.api.Assertions.assertEquals(Errno.OK, r.results().last().outcome().errno());
        var link = r.results().last().outcome().state().links().get(1).get();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(0L, 0L),
                link.entries().map(multilink.model.state.LinkEntry::cookie));
    }

    @TestFactory
    Stream<DynamicTest> upstream() {
        var p = List.of(load(FENTRY_MULTI, T1));
        return singleOps().appendAll(List.of(
                        new Case("duplicate ids (fail#7)", p, multi(P1, T2, T1, T2), Errno.EINVAL),
                        new Case("cookies kvmalloc fails", p,
                                fault(multiCookies(P1, List.of(1L, 2L), T1, T2), FaultPoint.ARRAY_ALLOC, 2), Errno.ENOMEM),
                        new Case("cookies copy_from_user fails", p,
                                fault(multiCookies(P1, List.of(1L, 2L), T1, T2), FaultPoint.COPY_FROM_USER, 2),
                                Errno.EFAULT)))
                .toJavaStream().map(c -> c.test(design("upstream")));
    }

    @TestFactory
    Stream<DynamicTest> dongV1() {
        var p = List.of(load(FENTRY_MULTI, T1));
        var sub = new Target.Subprog(1, "subprog_a");
        return List.of(
                        new Case("bad prog fd", List.of(load(FENTRY_MULTI, T1), closeProg(P1)), multi(P1, T1), Errno.EBADF),
                        new Case("attach on a multi prog", p, attach(P1), Errno.EINVAL),
                        new Case("cnt 0", p, multiCnt(P1, 0, T1), Errno.EINVAL),
                        new Case("cnt > 1024", p, multiCnt(P1, 1025, T1), Errno.E2BIG),
                        new Case("cookies kvmalloc fails", p,
                                fault(multiCookies(P1, List.of(1L), T1), FaultPoint.ARRAY_ALLOC), Errno.ENOMEM),
                        new Case("cookies copy fails", p,
                                fault(multiCookies(P1, List.of(1L), T1), FaultPoint.COPY_FROM_USER), Errno.EFAULT),
                        new Case("tgt_fds kvmalloc fails", p, fault(multiTargets(P1, sub), FaultPoint.ARRAY_ALLOC),
                                Errno.ENOMEM),
                        new Case("btf_ids kvmalloc fails", p, fault(multi(P1, T1), FaultPoint.ARRAY_ALLOC), Errno.ENOMEM),
                        new Case("btf_ids copy fails", p, fault(multi(P1, T1), FaultPoint.COPY_FROM_USER), Errno.EFAULT),
                        new Case("link kzalloc fails", p, fault(multi(P1, T1), FaultPoint.LINK_ALLOC), Errno.ENOMEM),
                        new Case("entries kzalloc fails", p, fault(multi(P1, T1), FaultPoint.ARRAY_ALLOC, 2),
                                Errno.ENOMEM),
                        new Case("target prog fd closed", List.of(load(FENTRY_MULTI, T1), closeProg(1)),
                                multiTargets(P1, new Target.Func(T1), sub), Errno.EBADF),
                        new Case("sleepable, second target may not sleep", List.of(loadSleepable(FENTRY_MULTI, T1)),
                                multi(P1, T1, T2), Errno.EINVAL),
                        new Case("fmod_ret_multi, second target off the allowlist",
                                List.of(load(FMOD_RET_MULTI, "bpf_modify_return_test")),
                                multi(P1, "bpf_modify_return_test", T2), Errno.EINVAL),
                        new Case("trampoline_get fails", p, fault(multi(P1, T1, T2), FaultPoint.TRAMPOLINE_GET),
                                Errno.ENOMEM),
                        new Case("image alloc fails on the 2nd entry (unlink [0,1))", p,
                                fault(multi(P1, T1, T2), FaultPoint.IMAGE_ALLOC, 2), Errno.ENOMEM),
                        new Case("register_ftrace_direct fails", p, fault(multi(P1, T1, T2), FaultPoint.FTRACE_REGISTER),
                                Errno.ENOMEM),
                        new Case("same function twice: second entry EBUSY", p, multi(P1, T1, T1), Errno.EBUSY),
                        new Case("bpf_link_prime fails after linking (unlink all)", p,
                                fault(multi(P1, T1, T2), FaultPoint.LINK_PRIME), Errno.EMFILE),
                        new Case("BPF_MAX_TRAMP_LINKS", List.of(load(FENTRY, T2), attach(P1), load(FENTRY_MULTI, T1)),
                                multi(P2, T1, T2), Errno.E2BIG, DefaultWorld.get().withMaxTrampLinks(1)),
                        // saved_dst_prog_type (verifier.c:22754-22757 in 6.12): loaded against a subprog,
                        // every target must be a subprog of a prog of that type
                        new Case("loaded against a subprog, kernel function as 2nd target (saved_dst_prog_type)",
                                List.of(Fx.loadSub(FENTRY_MULTI, "subprog_a")),
                                multiTargets(P1, sub, new Target.Func(T1)), Errno.EINVAL),
                        new Case("loaded against a subprog, module function as 2nd target (saved_dst_prog_type)",
                                List.of(Fx.loadSub(FENTRY_MULTI, "subprog_a")),
                                multiTargets(P1, sub, new Target.Func("bpf_testmod_fentry_test1")), Errno.EINVAL),
                        // libbpf keeps the module's BTF fd (seed 002): btf_try_get_module fails
                        new Case("module target after the module is gone", List.of(Fx.unload(Fx.MOD),
                                load(FENTRY_MULTI, T1)), multi(P1, T1, "bpf_testmod_fentry_test1"), Errno.ENOENT),
                        new Case("tgt_fds kvmalloc fails for a module target", p,
                                fault(multi(P1, T1, "bpf_testmod_fentry_test1"), FaultPoint.ARRAY_ALLOC), Errno.ENOMEM),
                        new Case("fmod_ret_multi on do_exit: off the fmod_ret allowlist", List.of(),
                                load(FMOD_RET_MULTI, "do_exit"), Errno.EINVAL),
                        new Case("fentry_multi on migrate_disable at load (btf_id_deny covers TRACING)", List.of(),
                                load(FENTRY_MULTI, "migrate_disable"), Errno.EINVAL))
                .toJavaStream().map(c -> c.test(design("dong-v1")));
    }

    /**
     * noreturn_deny names BPF_TRACE_FEXIT and BPF_MODIFY_RETURN only (and is newer than
     * seed 001): an FEXIT_MULTI prog loads on do_exit in dong-v1, and its attach there
     * is H14 (ATTACH_ALLOWED), which +denycheck turns into -EINVAL.
     */
    @org.junit.jupiter.api.Test
    void dongV1FexitMultiLoadsOnANoreturnFunction() {
        Checker.Run r = Checker.run(design("dong-v1"), DefaultWorld.get(),
                List.of(load(FEXIT_MULTI, "do_exit"), multi(P1, "do_exit")));
        org.junit.jupiter.api.Assertions.assertEquals(Errno.OK, r.results().get(0).outcome().errno());
        org.junit.jupiter.api.Assertions.assertEquals(Errno.OK, r.results().get(1).outcome().errno());
        org.junit.jupiter.api.Assertions.assertEquals(List.of("ATTACH_ALLOWED"),
                r.results().get(1).violations().map(v -> v.invariant()).distinct());
        // (+freeentries: a failure at the first target also leaks link.entries, H3)
        Fx.failsUnchanged(design("dong-v1+denycheck+freeentries"), DefaultWorld.get(),
                List.of(load(FEXIT_MULTI, "do_exit")),
                multi(P1, "do_exit"), Errno.EINVAL);
        // the classic fexit is still rejected at load (noreturn_deny, verifier.c:22997-23001)
        Fx.failsUnchanged(design("dong-v1"), DefaultWorld.get(), List.of(), load(multilink.model.state.ProgType.FEXIT,
                "do_exit"), Errno.EINVAL);
    }
}
