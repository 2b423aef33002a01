package multilink.model.design;

import io.vavr.collection.Set;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.Step;

/**
 * A defect in a design's own code that the model reproduces on purpose
 * (kernel-facts 2.7). It is recognised by the invariant it breaks, the
 * syscall that breaks it and the fault that step carries (empty: any or
 * none), so checkers can report it as known without hiding other violations.
 *
 * @param hazard     the hazard id (H1..H13) of kernel-facts 2.7
 * @param invariants invariant ids it may break
 * @param op         the syscall that breaks them
 * @param faults     the fault points that trigger it; empty when no fault is needed
 * @param summary    one line for reports
 * @param signature  an invariant the step must break for the finding to apply
 *                   at all (so a finding that may also change the state does
 *                   not explain every failed syscall); none where the trigger
 *                   alone identifies it
 */
public record KnownFinding(String hazard, Set<String> invariants, Class<? extends Op> op, Set<FaultPoint> faults,
                           String summary, io.vavr.control.Option<String> signature) {

    public KnownFinding(String hazard, Set<String> invariants, Class<? extends Op> op, Set<FaultPoint> faults,
                        String summary) {
        this(hazard, invariants, op, faults, summary, io.vavr.control.Option.none());
    }

    /** The step triggers this finding and breaks its signature invariant, if it has one. */
    public boolean applies(Step step, io.vavr.collection.List<String> broken) {
        return op.isInstance(step.op())
                && (faults.isEmpty() || step.fault().exists(f -> faults.contains(f.point())))
                && signature.forAll(broken::contains);
    }

    public boolean matches(String invariant, Step step) {
        return invariants.contains(invariant) && op.isInstance(step.op())
                && (faults.isEmpty() || step.fault().exists(f -> faults.contains(f.point())));
    }
}
