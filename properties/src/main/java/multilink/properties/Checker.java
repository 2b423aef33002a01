package multilink.properties;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.state.KState;
import multilink.model.step.Step;
import multilink.model.world.World;

/**
 * Replays a whole trace with a {@link Judge}: every invariant after every
 * step, known findings recognised by their fix. The run goes on past known
 * findings and stops at the first new violation.
 */
public final class Checker {
    private Checker() {
    }

    /** The replay of a trace: each step's result, the known findings met, and the new violation, if any. */
    public record Run(List<StepResult> results, List<Verdict.Known> known, Option<Verdict.Broken> broken) {
        public KState last(KState initial) {
            return results.isEmpty() ? initial : results.last().outcome().state();
        }

        /** Broken if a new violation showed, else Clean with the known findings met. */
        public Verdict verdict() {
            return broken.isDefined() ? broken.get() : new Verdict.Clean(known);
        }
    }

    public static Run run(Design design, World world, List<Step> steps) {
        Judge j = new Judge(design, world);
        List<StepResult> out = List.empty();
        List<Verdict.Known> known = List.empty();
        for (Step step : steps) {
            Judge.Judged r = j.step(step);
            out = out.append(r.result());
            known = known.appendAll(r.result().known());
            if (r.broken().isDefined()) {
                return new Run(out, known, r.broken());
            }
        }
        return new Run(out, known, Option.none());
    }
}
