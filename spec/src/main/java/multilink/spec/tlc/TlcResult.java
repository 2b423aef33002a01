package multilink.spec.tlc;

import io.vavr.control.Option;

/**
 * A finished TLC run, parsed from its -tool output.
 *
 * @param generated states generated (every transition tried)
 * @param distinct  distinct states found
 * @param depth     depth of the state graph search (0 when TLC stopped early and did not say)
 * @param seconds   wall-clock time of the run, JVM start included
 * @param violation what TLC found violated, if anything
 */
public record TlcResult(long generated, long distinct, int depth, double seconds, Option<TlcViolation> violation) {

    public boolean passed() {
        return violation.isEmpty();
    }

    /** Distinct states per second. */
    public double statesPerSecond() {
        return seconds <= 0 ? 0 : distinct / seconds;
    }
}
