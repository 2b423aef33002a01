package multilink.model.design;

import io.vavr.collection.List;
import multilink.model.invariant.Violation;

/**
 * A defect in a design's own code that the model reproduces on purpose
 * (kernel-facts 2.7), with its fix. A violation counts as this finding only
 * when the same trace on the design with {@link #fix()} switched on no
 * longer shows it, and it is one of the finding's symptoms; anything else is
 * a new violation. Checkers decide that by replay (properties' Checker), not
 * by looking at the step.
 *
 * @param hazard   the hazard id (H1..H14) of kernel-facts 2.7 or the README
 * @param fix      the switch that fixes it
 * @param symptoms the invariants (and objects) it breaks
 * @param summary  one line for reports
 */
public record KnownFinding(String hazard, String fix, List<Symptom> symptoms, String summary) {

    public boolean explains(Violation v) {
        return symptoms.exists(s -> s.matches(v));
    }

    @Override
    public String toString() {
        return hazard + " (fix: +" + fix + ")";
    }
}
