package multilink.spec;

import io.vavr.collection.List;
import multilink.spec.tlc.TlcResult;

/**
 * A batch of traces checked in one TLC run.
 *
 * @param verdicts one per trace, in the batch's order
 * @param steps    the steps of all traces together
 * @param seconds  wall time of the TLC run (generation and JVM start included)
 * @param tlc      TLC's own totals
 */
public record TraceReport(List<TraceVerdict> verdicts, int steps, double seconds, TlcResult tlc) {
    public boolean allAccepted() {
        return verdicts.forAll(v -> v.accepted() && v.invariantDifference().isEmpty());
    }
}
