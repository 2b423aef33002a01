package multilink.spec.tlc;

import io.vavr.control.Option;

/**
 * A finished TLC run, parsed from its -tool output.
 *
 * @param generated states generated (every transition tried)
 * @param distinct  distinct states found
 * @param depth     depth of the state graph search (0 when TLC stopped early and did not say)
 * @param seconds   wall-clock time of the run, JVM start included
 * @param search    wall-clock time of the search alone: from TLC's report of the initial
 *                  states to the end (parsing the spec and evaluating constants left out,
 *                  which a rate of states would otherwise charge to the states)
 * @param violation what TLC found violated, if anything
 */
public record TlcResult(long generated, long distinct, int depth, double seconds, double search,
                        Option<TlcViolation> violation) {

    public boolean passed() {
        return violation.isEmpty();
    }

    /** States generated per second of the search: TLC's own measure of speed, for benchmarks. */
    public double generatedPerSecond() {
        return search <= 0 ? 0 : generated / search;
    }

    /** Distinct states per second. */
    public double statesPerSecond() {
        return seconds <= 0 ? 0 : distinct / seconds;
    }
}
