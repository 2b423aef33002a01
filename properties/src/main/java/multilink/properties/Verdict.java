package multilink.properties;

import multilink.model.design.KnownFinding;
import multilink.model.invariant.Violation;

/** How a run ended. */
public sealed interface Verdict {
    /** Every invariant held after every step. */
    record Clean() implements Verdict {
    }

    /** A defect the design is known to have (kernel-facts 2.7) showed up at step {@code index}. */
    record Known(int index, KnownFinding finding, Violation violation) implements Verdict {
    }

    /** An invariant broke in a way no known finding explains. */
    record Broken(int index, Violation violation) implements Verdict {
    }
}
