package multilink.properties;

import io.vavr.collection.List;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.step.FaultPoint;
import multilink.model.world.DefaultWorld;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FEXIT;
import static multilink.model.state.ProgType.FMOD_RET;
import static multilink.model.state.ProgType.FREPLACE;
import static multilink.properties.Fx.Case;
import static multilink.properties.Fx.P1;
import static multilink.properties.Fx.P2;
import static multilink.properties.Fx.attach;
import static multilink.properties.Fx.closeLink;
import static multilink.properties.Fx.closeProg;
import static multilink.properties.Fx.fault;
import static multilink.properties.Fx.load;
import static multilink.properties.Fx.loadSleepable;
import static multilink.properties.Fx.loadSub;
import static multilink.properties.Fx.retarget;

/**
 * Every check of the classic attach path ({@code link_create} +
 * {@code bpf_tracing_prog_attach}, kernel-facts 2.0/2.2) and of the load-time
 * target check (2.1), in each design (all of them share it): the errno, and
 * that the failed syscall changed nothing.
 */
class ClassicAttachTest {
    static final String T1 = "bpf_fentry_test1";
    static final String T2 = "bpf_fentry_test2";

    static List<Case> cases() {
        List<Case> c = List.of(
                new Case("attach on a closed prog fd", List.of(load(FENTRY, T1), closeProg(P1)), attach(P1), Errno.EBADF),
                // bpf_prog_load tries a closed attach_prog_fd as a BTF fd, which fails: -EINVAL (since 5.11)
                new Case("load against a subprog of a closed prog fd", List.of(closeProg(DefaultWorld.TARGET_PROG)),
                        Fx.loadSub(FENTRY, "subprog_a"), Errno.EINVAL),
                new Case("target_fd on a non-EXT prog", List.of(load(FENTRY, T1)), retarget(P1, "subprog_a"),
                        Errno.EINVAL),
                new Case("target prog fd closed", List.of(loadSub(FREPLACE, "subprog_a"), closeProg(1)),
                        retarget(P1, "subprog_b"), Errno.EBADF),
                new Case("link alloc fails", List.of(load(FENTRY, T1)), fault(attach(P1), FaultPoint.LINK_ALLOC),
                        Errno.ENOMEM),
                new Case("fentry prog already linked (re-attach)", List.of(load(FENTRY, T1), attach(P1)), attach(P1),
                        Errno.EBUSY),
                new Case("re-attach of freplace without target", List.of(loadSub(FREPLACE, "subprog_a"), attach(P1),
                        closeLink(1)), attach(P1), Errno.EINVAL),
                new Case("re-attach: trampoline_get fails", List.of(load(FENTRY, T1), attach(P1), closeLink(1)),
                        fault(attach(P1), FaultPoint.TRAMPOLINE_GET), Errno.ENOMEM),
                new Case("bpf_link_prime fails", List.of(load(FENTRY, T1)), fault(attach(P1), FaultPoint.LINK_PRIME),
                        Errno.EMFILE),
                new Case("image alloc fails", List.of(load(FENTRY, T1)), fault(attach(P1), FaultPoint.IMAGE_ALLOC),
                        Errno.ENOMEM),
                new Case("arch_prepare fails", List.of(load(FENTRY, T1)), fault(attach(P1), FaultPoint.ARCH_PREPARE),
                        Errno.EFAULT),
                new Case("register_ftrace_direct fails", List.of(load(FENTRY, T1)),
                        fault(attach(P1), FaultPoint.FTRACE_REGISTER), Errno.ENOMEM),
                new Case("modify_ftrace_direct fails", List.of(load(FENTRY, T1), attach(P1), load(FEXIT, T1)),
                        fault(attach(P2), FaultPoint.FTRACE_MODIFY), Errno.ENOMEM),
                new Case("function without __fentry__: text poke finds no nop5",
                        List.of(load(FENTRY, "bpf_lsm_inline_helper")), attach(P1), Errno.EBUSY),
                new Case("fentry beside freplace", List.of(loadSub(FREPLACE, "subprog_a"), attach(P1),
                        loadSub(FENTRY, "subprog_a")), attach(P2), Errno.EBUSY),
                new Case("freplace beside fentry", List.of(loadSub(FENTRY, "subprog_a"), attach(P1),
                        loadSub(FREPLACE, "subprog_a")), attach(P2), Errno.EBUSY),
                new Case("BPF_MAX_TRAMP_LINKS reached", List.of(load(FENTRY, T1), attach(P1), load(FEXIT, T1)),
                        attach(P2), Errno.E2BIG, DefaultWorld.get().withMaxTrampLinks(1)),
                // load-time target checks (bpf_check_attach_target, check_attach_btf_id)
                new Case("fmod_ret on a function off the allowlist", List.empty(), load(FMOD_RET, T2), Errno.EINVAL),
                new Case("fmod_ret on a BPF subprog", List.empty(), loadSub(FMOD_RET, "subprog_a"), Errno.EINVAL),
                new Case("sleepable where not allowed", List.empty(), loadSleepable(FENTRY, T2), Errno.EINVAL),
                new Case("freplace on a kernel function", List.empty(), load(FREPLACE, T1), Errno.EINVAL),
                new Case("fexit on a noreturn function", List.empty(), load(FEXIT, "do_exit"), Errno.EINVAL),
                new Case("tracing a deny-listed function", List.empty(), load(FENTRY, "migrate_disable"),
                        Errno.EINVAL),
                new Case("load: trampoline_get fails", List.empty(), fault(load(FENTRY, T1), FaultPoint.TRAMPOLINE_GET),
                        Errno.ENOMEM),
                new Case("close of a closed prog fd", List.of(load(FENTRY, T1), closeProg(P1)), closeProg(P1),
                        Errno.EBADF),
                new Case("close of an unknown link fd", List.empty(), closeLink(5), Errno.EBADF));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyCheckInEveryDesign() {
        return Designs.all().toJavaStream().flatMap((Design d) -> cases().toJavaStream().map(c -> c.test(d)));
    }

    /**
     * bpf_check_attach_target on a BPF prog target (verifier.c:22571-22660 in
     * 6.12): a loaded prog's main function is a target; a subprog it does not
     * have is -EINVAL; a tracing prog that traces a tracing prog cannot be
     * traced ("Cannot nest"); an extension cannot extend an extension or an
     * fentry/fexit prog. Each failure changes nothing.
     */
    @org.junit.jupiter.api.Test
    void targetsThatAreBpfProgs() {
        var d = Fx.design("classic");
        var w = KnownFindingsTest.TRACER;
        var handler = new multilink.model.world.Target.Subprog(1, "handler");
        java.util.function.BiFunction<multilink.model.state.ProgType, multilink.model.world.Target,
                multilink.model.step.Step> ld = (t, tg) -> multilink.model.step.Step.of(
                new multilink.model.step.Op.Load(t, tg, false));
        var mainOf2 = new multilink.model.world.Target.Subprog(2, multilink.model.kernel.AttachTarget.MAIN);
        // fentry on the tracer's subprog: marked as tracing a tracing prog
        var s = Fx.setup(d, w, io.vavr.collection.List.of(ld.apply(FENTRY, handler)));
        org.junit.jupiter.api.Assertions.assertTrue(s.progs().get(2).get().attachTracingProg());
        Fx.failsUnchanged(d, w, io.vavr.collection.List.of(ld.apply(FENTRY, handler)), ld.apply(FENTRY, mainOf2),
                Errno.EINVAL);
        Fx.failsUnchanged(d, w, io.vavr.collection.List.of(ld.apply(FENTRY, handler)),
                ld.apply(FENTRY, new multilink.model.world.Target.Subprog(2, "helper")), Errno.EINVAL);
        // fentry on a kernel function's prog: not marked, so its main may be traced, once
        var ok = Fx.setup(d, w, io.vavr.collection.List.of(ld.apply(FENTRY, new multilink.model.world.Target.Func(
                "bpf_fentry_test1")), ld.apply(multilink.model.state.ProgType.FEXIT, mainOf2)));
        org.junit.jupiter.api.Assertions.assertFalse(ok.progs().get(2).get().attachTracingProg());
        org.junit.jupiter.api.Assertions.assertTrue(ok.progs().get(3).get().attachTracingProg());
        // freplace on the tracer's subprog: "Cannot extend fentry/fexit"
        Fx.failsUnchanged(d, w, io.vavr.collection.List.empty(), ld.apply(multilink.model.state.ProgType.FREPLACE,
                handler), Errno.EINVAL);
    }
}
