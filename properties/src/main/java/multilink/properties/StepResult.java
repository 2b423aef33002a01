package multilink.properties;

import io.vavr.collection.List;
import multilink.model.invariant.Violation;
import multilink.model.state.KState;
import multilink.model.step.Outcome;
import multilink.model.step.Step;

/**
 * One replayed step: the state before, what the syscall did, the invariants
 * it broke, and which of those are known findings.
 */
public record StepResult(KState before, Step step, Outcome outcome, List<Violation> violations,
                         List<Verdict.Known> known) {
}
