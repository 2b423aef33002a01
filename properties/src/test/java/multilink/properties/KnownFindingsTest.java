package multilink.properties;

import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import multilink.model.Errno;
import multilink.model.step.FaultPoint;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import org.junit.jupiter.api.Test;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FENTRY_MULTI;
import static multilink.model.state.ProgType.FEXIT_MULTI;
import static multilink.properties.Fx.P1;
import static multilink.properties.Fx.P2;
import static multilink.properties.Fx.P3;
import static multilink.properties.Fx.attach;
import static multilink.properties.Fx.closeLink;
import static multilink.properties.Fx.design;
import static multilink.properties.Fx.fault;
import static multilink.properties.Fx.load;
import static multilink.properties.Fx.multi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hazards of kernel-facts 2.7 the model reproduces: each shows as its
 * design's known finding with exactly the invariants and objects named
 * here, the design with the finding's fix on does not show it, and the
 * same damage on a design that lacks the finding is a new violation.
 */
class KnownFindingsTest {
    static final String T1 = "bpf_fentry_test1";
    static final String T2 = "bpf_fentry_test2";

    static Checker.Run run(String design, List<Step> steps) {
        return Checker.run(design(design), DefaultWorld.get(), steps);
    }

    /** "HAZARD INVARIANT: object" for each known violation of the last step, sorted. */
    static List<String> knownAtLast(Checker.Run r) {
        int last = r.results().size() - 1;
        return TreeSet.ofAll(r.known().filter(k -> k.index() == last)
                .map(k -> k.finding().hazard() + " " + k.violation().invariant() + ": " + k.violation().object()))
                .toList();
    }

    static void assertKnown(Checker.Run r, List<String> expected) {
        assertTrue(r.broken().isEmpty(), () -> "a new violation: " + r.broken().get().violation());
        assertEquals(expected, knownAtLast(r));
    }

    static void assertClean(Checker.Run r) {
        assertTrue(r.broken().isEmpty() && r.known().isEmpty(),
                () -> "not clean: " + r.broken().map(b -> b.violation().toString()).getOrElse("") + " " + r.known());
    }

    /** H7: duplicate ids in v3 (no dedup): rollback makes a freed image current and leaks the old one. */
    @Test
    void h7DuplicateIdsInOlsaV3() {
        var steps = List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1), multi(P2, T1, T1));
        Checker.Run r = run("olsa-v3", steps);
        assertEquals(Errno.EBUSY, r.results().last().outcome().errno());
        assertKnown(r, List.of(
                "H7 FAILED_SYSCALL_CHANGES_NOTHING: syscall returning EBUSY: trampolines[bpf_fentry_test1]",
                "H7 FTRACE_MATCHES_TRAMPOLINES: site bpf_fentry_test1",
                "H7 IMAGE_MATCHES_PROGS: trampoline bpf_fentry_test1",
                "H7 IMAGE_OWNED: img(bpf_fentry_test1:L1/p2||)",
                "H7 NO_DANGLING: trampoline bpf_fentry_test1 cur_image"));
        assertClean(run("olsa-v3+dedup", steps));
        Checker.Run merged = run("upstream", steps);
        assertClean(merged);
        assertEquals(Errno.EINVAL, merged.results().last().outcome().errno(), "merged rejects duplicates (fail#7)");
    }

    /** H8: v3 detach puts old_image though the failed update left it current: a use after free. */
    @Test
    void h8DetachPutsTheCurrentImageInOlsaV3() {
        var steps = List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1), multi(P2, T1, T2),
                fault(closeLink(2), FaultPoint.IMAGE_ALLOC));
        Checker.Run r = run("olsa-v3", steps);
        assertTrue(r.broken().isEmpty());
        assertTrue(knownAtLast(r).contains("H8 NO_DANGLING: trampoline bpf_fentry_test1 cur_image"),
                knownAtLast(r).toString());
        assertTrue(knownAtLast(r).exists(k -> k.startsWith("H9 ")), "H9 shows beside it");
        // upstream ships the fix: the same damage is not one of upstream's findings
        Checker.Run noFix = run("upstream-retirefix", steps);
        assertTrue(noFix.broken().exists(b -> b.index() == 4 && b.violation().invariant().equals("NO_DANGLING")),
                () -> "upstream without its retirement fix: " + noFix.broken() + " " + noFix.known());
        assertTrue(run("upstream", steps).results().last().violations()
                .forAll(v -> !v.object().endsWith("cur_image")), "no freed cur_image with the fix");
    }

    /** H9: detach can fail in every design: the image keeps calling the prog that leaves. */
    @Test
    void h9DetachUpdateFailureInClassic() {
        var steps = List.of(load(FENTRY, T1), load(FENTRY, T1), attach(P1), attach(P2),
                fault(closeLink(1), FaultPoint.IMAGE_ALLOC));
        Checker.Run r = run("classic", steps);
        assertKnown(r, List.of("H9 IMAGE_MATCHES_PROGS: trampoline bpf_fentry_test1",
                "H9 NO_KERNEL_WARN: link 1: ENOMEM"));
        // the chain goes on past the finding: closing the prog frees it while the stale image calls it
        Checker.Run more = run("classic", steps.append(Fx.closeProg(P1)));
        assertEquals(steps.size() + 1, more.results().size(), "the run goes on past a known finding");
        assertTrue(knownAtLast(more).contains("H9 NO_DANGLING: img(bpf_fentry_test1:L2/p3,L1/p2||) calls"),
                knownAtLast(more).toString());
        assertClean(run("classic+detachnofail", steps.append(Fx.closeProg(P1))));
    }

    /** H5: dong-v1's unlink stops at the first failing entry; __release puts trampolines with nodes on them. */
    @Test
    void h5PartialUnlinkInDongV1() {
        var steps = List.of(load(FENTRY, T1), attach(P1), load(FENTRY, T2), attach(P2), load(FENTRY_MULTI, T1),
                multi(P3, T1, T2), fault(closeLink(3), FaultPoint.IMAGE_ALLOC));
        Checker.Run r = run("dong-v1", steps);
        assertTrue(r.broken().isEmpty(), () -> r.broken().toString());
        assertTrue(knownAtLast(r).containsAll(List.of("H5 NO_DANGLING: trampoline bpf_fentry_test2 node",
                        "H5 LINKINFO_MATCHES: trampoline bpf_fentry_test2 node L3/p4")), knownAtLast(r).toString());
        assertTrue(knownAtLast(r).exists(k -> k.startsWith("H9 ")), "the failing entry itself is H9");
        assertTrue(run("dong-v1+unlinkall", steps).known().forAll(k -> !k.finding().hazard().equals("H5")));
        assertClean(run("dong-v1+unlinkall+detachnofail", steps));
    }

    /** H5 on the attach path, found by exploration: the rollback's own unlink can fail. */
    @Test
    void h5RollbackInDongV1() {
        var steps = List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1),
                fault(multi(P2, T1, T2, "bpf_lsm_inline_helper"), FaultPoint.IMAGE_ALLOC, 4));
        Checker.Run r = run("dong-v1", steps);
        assertTrue(r.broken().isEmpty(), () -> r.broken().toString());
        assertTrue(knownAtLast(r).exists(k -> k.startsWith("H5 ")), knownAtLast(r).toString());
        assertClean(run("dong-v1+fixes", steps));
    }

    /** H3: dong-v1 leaks link.entries when the attach fails before the first entry counts (-EEXIST here). */
    @Test
    void h3EntriesLeakOnEexistInDongV1() {
        var steps = List.of(load(FENTRY_MULTI, T1), multi(P1, T1), multi(P1, T2));
        Checker.Run r = run("dong-v1", steps);
        assertEquals(Errno.EEXIST, r.results().last().outcome().errno(), "a second attach: no dst_trampoline");
        assertKnown(r, List.of(
                "H3 FAILED_SYSCALL_CHANGES_NOTHING: syscall returning EEXIST: warning MEMORY_LEAK(link.entries)",
                "H3 NO_MEMORY_LEAK: link.entries"));
        assertClean(run("dong-v1+freeentries", steps));
    }

    /**
     * H1: dong-v1 frees kvmalloc'd arrays with kfree, wrong when kvmalloc fell
     * back to vmalloc, which only a size above PAGE_SIZE can (mm/util.c:661):
     * only the u64 cookies with cnt > 512. Here the user's cookies array is
     * shorter than cnt, so the copy fails and the error path kfrees it.
     */
    @Test
    void h1KfreeOfVmallocMemoryInDongV1() {
        var big = List.of(load(FENTRY_MULTI, T1),
                fault(Fx.multiCookiesCnt(P1, 513, List.of(1L), T1), FaultPoint.KVMALLOC_VMALLOC));
        Checker.Run r = run("dong-v1", big);
        assertEquals(Errno.EFAULT, r.results().last().outcome().errno());
        assertKnown(r, List.of("H1 FAILED_SYSCALL_CHANGES_NOTHING: syscall returning EFAULT: warning "
                        + "FREE_MISMATCH(kfree(cookies) of vmalloc memory)",
                "H1 FREE_MATCHES_ALLOC: kfree(cookies) of vmalloc memory"));
        assertClean(run("dong-v1+kvfree", big));
        // two ids and no cookies: nothing exceeds PAGE_SIZE, so the fault never fires
        Checker.Run small = run("dong-v1", List.of(load(FENTRY_MULTI, T1),
                fault(multi(P1, T1, T2), FaultPoint.KVMALLOC_VMALLOC)));
        assertClean(small);
        assertEquals(Errno.OK, small.results().last().outcome().errno());
    }

    /** H14: dong-v1 checks btf_id_deny / noreturn_deny only for the first target, at load. */
    @Test
    void h14LaterTargetsSkipTheDenyListsInDongV1() {
        var steps = List.of(load(FEXIT_MULTI, T1), multi(P1, T1, "migrate_disable", "do_exit"));
        Checker.Run r = run("dong-v1", steps);
        assertEquals(Errno.OK, r.results().last().outcome().errno());
        assertKnown(r, List.of("H14 ATTACH_ALLOWED: trampoline do_exit prog 2 (noreturn_deny)",
                "H14 ATTACH_ALLOWED: trampoline migrate_disable prog 2 (btf_id_deny)"));
        Checker.Run fixed = run("dong-v1+denycheck", steps);
        assertClean(fixed);
        assertEquals(Errno.EINVAL, fixed.results().last().outcome().errno());
    }

    /** A world with a tracing prog whose subprog tracing progs can target. */
    static final multilink.model.world.World TRACER = new multilink.model.world.World(DefaultWorld.get().functions(),
            DefaultWorld.get().modules(), List.of(new multilink.model.world.TargetProgDef(1, "tracer",
                    List.of("handler"), multilink.model.state.ProgType.FENTRY, false)), 38);

    /**
     * H4: seed 001 writes attach_tracing_prog per target: the last target (no
     * tracing prog) clears it, so a tracing prog then attaches to this one,
     * a second level of nesting; and a failed attach leaves it changed.
     */
    @Test
    void h4AttachTracingProgRewrittenPerTargetInDongV1() {
        var handler = new multilink.model.world.Target.Subprog(1, "handler");
        var main = new multilink.model.world.Target.Subprog(P1, multilink.model.kernel.AttachTarget.MAIN);
        var nest = List.of(load(FENTRY_MULTI, T1), Fx.multiTargets(P1, handler, new multilink.model.world.Target.Func(T1)),
                multilink.model.step.Step.of(new multilink.model.step.Op.Load(multilink.model.state.ProgType.FENTRY, main,
                        false)), attach(P2));
        Checker.Run r = Checker.run(design("dong-v1"), TRACER, nest);
        assertEquals(Errno.OK, r.results().last().outcome().errno());
        assertKnown(r, List.of("H4 ATTACH_ALLOWED: trampoline prog2:main prog 3 (tracing nesting)"));
        Checker.Run fixed = Checker.run(design("dong-v1+tracingflag"), TRACER, nest);
        assertClean(fixed);
        assertEquals(Errno.EINVAL, fixed.results().get(2).outcome().errno(), "Cannot nest tracing program attach");

        var kept = List.of(multilink.model.step.Step.of(new multilink.model.step.Op.Load(FENTRY_MULTI, handler, false)),
                Fx.multiTargets(P1, handler, multilink.model.world.RawBtfId.of(4242)));
        Checker.Run k = Checker.run(design("dong-v1"), TRACER, kept);
        assertEquals(Errno.EINVAL, k.results().last().outcome().errno());
        assertKnown(k, List.of("H4 FAILED_SYSCALL_CHANGES_NOTHING: syscall returning EINVAL: progs[2]"));
        assertClean(Checker.run(design("dong-v1+tracingflag"), TRACER, kept));
    }

    /**
     * Damage two findings did together is known only as both: the image H7
     * leaked, left calling by H9 (H15 fixed: its put would free that image).
     */
    @Test
    void damageOfTwoFindingsIsKnownOnlyAsBoth() {
        var steps = List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1), multi(P2, T1, T1),
                Fx.closeProg(P1), fault(closeLink(1), FaultPoint.FTRACE_UNREGISTER));
        Checker.Run r = run("olsa-v3+unregkeep", steps);
        assertTrue(r.broken().isEmpty(), () -> r.broken().toString());
        assertTrue(knownAtLast(r).contains("H7+H9 NO_DANGLING: img(bpf_fentry_test1:L1/p2||) calls"),
                knownAtLast(r).toString());
        // with one of the two fixed, what is left is the other finding alone
        assertTrue(run("olsa-v3+dedup+unregkeep", steps).known().forAll(k -> k.finding().hazard().equals("H9")));
        assertClean(run("olsa-v3+dedup+detachnofail+unregkeep", steps));
        // on olsa-v3 as posted the close puts the image H7 already freed: still known, nothing new
        Checker.Run posted = run("olsa-v3", steps);
        assertTrue(posted.broken().isEmpty(), () -> posted.broken().toString());
    }

    /** A bug planted where no finding lives is new even on a design full of findings. */
    @Test
    void aSeededBugIsNeverExcusedByAFinding() {
        var steps = List.of(load(FENTRY_MULTI, T1), multi(P1, T1), closeLink(1));
        Checker.Run r = run("dong-v1+bug_dong_release_no_btf_put", steps);
        assertTrue(r.broken().exists(b -> b.violation().invariant().equals("REF_BTF") && !b.withFixes()),
                () -> r.broken() + " " + r.known());
    }
}
