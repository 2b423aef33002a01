package multilink.spec;

import io.vavr.control.Option;

/**
 * The outcome of a conformance check between the Java model and the spec.
 *
 * @param check       "exhaustive", "invariants" or "random"
 * @param design      the design's name
 * @param states      distinct states compared (steps replayed, for random)
 * @param edges       labelled transitions compared (traces, for random)
 * @param seconds     wall-clock time of the whole check
 * @param tlcSeconds  of which TLC took this long
 * @param difference  the first difference, readable; none when model and spec agree
 */
public record ConformanceReport(String check, String design, long states, long edges, double seconds,
                                double tlcSeconds, Option<String> difference) {

    public boolean agrees() {
        return difference.isEmpty();
    }
}
