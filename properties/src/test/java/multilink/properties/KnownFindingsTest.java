package multilink.properties;

import io.vavr.collection.List;
import multilink.model.Errno;
import multilink.model.step.FaultPoint;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import org.junit.jupiter.api.Test;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FENTRY_MULTI;
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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hazards of kernel-facts 2.7 that belong to this designs and
 * that the model reproduces: each shows up as the design's known finding,
 * with the invariants it breaks, and the fixed design does not have it.
 */
class KnownFindingsTest {
    static final String T1 = "bpf_fentry_test1";
    static final String T2 = "bpf_fentry_test2";

    static Checker.Run run(String design, List<Step> steps) {
        return Checker.run(design(design), DefaultWorld.get(), steps);
    }

    static List<String> invariants(Checker.Run r) {
        return r.results().last().violations().map(v -> v.invariant()).distinct();
    }

    /** H7: duplicate ids in v3 (no dedup): rollback makes a freed image current and leaks the old one. */
    @Test
    void h7DuplicateIdsInOlsaV3() {
        var steps = List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1), multi(P2, T1, T1));
        Checker.Run r = run("olsa-v3", steps);
        Verdict.Known k = assertInstanceOf(Verdict.Known.class, r.verdict());
        assertEquals("H7", k.finding().hazard());
        assertEquals(Errno.EBUSY, r.results().last().outcome().errno());
        assertTrue(invariants(r).containsAll(List.of("NO_DANGLING", "IMAGE_OWNED", "FTRACE_MATCHES_TRAMPOLINES",
                "FAILED_SYSCALL_CHANGES_NOTHING")), invariants(r).toString());
        Checker.Run fixed = run("upstream", steps);
        assertInstanceOf(Verdict.Clean.class, fixed.verdict());
        assertEquals(Errno.EINVAL, fixed.results().last().outcome().errno(), "merged rejects duplicates (fail#7)");
    }

    /** H8: v3 detach puts old_image though the failed update left it current: a use after free. */
    @Test
    void h8DetachPutsTheCurrentImageInOlsaV3() {
        var steps = List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1), multi(P2, T1, T2),
                fault(closeLink(2), FaultPoint.IMAGE_ALLOC));
        Checker.Run r = run("olsa-v3", steps);
        Verdict.Known k = assertInstanceOf(Verdict.Known.class, r.verdict());
        assertEquals("H8", k.finding().hazard());
        assertTrue(r.results().last().violations().exists(v -> v.invariant().equals("NO_DANGLING")
                && v.object().endsWith("cur_image")), r.results().last().violations().toString());
        Checker.Run fixed = run("upstream", steps);
        Verdict.Known f = assertInstanceOf(Verdict.Known.class, fixed.verdict());
        assertEquals("H9", f.finding().hazard(), "the fix leaves only H9");
        assertTrue(fixed.results().last().violations().forAll(v -> !v.object().endsWith("cur_image")),
                "no freed cur_image after the fix: " + fixed.results().last().violations());
    }

    /** H9: detach can fail in every design: the image keeps calling the prog that leaves. */
    @Test
    void h9DetachUpdateFailureInClassic() {
        var steps = List.of(load(FENTRY, T1), load(FENTRY, T1), attach(P1), attach(P2),
                fault(closeLink(1), FaultPoint.IMAGE_ALLOC));
        Checker.Run r = run("classic", steps);
        Verdict.Known k = assertInstanceOf(Verdict.Known.class, r.verdict());
        assertEquals("H9", k.finding().hazard());
        assertEquals(List.of("IMAGE_MATCHES_PROGS", "NO_KERNEL_WARN"), invariants(r));
        Checker.Run fixedClose = run("classic", steps.append(Fx.closeProg(P1)));
        assertTrue(fixedClose.results().size() == steps.size(), "the run stops at the finding");
    }

    /** H5: dong-v1's unlink stops at the first failing entry; __release puts trampolines with nodes on them. */
    @Test
    void h5PartialUnlinkInDongV1() {
        var steps = List.of(load(FENTRY, T1), attach(P1), load(FENTRY, T2), attach(P2), load(FENTRY_MULTI, T1),
                multi(P3, T1, T2), fault(closeLink(3), FaultPoint.IMAGE_ALLOC));
        Checker.Run r = run("dong-v1", steps);
        Verdict.Known k = assertInstanceOf(Verdict.Known.class, r.verdict());
        assertEquals("H5", k.finding().hazard());
        assertTrue(r.results().last().violations().exists(v -> v.invariant().equals("NO_DANGLING")
                && v.object().contains(T2)), "the second entry's node outlives the link: "
                + r.results().last().violations());
    }

    /** H5 on the attach path, found by exploration: the rollback's own unlink can fail. */
    @Test
    void h5RollbackInDongV1() {
        var steps = List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1),
                fault(multi(P2, T1, T2, "bpf_lsm_inline_helper"), FaultPoint.IMAGE_ALLOC, 4));
        Checker.Run r = run("dong-v1", steps);
        Verdict.Known k = assertInstanceOf(Verdict.Known.class, r.verdict());
        assertEquals("H5", k.finding().hazard());
        assertEquals(multilink.model.step.Op.AttachMulti.class, k.finding().op());
    }

    /** H3: dong-v1 leaks link.entries when the attach fails before the first entry counts (-EEXIST here). */
    @Test
    void h3EntriesLeakOnEexistInDongV1() {
        var steps = List.of(load(FENTRY_MULTI, T1), multi(P1, T1), multi(P1, T2));
        Checker.Run r = run("dong-v1", steps);
        assertEquals(Errno.EEXIST, r.results().last().outcome().errno(), "a second attach: no dst_trampoline");
        Verdict.Known k = assertInstanceOf(Verdict.Known.class, r.verdict());
        assertEquals("H3", k.finding().hazard());
        assertEquals(List.of("NO_MEMORY_LEAK", "FAILED_SYSCALL_CHANGES_NOTHING"), invariants(r));
        assertTrue(r.results().last().violations().head().object().equals("link.entries"));
    }

    /** H1: dong-v1 frees kvmalloc'd arrays with kfree, wrong when kvmalloc fell back to vmalloc. */
    @Test
    void h1KfreeOfVmallocMemoryInDongV1() {
        var ok = List.of(load(FENTRY_MULTI, T1), fault(multi(P1, T1, T2), FaultPoint.KVMALLOC_VMALLOC));
        Checker.Run r = run("dong-v1", ok);
        assertEquals(Errno.OK, r.results().last().outcome().errno(), "the attach itself works");
        Verdict.Known k = assertInstanceOf(Verdict.Known.class, r.verdict());
        assertEquals("H1", k.finding().hazard());
        assertEquals(List.of("FREE_MATCHES_ALLOC"), invariants(r));
        Checker.Run slab = run("dong-v1", List.of(load(FENTRY_MULTI, T1), multi(P1, T1, T2)));
        assertInstanceOf(Verdict.Clean.class, slab.verdict(), "kfree of slab memory is fine");
    }
}
