package multilink.spec.graph;

import io.vavr.collection.List;
import io.vavr.collection.Map;

/**
 * A state graph in canonical form: states by canonical text, indexed in
 * discovery order (0 is the initial state), and labelled edges.
 *
 * @param states   canonical text of each state, by index
 * @param index    the inverse of {@code states}
 * @param edges    every transition, in discovery order
 * @param verdicts per state, the ids of the state invariants it breaks
 */
public record StateGraph(List<String> states, Map<String, Integer> index, List<Edge> edges,
                         List<io.vavr.collection.SortedSet<String>> verdicts) {

    public int size() {
        return states.size();
    }
}
