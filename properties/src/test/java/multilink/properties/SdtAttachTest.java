package multilink.properties;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.LinkType;
import multilink.model.state.ProgType;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.Target;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FEXIT;
import static multilink.properties.Fx.P1;
import static multilink.properties.Fx.P2;
import static multilink.properties.Fx.attach;
import static multilink.properties.Fx.closeLink;
import static multilink.properties.Fx.closeProg;
import static multilink.properties.Fx.fault;
import static multilink.properties.Fx.loadSub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 004's SDT link: every errno of {@code bpf_sdt_link_attach} and of the
 * observer's load, each leaving the kernel unchanged; the release path; and
 * H10, two targets whose keys collide, in both orders.
 */
class SdtAttachTest {
    static final Design SDT = Designs.byName("sdt-observer").get();
    static final int TP = DefaultWorld.TARGET_PROG;

    static Step loadSdt(String probe) {
        return Step.of(new Op.Load(ProgType.SDT, new Target.SdtProbe(TP, probe), false));
    }

    static List<Fx.Case> cases() {
        return List.of(
                new Fx.Case("link_create on a closed observer fd", List.of(loadSdt("probe_pass"), closeProg(P1)),
                        attach(P1), Errno.EBADF),
                new Fx.Case("an observer through the multi attach", List.of(loadSdt("probe_pass")),
                        Fx.multi(P1, "bpf_fentry_test1"), Errno.EINVAL),
                new Fx.Case("kzalloc of the link fails", List.of(loadSdt("probe_pass")),
                        fault(attach(P1), FaultPoint.LINK_ALLOC), Errno.ENOMEM),
                new Fx.Case("bpf_link_prime fails", List.of(loadSdt("probe_pass")),
                        fault(attach(P1), FaultPoint.LINK_PRIME), Errno.EMFILE),
                new Fx.Case("bpf_trampoline_get returns NULL", List.of(loadSdt("probe_pass")),
                        fault(attach(P1), FaultPoint.TRAMPOLINE_GET), Errno.ENOMEM),
                new Fx.Case("image alloc fails", List.of(loadSdt("probe_pass")),
                        fault(attach(P1), FaultPoint.IMAGE_ALLOC), Errno.ENOMEM),
                new Fx.Case("arch_prepare fails", List.of(loadSdt("probe_pass")),
                        fault(attach(P1), FaultPoint.ARCH_PREPARE), Errno.EFAULT),
                new Fx.Case("the observer is already on this probe", List.of(loadSdt("probe_pass"), attach(P1)),
                        attach(P1), Errno.EBUSY),
                new Fx.Case("BPF_MAX_TRAMP_LINKS reached", List.of(loadSdt("probe_pass"), attach(P1),
                        loadSdt("probe_pass")), attach(P2), Errno.E2BIG, DefaultWorld.get().withMaxTrampLinks(1)),
                // the load side (assumed, see SdtObserver)
                new Fx.Case("load against a probe of a closed target prog", List.of(closeProg(TP)),
                        loadSdt("probe_pass"), Errno.EINVAL),
                new Fx.Case("load against an unknown probe", List.empty(), loadSdt("no_such_probe"), Errno.EINVAL),
                new Fx.Case("a sleepable observer", List.empty(),
                        Step.of(new Op.Load(ProgType.SDT, new Target.SdtProbe(TP, "probe_pass"), true)), Errno.EINVAL),
                new Fx.Case("an observer against a kernel function", List.empty(),
                        Fx.load(ProgType.SDT, "bpf_fentry_test1"), Errno.EINVAL),
                new Fx.Case("an fentry prog against a probe", List.empty(),
                        Step.of(new Op.Load(FENTRY, new Target.SdtProbe(TP, "probe_pass"), false)), Errno.EINVAL));
    }

    @TestFactory
    Stream<DynamicTest> everyCheckOfTheSdtPath() {
        return cases().toJavaStream().map(c -> c.test(SDT));
    }

    @Test
    void otherDesignsDoNotLoadObservers() {
        for (Design d : Designs.all().filter(d -> !d.loadsSdt())) {
            Fx.failsUnchanged(d, DefaultWorld.get(), List.empty(), loadSdt("probe_pass"), Errno.EINVAL);
        }
    }

    @Test
    void anObserverRunsAtItsProbeAndReleaseGivesBackWhatAttachTook() {
        KState s0 = Fx.setup(SDT, DefaultWorld.get(), List.empty());
        KState s = Fx.setup(SDT, DefaultWorld.get(), List.of(loadSdt("probe_pass"), attach(P1)));
        var tr = s.trampolines().get(new Target.SdtProbe(TP, "probe_pass")).get();
        assertEquals(new Target.SdtProbe(TP, "probe_pass"), tr.site());
        assertEquals(LinkType.SDT, s.links().get(1).get().type());
        // the target prog: its fd and the observer's dst_prog, which the attach does not consume
        assertEquals(2, s.progs().get(TP).get().refcnt());
        KState after = Fx.setup(SDT, DefaultWorld.get(), List.of(loadSdt("probe_pass"), attach(P1), closeLink(1),
                closeProg(P1)));
        assertEquals(s0, after);
    }

    /** The violations of the last step of {@code steps} on {@code d}, every earlier step clean. */
    static List<Violation> lastStep(Design d, List<Step> steps) {
        KState s = Fx.setup(d, DefaultWorld.get(), steps.init());
        Outcome o = Syscalls.step(d, s, steps.last());
        assertEquals(Errno.OK, o.errno());
        return Invariants.check(s, o);
    }

    @Test
    void h10ObserverJoinsTheSubprogsTrampoline() {
        List<Step> steps = List.of(loadSub(FENTRY, "subprog_b"), attach(P1), loadSdt("probe_drop"), attach(P2));
        List<Violation> v = lastStep(SDT, steps);
        assertEquals(List.of("ONE_SITE_PER_TRAMPOLINE"), v.map(Violation::invariant));
        assertEquals("trampoline prog1:subprog_b link 2", v.head().object());
        assertTrue(lastStep(SDT.withSwitches(SDT.switches().add("sdtkey")), steps).isEmpty());
        assertEquals("H10", SDT.knownFindings().find(f -> f.explains(v.head())).get().hazard());
    }

    @Test
    void h10SubprogFentryJoinsTheProbesTrampoline() {
        // the fentry prog's load already takes the trampoline the observer placed at its probe
        List<Step> steps = List.of(loadSdt("probe_drop"), attach(P1), loadSub(FEXIT, "subprog_b"), attach(P2));
        List<Violation> v = lastStep(SDT, steps);
        assertEquals(List.of("ONE_SITE_PER_TRAMPOLINE"), v.map(Violation::invariant));
        assertEquals("runs at prog1@probe_drop", v.head().actual());
    }

    @Test
    void aProbeWhoseOffsetIsNoBtfIdHasATrampolineOfItsOwn() {
        List<Step> steps = List.of(loadSub(FENTRY, "subprog_b"), attach(P1), loadSdt("probe_pass"), attach(P2));
        assertTrue(lastStep(SDT, steps).isEmpty());
        assertEquals(Option.none(), Fx.setup(SDT, DefaultWorld.get(), steps).links().get(2).get().tgtProg());
    }
}
