package multilink.spec;

import multilink.spec.bounds.StepSpace;
import multilink.spec.graph.GraphDiff;
import multilink.spec.graph.StateGraph;

/**
 * The model's and the spec's state graphs of one run, built once, from which
 * both the exhaustive check and the invariant-agreement check are read.
 */
public record GraphComparison(String design, StepSpace space, StateGraph java, StateGraph tlc, double seconds,
                              double tlcSeconds) {

    /** Same distinct states, 1:1 through the canonical form, and the same labelled edges. */
    public ConformanceReport exhaustive() {
        return new ConformanceReport("exhaustive", design, java.size(), java.edges().size(), seconds, tlcSeconds,
                GraphDiff.firstDifference(java, tlc, space.steps()));
    }

    /** On every state of both graphs, the Java predicates and the TLA+ definitions give the same verdicts. */
    public ConformanceReport invariants() {
        return new ConformanceReport("invariants", design, java.size(), tlc.size(), seconds, tlcSeconds,
                GraphDiff.firstVerdictDifference(java, tlc, space.steps())
                        .orElse(() -> GraphDiff.firstVerdictDifference(tlc, java, space.steps())));
    }
}
