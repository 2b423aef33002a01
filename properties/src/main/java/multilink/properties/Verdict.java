package multilink.properties;

import io.vavr.collection.List;
import multilink.model.design.KnownFinding;
import multilink.model.invariant.Violation;

/** How a run ended. */
public sealed interface Verdict {
    /** Every invariant held after every step, or broke only as known findings of the design. */
    record Clean(List<Known> known) implements Verdict {
    }

    /**
     * A violation at step {@code index} that the fix of {@code finding} removes
     * (the same trace with the fix switched on does not show it) and that is
     * one of the finding's symptoms.
     */
    record Known(int index, KnownFinding finding, Violation violation) implements Verdict {
    }

    /**
     * An invariant broke in a way no known finding explains: it shows on the
     * design with every fix on, or no single finding's fix removes it.
     * {@code withFixes}: the trace shows it only with every fix on (a bug in
     * a fix, or in a path the unfixed design does not reach).
     */
    record Broken(int index, Violation violation, boolean withFixes) implements Verdict {
    }
}
