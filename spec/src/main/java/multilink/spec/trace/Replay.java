package multilink.spec.trace;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.World;

/**
 * Runs a list of steps on the Java model from boot and records, after each
 * step, the ids of the invariants the model reports broken (state ones on the
 * new state, and the transition one).
 */
public final class Replay {
    private Replay() {
    }

    /** One entry per step: the outcome and the invariant ids it breaks. */
    public record StepResult(Step step, Outcome outcome, List<String> broken) {
    }

    public static List<StepResult> run(Design design, World world, List<Step> steps) {
        KState s = KState.initial(world);
        List<StepResult> out = List.empty();
        for (Step step : steps) {
            Outcome o = Syscalls.step(design, s, step);
            out = out.append(new StepResult(step, o, Invariants.check(design, s, o).map(Violation::invariant).distinct()));
            s = o.state();
        }
        return out;
    }
}
