package multilink.spec.alloy;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.ProgType;
import multilink.model.step.Op;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.Target;
import multilink.model.world.World;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The link between the two worlds: states the Java model reaches are refs.als
 * snapshots, and refs.als's verdicts agree with the model's (JavaLink's four
 * claims), on states where the model's invariants hold and on states where
 * they fail (known findings, seeded bugs).
 */
class AlloyJavaLinkTest {
    private static final World WORLD = DefaultWorld.explore();
    private static final Target F1 = new Target.Func("bpf_fentry_test1");

    private static KState run(Design d, Step... steps) {
        KState s = KState.initial(WORLD);
        for (Step st : steps) {
            s = Syscalls.step(d, s, st).state();
        }
        return s;
    }

    private static JavaLink.Judged judge(Design d, KState s) {
        return JavaLink.judge(Alloy.source(Alloy.REFS), new JavaLink.Reached(d.name(), s));
    }

    @Test
    void aCleanAttachIsAcceptedAndReachableObjectsAreLive() {
        Design d = Designs.byName("classic").get();
        KState s = run(d, Step.of(new Op.Load(ProgType.FENTRY, F1, false)), Step.of(new Op.Attach(2, Option.none(), 0)));
        JavaLink.Judged j = judge(d, s);
        assertEquals(List.empty(), j.disagreements());
        assertTrue(j.alloy().get("invariants").get(), j.picture());
        assertTrue(j.alloy().get("FTRACE_REACHES_LIVE").get());
        String pic = j.picture();
        assertTrue(pic.contains("trampoline bpf_fentry_test1"), pic);
        assertTrue(pic.lines().anyMatch(l -> l.matches("  site bpf_fentry_test1\\s+ftrace direct call\\s+-> image \\d+")),
                pic);
        assertFalse(pic.contains("FREED"), pic);
    }

    @Test
    void theH7StateIsRejectedForTheSameReasonAsInTheModel() {
        // examples/07-olsa-v3-duplicate-ids-H7.json: cur_image is an image the rollback freed
        Design d = Designs.byName("olsa-v3").get();
        KState s = run(d, Step.of(new Op.Load(ProgType.FENTRY, F1, false)), Step.of(new Op.Attach(2, Option.none(), 0)),
                Step.of(new Op.Load(ProgType.FENTRY_MULTI, F1, false)),
                Step.of(new Op.AttachMulti(3, List.of(F1, F1), Option.none(), 0, Option.none())));
        JavaLink.Judged j = judge(d, s);
        assertEquals(List.empty(), j.disagreements());
        assertFalse(j.java().get("NO_DANGLING").get());
        assertFalse(j.alloy().get("NO_DANGLING").get());
        assertFalse(j.alloy().get("invariants").get());
        assertFalse(j.alloy().get("IMAGE_OWNED").get(), "refs.als: a live trampoline's cur_image is freed");
        assertTrue(j.picture().lines().anyMatch(l -> l.matches("  trampoline bpf_fentry_test1\\s+cur_image\\s+-> image \\d+"
                + "\\s+FREED \\(dangling\\)")), j.picture());
    }

    @Test
    void anUnloadedModuleStillPinnedIsDanglingOnBothSides() {
        Design d = Designs.parse("classic+bug_unload_ignores_refs").get();
        KState s = run(d, Step.of(new Op.Load(ProgType.FENTRY, new Target.Func("bpf_testmod_fentry_test1"), false)),
                Step.of(new Op.UnloadModule(DefaultWorld.MODULE)));
        JavaLink.Judged j = judge(d, s);
        assertEquals(List.empty(), j.disagreements());
        assertFalse(j.java().get("REF_MODULE").get());
        assertFalse(j.alloy().get("REF_MODULE").get());
        assertFalse(j.alloy().get("NO_DANGLING").get());
        assertTrue(j.picture().contains("unloaded"), j.picture());
    }

    @Test
    void reachedStatesOfEveryDesignAgreeWithRefs() {
        List<Design> designs = Designs.all().flatMap(d -> List.of(d, d.withFixes()))
                .appendAll(List.of("classic+bug_unload_ignores_refs", "classic+bug_release_no_tgt_prog_put",
                                "classic+bug_cleanup_puts_prog", "classic+bug_prog_free_no_btf_put",
                                "classic+bug_unregister_no_image_put", "classic+bug_release_no_tramp_put",
                                "olsa-v3+bug_multi_detach_no_tramp_put", "dong-v1+bug_dong_dup_btf_no_put",
                                // dangling nodes, so the bad states are not all refcounts (sdt-observer's two designs
                                // took part of the sample)
                                "classic+bug_link_err_keeps_node", "sdt-observer+bug_sdt_release_puts_tgt_prog")
                        .map(n -> Designs.parse(n).getOrElseThrow(() -> new AssertionError(n))));
        long t0 = System.nanoTime();
        List<JavaLink.Reached> reached = JavaLink.reach(designs, WORLD, RandomSteps::new, 7, 30, 25);
        List<JavaLink.Reached> sample = JavaLink.pick(reached, 160);
        JavaLink.Report report = JavaLink.run(sample, reached.size(), designs.size());
        System.out.printf("link: %d distinct states reached by %d designs, %d judged in %.1f s: %d accepted, "
                        + "%d rejected (%.1f s in all)%n", reached.size(), designs.size(), sample.size(), report.seconds(),
                sample.size() - report.rejected(), report.rejected(), (System.nanoTime() - t0) / 1e9);
        List<JavaLink.Judged> bad = report.disagreeing();
        assertTrue(bad.isEmpty(), () -> bad.size() + " states disagree; the first, of " + bad.head().reached().design()
                + ": " + bad.head().disagreements() + "\n" + bad.head().picture());
        // both sides of every claim were exercised
        assertTrue(report.rejected() >= 40, "rejected: " + report.rejected());
        assertTrue(sample.size() - report.rejected() >= 40, "accepted: " + (sample.size() - report.rejected()));
        assertTrue(report.judged().count(j -> !j.java().get("NO_DANGLING").get()) >= 10, "few dangling states");
        assertTrue(report.judged().count(j -> j.javaGood() && j.reached().state().links().nonEmpty()) >= 10, "few linked states");
        assertEquals(AlloyResult.Status.CLEAN, report.result(7).status());
    }
}
