package multilink.spec;

import io.vavr.collection.List;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.state.ProgType;
import multilink.model.step.Op;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.Target;
import multilink.model.world.World;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Traces recorded from the Java model, beyond the model-checking bounds, are
 * behaviours of the spec (conformance check 2); a wrong errno is rejected at
 * its step; a trace into a known finding breaks the same invariant on both.
 */
class TraceValidationTest {
    private static final int TRACES = 20;
    private static final int STEPS = 60;

    private static long seed() {
        return Long.getLong("multilink.trace.seed", System.nanoTime());
    }

    static java.util.List<String> presets() {
        return SpecDesign.presetNames("").asJava();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("presets")
    void randomTracesOnTheFullWorldAreBehavioursOfTheSpec(String name) {
        Design d = Designs.byName(name).get();
        long seed = seed();
        System.out.println("trace validation " + name + ": seed " + seed + " (-Dmultilink.trace.seed to repeat)");
        TraceGenerator gen = TraceGenerator.of(d, DefaultWorld.get(), seed);
        List<List<Step>> traces = List.fill(TRACES, () -> gen.trace(STEPS));
        List<RecordedTrace> recorded = traces.map(t -> RecordedTrace.of(d, DefaultWorld.get(), t));
        long links = recorded.flatMap(t -> t.steps().zip(t.errnos()))
                .count(s -> s._2.ok() && (s._1.op() instanceof Op.Attach || s._1.op() instanceof Op.AttachMulti));
        long ok = recorded.flatMap(RecordedTrace::errnos).count(Errno::ok);
        System.out.printf("trace validation %s: %d steps ok, %d links created%n", name, ok, links);
        // a batch of nothing but early errors would check nothing
        assertTrue(links >= TRACES, "seed " + seed + ": only " + links + " links created");
        var r = TraceValidation.checkRecorded(d, DefaultWorld.get(), recorded, 1);
        assertTrue(r.isRight(), () -> "seed " + seed + ": " + r.getLeft());
        System.out.printf("trace validation %s: %d traces, %d steps, %d states, %.1f s%n", name,
                r.get().verdicts().size(), r.get().steps(), r.get().tlc().distinct(), r.get().seconds());
        assertEquals(TRACES, r.get().verdicts().size());
        for (TraceVerdict v : r.get().verdicts()) {
            assertTrue(v.accepted() && v.invariantDifference().isEmpty(),
                    () -> "seed " + seed + ", trace " + v.trace() + ": " + v + "\n" + traces.get(v.trace())
                            .zipWithIndex().map(s -> (s._2 + 1) + ": " + s._1).mkString("\n"));
        }
    }

    @Test
    void aFlippedErrnoIsRejectedAtExactlyThatStep() {
        Design d = Designs.byName("olsa-v3").get();
        World w = DefaultWorld.get();
        long seed = seed();
        System.out.println("flipped errno: seed " + seed + " (-Dmultilink.trace.seed to repeat)");
        RecordedTrace trace = cleanTrace(d, w, seed);
        int k = trace.steps().size() / 2 + 1;
        Errno right = trace.errnos().get(k - 1);
        Errno wrong = right.ok() ? Errno.EINVAL : Errno.OK;
        RecordedTrace flipped = trace.withErrno(k, wrong);

        var batch = TraceValidation.checkRecorded(d, w, List.of(trace, flipped), 1);
        assertTrue(batch.isRight(), () -> batch.getLeft());
        assertTrue(batch.get().verdicts().get(0).accepted(), () -> batch.get().verdicts().get(0).toString());
        TraceVerdict v = batch.get().verdicts().get(1);
        assertTrue(v instanceof TraceVerdict.Rejected, v::toString);
        TraceVerdict.Rejected rej = (TraceVerdict.Rejected) v;
        assertEquals(k, rej.step());
        assertEquals(wrong, rej.java());
        assertEquals(right.toString(), rej.spec());
        assertEquals(trace.steps().get(k - 1), rej.taken());

        var accepted = TraceModule.of(d, w, trace.steps(), trace.errnos()).flatMap(m -> TraceValidation.run(m, 1));
        assertEquals(new TraceOutcome.Accepted(trace.steps().size()), accepted.get(), () -> accepted.getLeft());
        var single = TraceModule.of(d, w, flipped.steps(), flipped.errnos()).flatMap(m -> TraceValidation.run(m, 1));
        assertEquals(new TraceOutcome.Rejected(k), single.get(), () -> single.getLeft());
    }

    /** A generated trace cut before the first step the model reports an invariant broken at. */
    private static RecordedTrace cleanTrace(Design d, World w, long seed) {
        RecordedTrace t = RecordedTrace.of(d, w, TraceGenerator.of(d, w, seed).trace(STEPS));
        int clean = t.broken().indexWhere(b -> !b.isEmpty());
        RecordedTrace cut = clean < 0 ? t : t.take(clean);
        assertTrue(cut.steps().size() >= 10, "seed " + seed + ": only " + cut.steps().size() + " clean steps");
        return cut;
    }

    @Test
    void aTraceIntoFindingH7BreaksTheSameInvariantInTheSpec() {
        Design d = Designs.byName("olsa-v3").get();
        World w = DefaultWorld.small();
        Target t1 = new Target.Func("bpf_fentry_test1");
        List<Step> steps = List.of(
                Step.of(new Op.Load(ProgType.FENTRY, t1, false)),
                Step.of(new Op.Attach(1, Option.none(), 0)),
                Step.of(new Op.Load(ProgType.FENTRY_MULTI, t1, false)),
                Step.of(new Op.AttachMulti(2, List.of(t1, t1), Option.none(), 0, Option.none())));
        RecordedTrace rec = RecordedTrace.of(d, w, steps);
        assertTrue(rec.broken().init().forAll(List::isEmpty), () -> rec.broken().toString());
        assertFalse(rec.broken().last().isEmpty(), "the model does not break anything at the H7 step");

        var m = TraceModule.of(d, w, steps, rec.errnos(), "olsa-v3 known finding H7 (duplicate ids)");
        assertTrue(m.isRight(), () -> m.getLeft());
        var out = TraceValidation.run(m.get(), 1);
        assertTrue(out.isRight(), () -> out.getLeft());
        assertTrue(out.get() instanceof TraceOutcome.Broken, () -> out.get().toString());
        TraceOutcome.Broken b = (TraceOutcome.Broken) out.get();
        System.out.println("H7 trace: TLC reports " + b.invariant() + " after step " + b.step()
                + "; the model breaks " + rec.broken().last());
        assertEquals(steps.size(), b.step());
        assertTrue(rec.broken().last().contains(b.invariant()), () -> b + " vs " + rec.broken().last());
    }
}
