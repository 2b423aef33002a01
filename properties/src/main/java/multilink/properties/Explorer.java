package multilink.properties;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.invariant.Violation;
import multilink.model.step.Step;
import multilink.model.world.World;

import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Random exploration: {@code chains} chains of up to {@code length} steps
 * from the initial state, judged step by step ({@link Judge}: every invariant
 * after every step, known findings recognised by their fix). A chain goes on
 * past a known finding; the run stops at the first new violation and returns
 * it minimised. The seed fixes everything, so a run is replayed by giving it
 * again. A step whose fault did not fire is recorded as the plain step.
 */
public final class Explorer {
    private Explorer() {
    }

    /**
     * @param steps    checked steps
     * @param known    known findings met, by hazard id: in how many chains
     * @param broken   the first new violation, with its minimised trace
     * @param errnos   how often each errno came back (variety of paths reached)
     * @param faulted  steps that carried a fault
     * @param fired    faulted steps whose fault fired
     */
    public record Report(String design, long seed, int chains, long steps, Map<String, Integer> known,
                         Option<Failure> broken, Map<String, Integer> errnos, long faulted, long fired) {
        /** The share of faulted steps whose fault fired, in percent. */
        public double firedPercent() {
            return faulted == 0 ? 0 : 100.0 * fired / faulted;
        }
    }

    /** A new violation with the trace that shows it, shortest first. */
    public record Failure(Violation violation, List<Step> trace, List<Step> original, boolean withFixes) {
    }

    public static Report explore(Design design, World world, long seed, int chains, int length,
                                 IntConsumer progress) {
        return explore(design, world, seed, chains, length, 1, progress);
    }

    /**
     * The same run, but it goes on to the next chain after a new violation
     * until {@code catches} chains have shown one (or the chains run out), and
     * reports the shortest minimised trace among them (the earliest of equal
     * length). The minimiser's trace is only 1-minimal (no single step can
     * go), so the first catch may be longer than the shortest trace that
     * exists; the kill matrix compares the random checker with TLC's BFS and
     * takes the best of several.
     */
    public static Report explore(Design design, World world, long seed, int chains, int length, int catches,
                                 IntConsumer progress) {
        Random r = new Random(seed);
        StepGen gen = StepGen.of(design);
        Map<String, Integer> known = HashMap.empty();
        Map<String, Integer> errnos = HashMap.empty();
        long steps = 0;
        long faulted = 0;
        long fired = 0;
        Option<Failure> best = Option.none();
        int caught = 0;
        chain:
        for (int c = 0; c < chains; c++) {
            Judge judge = new Judge(design, world);
            List<Step> trace = List.empty();
            java.util.Set<String> met = new java.util.TreeSet<>();
            for (int i = 0; i < length; i++) {
                Step step = gen.next(r, judge.state());
                if (step.fault().isDefined()) {
                    faulted++;
                }
                Judge.Judged j = judge.step(step);
                steps++;
                if (j.result().outcome().faultFired()) {
                    fired++;
                }
                Step recorded = j.result().outcome().faultFired() ? step : new Step(step.op(), Option.none());
                trace = trace.append(recorded);
                String e = j.result().outcome().errno().toString();
                errnos = errnos.put(e, errnos.get(e).getOrElse(0) + 1);
                j.result().known().forEach(k -> met.add(k.finding().hazard()));
                if (j.broken().isDefined()) {
                    List<Step> min = Minimizer.minimize(design, world, trace);
                    // report what the short trace shows: same invariant, maybe another object
                    Verdict.Broken b = Checker.run(design, world, min).broken().get();
                    if (best.forAll(f -> min.size() < f.trace().size())) {
                        best = Option.of(new Failure(b.violation(), min, trace, b.withFixes()));
                    }
                    for (String h : met) {
                        known = known.put(h, known.get(h).getOrElse(0) + 1);
                    }
                    if (++caught == catches) {
                        return new Report(design.name(), seed, c + 1, steps, known, best, errnos, faulted, fired);
                    }
                    progress.accept(c + 1);
                    continue chain;
                }
            }
            for (String h : met) {
                known = known.put(h, known.get(h).getOrElse(0) + 1);
            }
            progress.accept(c + 1);
        }
        return new Report(design.name(), seed, chains, steps, known, best, errnos, faulted, fired);
    }
}
