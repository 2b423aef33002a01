package multilink.spec;

/**
 * What TLC made of a single {@link TraceModule}: the whole trace accepted,
 * no behaviour of the spec taking step {@code step} with the trace's errno,
 * or a design invariant (or the transition property) broken after step
 * {@code step} (0: in the initial state).
 */
public sealed interface TraceOutcome {
    record Accepted(int steps) implements TraceOutcome {
    }

    record Rejected(int step) implements TraceOutcome {
    }

    record Broken(String invariant, int step) implements TraceOutcome {
    }
}
