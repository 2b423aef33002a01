package multilink.spec.tlc;

/**
 * One progress report of a running TLC (its -tool message 2200, about once a
 * minute, and the final totals).
 *
 * @param generated       states generated so far (transitions tried)
 * @param distinct        distinct states found
 * @param queue           states left on the queue
 * @param statesPerSecond distinct states per second since the start
 */
public record TlcProgress(long generated, long distinct, long queue, double statesPerSecond) {
}
