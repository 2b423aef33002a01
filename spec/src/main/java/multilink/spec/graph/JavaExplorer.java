package multilink.spec.graph;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeSet;
import multilink.model.design.Design;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.state.KState;
import multilink.spec.bounds.StepSpace;
import multilink.spec.canon.CanonicalState;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * Breadth-first search over {@link multilink.model.kernel.Syscalls#step} from the initial state,
 * trying every step of the space that the bounds allow, and a faulted step
 * only where its fault fires (as the spec's SyscallNext): the model's side of
 * the exhaustive conformance check. States are merged by canonical form, so
 * the count is comparable with TLC's distinct states.
 */
public final class JavaExplorer {
    private JavaExplorer() {
    }

    public static StateGraph explore(Design design, StepSpace space) {
        return explore(design, space, Integer.MAX_VALUE);
    }

    /**
     * Stops expanding after {@code maxStates} states: a broken model may leak
     * a count without bound, and a comparison with a graph of known size
     * need not go further (the first difference comes before, in BFS order).
     */
    public static StateGraph explore(Design design, StepSpace space, int maxStates) {
        KState init = KState.initial(space.bounds().world());
        java.util.HashMap<String, Integer> index = new java.util.HashMap<>();
        // merging by the model's own equality first is much cheaper than rendering every successor
        java.util.HashMap<KState, Integer> seen = new java.util.HashMap<>();
        ArrayList<String> states = new ArrayList<>();
        ArrayList<KState> reps = new ArrayList<>();
        ArrayList<Edge> edges = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        String k0 = CanonicalState.key(init);
        index.put(k0, 0);
        states.add(k0);
        reps.add(init);
        queue.add(0);
        Successors next = new Successors(design, space);
        while (!queue.isEmpty() && states.size() < maxStates) {
            int from = queue.poll();
            next.of(reps.get(from), (i, out) -> {
                KState norm = Successors.normalised(out.state());
                Integer to = seen.get(norm);
                String key = null;
                if (to == null) {
                    key = CanonicalState.key(out.state());
                    to = index.get(key);
                    seen.put(norm, to == null ? states.size() : to);
                }
                if (to == null) {
                    to = states.size();
                    index.put(key, to);
                    states.add(key);
                    reps.add(out.state());
                    queue.add(to);
                }
                edges.add(new Edge(from, i, out.errno().toString(), to));
            });
        }
        Map<String, Integer> idx = HashMap.ofAll(index);
        return new StateGraph(List.ofAll(states), idx, List.ofAll(edges),
                List.ofAll(reps).map(s -> verdict(design, s)));
    }

    /** The ids of the state invariants, the design's own included, {@code s} breaks. */
    public static io.vavr.collection.SortedSet<String> verdict(Design design, KState s) {
        return TreeSet.ofAll(Invariants.checkState(design, s).map(Violation::invariant));
    }
}
