package multilink.spec.replay;

import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLC's dot dump read back: values as TLC printed them (dot's escapes
 * undone), each variable's values numbered in order of first occurrence,
 * every generated transition kept (self-loops and repeated edges too, as
 * TLC counts them), and a file that is not such a dump named with its line.
 */
class StateGraphDumpTest {
    private static final String DUMP = String.join("\n",
            "strict digraph DiskGraph {",
            "nodesep=0.35;",
            "subgraph cluster_graph {",
            "11 [label=\"/\\\\ x = 0\\n/\\\\ s = {\\\"a\\\", \\\"b\\\"}\\n/\\\\ r = [ f |-> 1,\\n  g |-> <<>> ]\",style = filled]",
            "11 -> 22 [label=\"\",color=\"black\",fontcolor=\"black\"];",
            "22 [label=\"/\\\\ x = 1\\n/\\\\ s = {\\\"a\\\", \\\"b\\\"}\\n/\\\\ r = [f |-> 2, g |-> <<>>]\"];",
            "11 -> 11 [label=\"\",color=\"black\",fontcolor=\"black\"];",
            "22 -> 22 [label=\"\",color=\"black\",fontcolor=\"black\"];",
            "22 -> 22 [label=\"\",color=\"black\",fontcolor=\"black\"];",
            "22 -> 11 [label=\"\",color=\"black\",fontcolor=\"black\"];",
            "}",
            "}");

    private static Either<String, StateGraphDump> parse(String text) {
        return StateGraphDump.parse(List.of(text.split("\n")).iterator(), "g.dot");
    }

    @Test
    void valuesAreTlcsTextAndEveryGeneratedTransitionIsKept() {
        StateGraphDump g = parse(DUMP).get();
        assertEquals(List.of("x", "s", "r"), g.variables());
        assertEquals(Vector.of("0", "1"), g.values().get(0));
        assertEquals(Vector.of("{\"a\", \"b\"}"), g.values().get(1));
        assertEquals(Vector.of("[ f |-> 1,\n  g |-> <<>> ]", "[f |-> 2, g |-> <<>>]"), g.values().get(2));
        assertEquals(Vector.of(Vector.of(1, 1, 1), Vector.of(2, 1, 2)), g.rows());
        assertEquals(List.of(1), g.initial());
        assertEquals(Vector.of(Vector.of(2, 1), Vector.of(2, 2, 1)), g.successors());
        assertEquals(5, g.transitions());
    }

    @Test
    void whatIsNoDumpIsNamedWithItsLine() {
        assertEquals(Either.left("g.dot: no states (not a TLC -dump dot file?)"), parse("digraph {\n}"));
        assertEquals(Either.left("g.dot: a transition names state 33, which the file does not list"),
                parse(DUMP.replace("22 -> 11", "22 -> 33")));
        Either<String, StateGraphDump> twice = parse(DUMP.replace("22 [label=\"/\\\\ x = 1", "11 [label=\"/\\\\ x = 1"));
        assertEquals(Either.left("g.dot:6: state 11 listed twice"), twice);
        Either<String, StateGraphDump> other = parse(DUMP.replace("\\n/\\\\ r = [f |-> 2", "\\n/\\\\ q = [f |-> 2"));
        assertTrue(other.getLeft().startsWith("g.dot:6: state 22 has variables x, s, q"), other.getLeft());
        Either<String, StateGraphDump> noInit = parse(DUMP.replace(",style = filled", ""));
        assertEquals(Either.left("g.dot: no initial state (TLC fills initial states' nodes)"), noInit);
    }
}
