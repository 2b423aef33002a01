package multilink.properties;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.KnownFinding;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.World;

/**
 * Replays steps on a design and checks every invariant after every step.
 * A run stops at the first violation, as the kernel is tainted from there on;
 * the violation is either one of the design's known findings or a new defect.
 */
public final class Checker {
    private Checker() {
    }

    /** The replay of a whole trace plus its verdict. */
    public record Run(List<StepResult> results, Verdict verdict) {
        public KState last(KState initial) {
            return results.isEmpty() ? initial : results.last().outcome().state();
        }
    }

    public static Run run(Design design, World world, List<Step> steps) {
        KState s = KState.initial(world);
        List<StepResult> out = List.empty();
        int i = 0;
        for (Step step : steps) {
            Outcome o = Syscalls.step(design, s, step);
            List<Violation> v = Invariants.check(s, o);
            out = out.append(new StepResult(s, step, o, v));
            if (!v.isEmpty()) {
                return new Run(out, classify(design, i, step, v));
            }
            s = o.state();
            i++;
        }
        return new Run(out, new Verdict.Clean());
    }

    /**
     * Known if each violation of the step is explained by a known finding of
     * the design (one step can show two, say a leak and a bad free); then the
     * finding that explains the first violation is named. Otherwise broken,
     * naming the first unexplained violation.
     */
    public static Verdict classify(Design design, int index, Step step, List<Violation> v) {
        List<String> broken = v.map(Violation::invariant);
        List<KnownFinding> apply = design.knownFindings().filter(f -> f.applies(step, broken));
        Option<Violation> unexplained = v.find(x -> apply.forAll(f -> !f.matches(x.invariant(), step)));
        if (unexplained.isDefined()) {
            return new Verdict.Broken(index, unexplained.get());
        }
        KnownFinding f = apply.find(k -> k.matches(v.head().invariant(), step)).get();
        return new Verdict.Known(index, f, v.head());
    }
}
