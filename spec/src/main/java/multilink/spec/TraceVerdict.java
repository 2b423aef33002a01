package multilink.spec;

import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.step.Step;

/**
 * What TLC made of one trace of a batch: every step taken with the errno the
 * Java model returned, or the first step where the spec returned another.
 * Either way {@code invariantDifference} names the first step (up to the end
 * or the rejection) where the spec's broken state invariants differ from the
 * model's.
 */
public sealed interface TraceVerdict {
    /** The trace's index in the batch, from 0. */
    int trace();

    Option<String> invariantDifference();

    default boolean accepted() {
        return this instanceof Accepted;
    }

    record Accepted(int trace, int steps, Option<String> invariantDifference) implements TraceVerdict {
    }

    /**
     * @param step      the rejected step's position, from 1
     * @param taken     the step itself
     * @param java      the errno the trace (the Java model) has for it
     * @param spec      the errno the spec returns there
     */
    record Rejected(int trace, int step, Step taken, Errno java, String spec, Option<String> invariantDifference)
            implements TraceVerdict {
    }
}
