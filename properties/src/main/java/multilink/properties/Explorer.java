package multilink.properties;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.World;

import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Random exploration: {@code chains} chains of up to {@code length} steps
 * from the initial state, every invariant checked after every step. The seed
 * fixes everything, so a run is replayed by giving it again. Stops at the
 * first violation no known finding explains and returns it minimised.
 */
public final class Explorer {
    private Explorer() {
    }

    /**
     * @param steps    checked steps
     * @param known    known findings hit, by hazard id (the chain stops there)
     * @param broken   the first unexplained violation, with its minimised trace
     * @param errnos   how often each errno came back (variety of paths reached)
     */
    public record Report(String design, long seed, int chains, long steps, Map<String, Integer> known,
                         Option<Failure> broken, Map<String, Integer> errnos) {
    }

    /** A violation with the trace that shows it, shortest first. */
    public record Failure(Violation violation, List<Step> trace, List<Step> original) {
    }

    public static Report explore(Design design, World world, long seed, int chains, int length,
                                 IntConsumer progress) {
        Random r = new Random(seed);
        StepGen gen = StepGen.of(design);
        Map<String, Integer> known = HashMap.empty();
        Map<String, Integer> errnos = HashMap.empty();
        long steps = 0;
        for (int c = 0; c < chains; c++) {
            KState s = KState.initial(world);
            List<Step> trace = List.empty();
            for (int i = 0; i < length; i++) {
                Step step = gen.next(r, s);
                Outcome o = Syscalls.step(design, s, step);
                steps++;
                trace = trace.append(step);
                errnos = errnos.put(o.errno().toString(), errnos.get(o.errno().toString()).getOrElse(0) + 1);
                List<Violation> v = Invariants.check(s, o);
                if (!v.isEmpty()) {
                    Verdict verdict = Checker.classify(design, i, step, v);
                    if (verdict instanceof Verdict.Known k) {
                        known = known.put(k.finding().hazard(), known.get(k.finding().hazard()).getOrElse(0) + 1);
                        break;
                    }
                    List<Step> min = Minimizer.minimize(design, world, trace);
                    // report what the short trace shows: same invariant, maybe another object
                    Verdict.Broken b = (Verdict.Broken) Checker.run(design, world, min).verdict();
                    return new Report(design.name(), seed, c + 1, steps, known,
                            Option.of(new Failure(b.violation(), min, trace)), errnos);
                }
                s = o.state();
            }
            progress.accept(c + 1);
        }
        return new Report(design.name(), seed, chains, steps, known, Option.none(), errnos);
    }
}
