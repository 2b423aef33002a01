package multilink.properties;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.DongV1;
import multilink.model.design.KnownFinding;
import multilink.model.design.Switches;
import multilink.model.design.Symptom;
import multilink.model.invariant.Violation;
import multilink.model.state.KState;
import multilink.model.step.FaultPoint;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import org.junit.jupiter.api.Test;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FENTRY_MULTI;
import static multilink.properties.Fx.P1;
import static multilink.properties.Fx.attach;
import static multilink.properties.Fx.closeLink;
import static multilink.properties.Fx.closeProg;
import static multilink.properties.Fx.design;
import static multilink.properties.Fx.fault;
import static multilink.properties.Fx.load;
import static multilink.properties.Fx.multi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Judge's verdict on each way a step can break something: nothing, a
 * design with every fix on, the fixed twin breaking too or alone, a known
 * finding, and a violation no finding's fix and symptoms explain; and the
 * Checker's run over a whole trace.
 */
class JudgeTest {
    static final String T1 = "bpf_fentry_test1";
    static final String T2 = "bpf_fentry_test2";

    static Violation v(String invariant, String object, String expected, String actual) {
        return new Violation(invariant, object, expected, actual);
    }

    static List<Judge.Judged> judge(Design d, List<Step> steps) {
        Judge j = new Judge(d, DefaultWorld.get());
        return steps.map(j::step);
    }

    @Test
    void aCleanStepIsNeitherKnownNorBroken() {
        Judge j = new Judge(design("classic"), DefaultWorld.get());
        KState boot = j.state();
        assertEquals(KState.initial(DefaultWorld.get()), boot);
        Judge.Judged r = j.step(load(FENTRY, T1));
        assertEquals(Option.none(), r.broken());
        assertEquals(List.empty(), r.result().violations());
        assertEquals(List.empty(), r.result().known());
        assertSame(boot, r.result().before());
        assertEquals(load(FENTRY, T1), r.result().step());
        assertSame(r.result().outcome().state(), j.state());
        assertEquals(Errno.OK, r.result().outcome().errno());
    }

    /** With every fix on there is nothing to excuse: the first violation is new, found without any replay. */
    @Test
    void aDesignWithEveryFixOnHasOnlyNewViolations() {
        List<Judge.Judged> r = judge(design("classic+fixes+bug_close_prog_no_put"),
                List.of(load(FENTRY, T1), closeProg(P1)));
        assertEquals(Option.none(), r.head().broken());
        assertEquals(Option.of(new Verdict.Broken(1, v("REF_PROG", "prog 2", "0 holders", "refcnt 1"), false)),
                r.last().broken());
        assertEquals(List.empty(), r.last().result().known());
    }

    /** What the fixed twin breaks too is new, named as the twin has it. */
    @Test
    void whatTheFixedTwinBreaksIsNew() {
        List<Judge.Judged> r = judge(design("dong-v1+bug_dong_release_no_btf_put"),
                List.of(load(FENTRY_MULTI, T1), multi(P1, T1), closeLink(1)));
        assertEquals(Option.of(new Verdict.Broken(2, v("REF_BTF", "vmlinux", "2 holders", "refcnt 3"), false)),
                r.last().broken());
        assertEquals(List.of("REF_BTF"), r.last().result().violations().map(Violation::invariant));
    }

    /**
     * A bug on a path only the fixed design reaches: with detachnofail the
     * classic link's unlink goes through to modify_fentry, where the seeded
     * bug leaks the old image; the design itself fails the update (H9) and
     * never gets there. (The multi link put its image on the trampoline
     * through seed 000's own ops, which the bug does not touch.)
     */
    @Test
    void whatOnlyTheFixedTwinBreaksIsNewWithFixes() {
        List<Judge.Judged> r = judge(design("upstream+bug_modify_no_image_put"),
                List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1), multi(Fx.P2, T1),
                        fault(closeLink(1), FaultPoint.IMAGE_ALLOC)));
        assertTrue(r.init().forAll(x -> x.broken().isEmpty() && x.result().violations().isEmpty()));
        Verdict.Broken b = r.last().broken().get();
        assertEquals(new Verdict.Broken(4, v("IMAGE_OWNED", "img(" + T1 + ":L2/p3,L1/p2||)",
                "0 allocation(s) in use", "1 allocated"), true), b);
        assertEquals(List.of("IMAGE_MATCHES_PROGS", "NO_KERNEL_WARN"),
                r.last().result().violations().map(Violation::invariant), "the design shows H9 only");
    }

    /** Known findings met on the way: attributed by fix, and the chain goes on. */
    @Test
    void aKnownFindingIsAttributedAndTheChainGoesOn() {
        List<Step> steps = List.of(load(FENTRY, T1), load(FENTRY, T1), attach(P1), attach(Fx.P2),
                fault(closeLink(1), FaultPoint.IMAGE_ALLOC), closeLink(2), closeProg(P1));
        List<Judge.Judged> r = judge(design("classic"), steps);
        assertTrue(r.forAll(x -> x.broken().isEmpty()), () -> r.map(Judge.Judged::broken).toString());
        List<Verdict.Known> known = r.get(4).result().known();
        assertEquals(List.of("IMAGE_MATCHES_PROGS", "NO_KERNEL_WARN"), known.map(k -> k.violation().invariant()));
        assertTrue(known.forAll(k -> k.finding().hazard().equals("H9") && k.index() == 4));
        // the sticky WARN is known again at every later step, from the memo
        assertEquals(List.of("NO_KERNEL_WARN"), r.get(5).result().known().map(k -> k.violation().invariant()));
        assertEquals(5, r.get(5).result().known().head().index());
    }

    /**
     * Damage of two findings, with exactly those two known: olsa-v3 with H8
     * and H15 fixed. The image H7 leaked, left calling a freed prog by H9,
     * goes only with both fixes.
     */
    @Test
    void damageOfTwoFindingsNeedsBothFixes() {
        List<Step> steps = List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1), multi(Fx.P2, T1, T1),
                closeProg(P1), fault(closeLink(1), FaultPoint.FTRACE_UNREGISTER));
        Design d = design("olsa-v3+retirefix+unregkeep");
        assertEquals(List.of("H7", "H9"), d.knownFindings().map(KnownFinding::hazard));
        List<Judge.Judged> r = judge(d, steps);
        assertTrue(r.forAll(x -> x.broken().isEmpty()));
        List<Verdict.Known> known = r.last().result().known();
        assertEquals(List.of("H7+H9 NO_DANGLING", "H7 FTRACE_MATCHES_TRAMPOLINES", "H7 IMAGE_OWNED",
                "H9 NO_KERNEL_WARN"), known.map(k -> k.finding().hazard() + " " + k.violation().invariant()));
        KnownFinding both = known.head().finding();
        assertEquals("dedup+detachnofail", both.fix());
        assertTrue(both.summary().startsWith("together: "));
        assertEquals(d.knownFindings().flatMap(KnownFinding::symptoms), both.symptoms());
    }

    /** A user's design whose finding has the right fix but not the symptom: the damage is new. */
    static final class WrongSymptom extends DongV1 {
        WrongSymptom() {
            super(io.vavr.collection.HashSet.empty());
        }

        @Override
        public String name() {
            return "dong-v1-wrong";
        }

        @Override
        public List<KnownFinding> presetFindings() {
            return List.of(new KnownFinding("HX", Switches.KVFREE, List.of(Symptom.any("REF_PROG")), "not H1"));
        }
    }

    @Test
    void aViolationNoFindingNamesIsNew() {
        // cookies of cnt 513 are above PAGE_SIZE, the one kvmalloc that can fall back to vmalloc
        List<Step> steps = List.of(load(FENTRY_MULTI, T1),
                fault(Fx.multiCookiesCnt(P1, 513, List.of(1L), T1), FaultPoint.KVMALLOC_VMALLOC));
        List<Judge.Judged> r = judge(new WrongSymptom(), steps);
        assertEquals(Option.of(new Verdict.Broken(1, v("FREE_MATCHES_ALLOC", "kfree(cookies) of vmalloc memory",
                "kvfree", "kfree"), false)), r.last().broken());
        // dong-v1's own H1 names it
        List<Judge.Judged> own = judge(design("dong-v1"), steps);
        assertEquals(Option.none(), own.last().broken());
        assertEquals(List.of("H1"), own.last().result().known().map(k -> k.finding().hazard()).distinct());
    }

    /** A finding that names the damage but whose fix does not remove it excuses nothing. */
    static final class WrongFix extends DongV1 {
        WrongFix() {
            super(io.vavr.collection.HashSet.empty());
        }

        @Override
        public String name() {
            return "dong-v1-wrongfix";
        }

        @Override
        public List<KnownFinding> presetFindings() {
            return List.of(new KnownFinding("HY", Switches.UNLINKALL, List.of(Symptom.any("FREE_MATCHES_ALLOC")),
                    "fix elsewhere"), new KnownFinding("HZ", Switches.KVFREE, List.of(Symptom.any("REF_PROG")),
                    "the real fix, not its symptom"));
        }
    }

    @Test
    void aFindingWhoseFixDoesNotRemoveItExcusesNothing() {
        // cookies of cnt 513 are above PAGE_SIZE, the one kvmalloc that can fall back to vmalloc
        List<Step> steps = List.of(load(FENTRY_MULTI, T1),
                fault(Fx.multiCookiesCnt(P1, 513, List.of(1L), T1), FaultPoint.KVMALLOC_VMALLOC));
        List<Judge.Judged> r = judge(new WrongFix(), steps);
        assertEquals("FREE_MATCHES_ALLOC", r.last().broken().get().violation().invariant());
        assertFalse(r.last().broken().get().withFixes());
    }

    // ---- the Checker over a trace ----

    @Test
    void aRunStopsAtTheFirstNewViolation() {
        List<Step> steps = List.of(load(FENTRY, T1), closeProg(P1), load(FENTRY, T1), closeProg(Fx.P2));
        Checker.Run run = Checker.run(design("classic+bug_close_prog_no_put"), DefaultWorld.get(), steps);
        assertEquals(2, run.results().size(), "stopped after step 1");
        assertTrue(run.broken().isDefined());
        assertSame(run.broken().get(), run.verdict());
        assertSame(run.results().last().outcome().state(), run.last(KState.initial(DefaultWorld.get())));
    }

    @Test
    void aCleanRunCarriesTheFindingsItMet() {
        List<Step> steps = List.of(Fx.load(FENTRY_MULTI, T1), multi(P1, T1), multi(P1, T2));
        Checker.Run run = Checker.run(design("dong-v1"), DefaultWorld.get(), steps);
        assertEquals(3, run.results().size());
        assertEquals(Option.none(), run.broken());
        assertEquals(List.of("H3", "H3"), run.known().map(k -> k.finding().hazard()));
        assertEquals(new Verdict.Clean(run.known()), run.verdict());
        KState boot = KState.initial(DefaultWorld.get());
        Checker.Run empty = Checker.run(design("dong-v1"), DefaultWorld.get(), List.empty());
        assertSame(boot, empty.last(boot));
        assertEquals(new Verdict.Clean(List.empty()), empty.verdict());
    }
}
