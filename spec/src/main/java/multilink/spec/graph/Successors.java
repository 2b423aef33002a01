package multilink.spec.graph;

import multilink.model.design.Design;
import multilink.model.state.KState;
import multilink.model.state.Warning;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.kernel.Syscalls;
import multilink.spec.bounds.StepSpace;

/**
 * The transitions out of one state, as the spec's Next takes them: every
 * step of the space the bounds allow, a faulted step only where its fault
 * fires (SyscallNext decides that from the plain step's passes), and only
 * successors within the bounds. {@link JavaExplorer} records them as edges,
 * {@link StateCounter} counts them.
 */
final class Successors {
    private final Design design;
    private final StepSpace space;
    private final Step[] steps;

    Successors(Design design, StepSpace space) {
        this.design = design;
        this.space = space;
        this.steps = space.steps().toJavaArray(Step[]::new);
    }

    /** What is done with each transition: the step's index in the space and its outcome. */
    interface Visit {
        void transition(int step, Outcome out);
    }

    void of(KState s, Visit visit) {
        Outcome plain = null;
        for (int i = 0; i < steps.length; i++) {
            if (!space.inBounds(s, steps[i])) {
                continue;
            }
            Outcome out;
            if (steps[i].fault().isEmpty()) {
                out = plain = Syscalls.step(design, s, steps[i]);
            } else if (plain != null && StepSpace.fires(plain, steps[i].fault().get())) {
                // a faulted step follows its plain one in the space
                out = Syscalls.step(design, s, steps[i]);
            } else {
                continue;
            }
            if (space.within(out.state())) {
                visit.transition(i, out);
            }
        }
    }

    /**
     * The state with each WARN reduced to its kind, as the canonical form has
     * it: states equal after this have the same canonical text, and comparing
     * them is much cheaper than rendering it.
     */
    static KState normalised(KState s) {
        return s.warnings().isEmpty() ? s : s.withWarnings(s.warnings().map(w -> new Warning(w.kind(), "")));
    }
}
