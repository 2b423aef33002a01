package multilink.spec.graph;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import multilink.model.step.Step;

/**
 * Compares two state graphs in canonical form and describes the first
 * difference so a reader can act on it: the state (and the steps that reach
 * it from boot), the step, and what each side made of it, variable by
 * variable.
 */
public final class GraphDiff {
    private GraphDiff() {
    }

    /**
     * The first difference between the model's graph and the spec's, in the
     * model's breadth-first order: a state whose outgoing edges differ in
     * errno or target; none when the graphs are equal up to the canonical
     * mapping (same states, same labelled edges).
     */
    public static Option<String> firstDifference(StateGraph java, StateGraph tlc, List<Step> steps) {
        if (!java.states().head().equals(tlc.states().head())) {
            return Option.of("initial states differ:\n" + varDiff(java.states().head(), tlc.states().head()));
        }
        Map<Integer, List<Edge>> jOut = java.edges().groupBy(Edge::from);
        Map<Integer, List<Edge>> tOut = tlc.edges().groupBy(Edge::from);
        for (int s = 0; s < java.size(); s++) {
            String key = java.states().get(s);
            Option<Integer> t = tlc.index().get(key);
            if (t.isEmpty()) {
                continue; // reached only through an edge that differs, reported first
            }
            Map<Integer, Edge> je = jOut.get(s).getOrElse(List.empty()).toMap(Edge::step, e -> e);
            Map<Integer, Edge> te = tOut.get(t.get()).getOrElse(List.empty()).toMap(Edge::step, e -> e);
            for (int i : je.keySet().addAll(te.keySet()).toSortedSet()) {
                Option<Edge> a = je.get(i);
                Option<Edge> b = te.get(i);
                String aTo = a.map(e -> java.states().get(e.to())).getOrNull();
                String bTo = b.map(e -> tlc.states().get(e.to())).getOrNull();
                if (a.isDefined() && b.isDefined() && a.get().errno().equals(b.get().errno()) && aTo.equals(bTo)) {
                    continue;
                }
                StringBuilder m = new StringBuilder("first difference: step ").append(steps.get(i))
                        .append("\nfrom the state reached by ").append(path(java, s, steps)).append(":\n")
                        .append(indent(key)).append('\n');
                m.append("  model: ").append(a.map(e -> "returns " + e.errno()).getOrElse("does not take the step"))
                        .append("\n  spec:  ").append(b.map(e -> "returns " + e.errno())
                                .getOrElse("does not take the step")).append('\n');
                if (aTo != null && bTo != null && !aTo.equals(bTo)) {
                    m.append("  next state, model vs spec:\n").append(varDiff(aTo, bTo));
                }
                return Option.of(m.toString());
            }
        }
        if (java.size() != tlc.size()) {
            return Option.of("the model has " + java.size() + " states, the spec " + tlc.size()
                    + ", though every shared state has the same edges");
        }
        return Option.none();
    }

    /**
     * The first state (in the model's order) where the Java predicates and
     * the TLA+ definitions disagree on which invariants it breaks.
     */
    public static Option<String> firstVerdictDifference(StateGraph java, StateGraph tlc, List<Step> steps) {
        for (int s = 0; s < java.size(); s++) {
            Option<Integer> t = tlc.index().get(java.states().get(s));
            if (t.isDefined() && !java.verdicts().get(s).equals(tlc.verdicts().get(t.get()))) {
                return Option.of("invariant verdicts differ in the state reached by " + path(java, s, steps)
                        + ":\n" + indent(java.states().get(s)) + "\n  model breaks: " + java.verdicts().get(s)
                        + "\n  spec breaks:  " + tlc.verdicts().get(t.get()));
            }
        }
        return Option.none();
    }

    /** The variables whose canonical text differs, one pair of lines each. */
    static String varDiff(String a, String b) {
        List<String> la = List.of(a.split("\n"));
        List<String> lb = List.of(b.split("\n"));
        return la.zipAll(lb, "", "").filter(p -> !p._1.equals(p._2))
                .map(p -> "    model " + p._1 + "\n    spec  " + p._2).mkString("\n");
    }

    private static String indent(String s) {
        return "    " + s.replace("\n", "\n    ");
    }

    /** The steps from boot to state {@code s} along the model's BFS tree. */
    private static String path(StateGraph g, int s, List<Step> steps) {
        java.util.HashMap<Integer, Edge> parent = new java.util.HashMap<>();
        for (Edge e : g.edges()) {
            if (e.to() != 0 && e.from() != e.to()) {
                parent.putIfAbsent(e.to(), e);
            }
        }
        List<String> out = List.empty();
        int cur = s;
        while (cur != 0 && parent.containsKey(cur)) {
            Edge e = parent.get(cur);
            out = out.prepend(steps.get(e.step()).toString());
            cur = e.from();
        }
        return out.isEmpty() ? "boot" : "boot; " + out.mkString("; ");
    }
}
