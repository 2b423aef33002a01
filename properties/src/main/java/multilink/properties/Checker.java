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
     * Known if every violation of the step is explained by one known finding
     * of the design; otherwise broken, naming the first unexplained one.
     */
    public static Verdict classify(Design design, int index, Step step, List<Violation> v) {
        for (KnownFinding f : design.knownFindings()) {
            if (v.forAll(x -> f.matches(x.invariant(), step))) {
                return new Verdict.Known(index, f, v.head());
            }
        }
        Option<Violation> first = v.find(x -> design.knownFindings().forAll(f -> !f.matches(x.invariant(), step)));
        return new Verdict.Broken(index, first.getOrElse(v.head()));
    }
}
