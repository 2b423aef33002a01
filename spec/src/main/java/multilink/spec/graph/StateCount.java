package multilink.spec.graph;

/**
 * What a fingerprint count of a run's state space found.
 *
 * @param distinct    distinct states (canonical forms), TLC's "distinct states found"
 * @param transitions transitions tried, self-loops and repeats included: TLC's "states generated" minus
 *                    the initial state
 * @param depth       breadth-first levels, the initial state's counted as 1 (TLC's "depth of the
 *                    complete state graph search")
 * @param seconds     wall time of the count
 */
public record StateCount(long distinct, long transitions, int depth, double seconds) {

    /** TLC's "states generated": the transitions and the initial state. */
    public long generated() {
        return transitions + 1;
    }

    public double distinctPerSecond() {
        return seconds > 0 ? distinct / seconds : 0;
    }

    public double transitionsPerSecond() {
        return seconds > 0 ? transitions / seconds : 0;
    }

    /**
     * The bound on the chance that two of the distinct states share a
     * fingerprint and were counted as one ({@link FingerprintSet}):
     * n(n-1)/2^65 for uniform 64-bit fingerprints.
     */
    public double collisionBound() {
        return (double) distinct * (distinct - 1) / Math.pow(2, 65);
    }
}
