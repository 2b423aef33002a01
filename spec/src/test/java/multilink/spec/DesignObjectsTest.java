package multilink.spec;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import multilink.model.invariant.StateDiff;
import multilink.model.state.DesignObjects;
import multilink.model.state.KState;
import multilink.spec.bounds.Bounds;
import multilink.spec.canon.CanonicalState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The design-state slot: a design's own objects reach the canonical form
 * (the spec's variable {@code dobjects}) and the failed-syscall diff without
 * the shared code knowing the design. The objects here stand for seed 003's
 * per-function metadata: function name to the progs on it.
 */
class DesignObjectsTest {

    /** A design's objects: kfunc_md entries, function to prog ids. */
    record Metadata(TreeMap<String, List<Integer>> md) implements DesignObjects {
        @Override
        public String tla() {
            return md.isEmpty() ? "<<>>" : md.map(e -> "\"" + e._1 + "\" :> " + e._2.mkString("<<", ", ", ">>"))
                    .mkString("(", " @@ ", ")");
        }
    }

    @Test
    void everyPresetsBootStateHasAnEmptySlot() {
        KState s = KState.initial(Bounds.WORLD);
        assertEquals(DesignObjects.NONE, s.designObjects());
        assertTrue(CanonicalState.key(s).endsWith("\ndobjects = <<>>"), CanonicalState.key(s));
        assertEquals(CanonicalState.VARIABLES.size(), CanonicalState.key(s).lines().count());
    }

    @Test
    void aDesignsObjectsAreInTheCanonicalFormAsTlcWouldPrintThem() {
        KState s = KState.initial(Bounds.WORLD);
        KState one = s.withDesignObjects(new Metadata(TreeMap.of("bpf_fentry_test1", List.of(2))));
        KState two = s.withDesignObjects(new Metadata(TreeMap.of("bpf_fentry_test1", List.of(2),
                "bpf_modify_return_test", List.of(2, 3))));
        assertNotEquals(CanonicalState.key(one), CanonicalState.key(two));
        assertEquals(CanonicalState.key(s).replace("dobjects = <<>>", ""),
                CanonicalState.key(two).replaceAll("dobjects = .*", ""), "the shared variables are untouched");
        // the same value written the other way round is the same state, as TLC's function values are
        String swapped = "(\"bpf_modify_return_test\" :> <<2, 3>> @@ \"bpf_fentry_test1\" :> <<2>>)";
        KState other = s.withDesignObjects(() -> swapped);
        assertEquals(CanonicalState.of(two).get("dobjects"), CanonicalState.of(other).get("dobjects"));
        // and an empty table is the empty slot
        assertEquals(CanonicalState.key(s), CanonicalState.key(s.withDesignObjects(new Metadata(TreeMap.empty()))));
    }

    @Test
    void aFailedSyscallThatChangesThemIsADifference() {
        KState s = KState.initial(Bounds.WORLD);
        KState after = s.withDesignObjects(new Metadata(TreeMap.of("bpf_fentry_test1", List.of(2))));
        assertEquals("no difference", StateDiff.describe(s, s.withDesignObjects(DesignObjects.NONE)));
        assertTrue(StateDiff.describe(s, after).startsWith("design objects: "), StateDiff.describe(s, after));
    }

    @Test
    void theGraphDumpReportsADesignsOwnInvariantsByTheirOperators() {
        multilink.model.design.Design classic = multilink.model.design.Designs.byName("classic").get();
        assertEquals("{}", multilink.spec.graph.TlcGraph.designBroken(classic));
        List<multilink.model.invariant.Invariant> two = List.of("GTRAMP_A", "KFUNC_MD_B")
                .map(id -> new multilink.model.invariant.Invariant(id, id, st -> List.empty()));
        // classic's code with two invariants of its own
        multilink.model.design.Design own = (multilink.model.design.Design) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {multilink.model.design.Design.class},
                (proxy, m, args) -> m.getName().equals("invariants") ? two : m.invoke(classic, args));
        assertEquals("(IF GTRAMP_A THEN {} ELSE {\"GTRAMP_A\"}) \\cup (IF KFUNC_MD_B THEN {} ELSE {\"KFUNC_MD_B\"})",
                multilink.spec.graph.TlcGraph.designBroken(own));
    }

    @Test
    void objectsThatAreNoTlaValueAreRefusedLoudly() {
        KState s = KState.initial(Bounds.WORLD).withDesignObjects(() -> "[md |-> ");
        assertThrows(IllegalStateException.class, () -> CanonicalState.key(s));
    }
}
