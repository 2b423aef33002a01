package multilink.spec.alloy;

import io.vavr.collection.List;
import multilink.spec.alloy.AlloyResult.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * refs.als at its stated scope: the invariants imply no dangling reference
 * and nothing freed reachable from ftrace; they are satisfiable together;
 * each one is needed. Weakening one of them to the model's own form (counts
 * compared for live objects only) gives a counterexample with a dangling
 * reference, printed as objects and references.
 */
class AlloyRefsTest {
    private static List<AlloyResult> results;

    @BeforeAll
    static void run() {
        results = RefsModel.run();
        results.forEach(r -> System.out.printf("refs %-32s %-16s %7s  %s%n", r.command(), r.scope(), r.time(),
                r.result()));
    }

    private static AlloyResult result(String command) {
        return results.find(r -> r.command().equals(command))
                .getOrElseThrow(() -> new AssertionError("no command " + command + " in refs.als"));
    }

    @Test
    void theInvariantsImplyNoDanglingReferenceAndNothingFreedReachableFromFtrace() {
        for (String c : List.of("no_dangling", "ftrace_reaches_live")) {
            AlloyResult r = result(c);
            assertEquals("no counterexample", r.result(), r.detail());
            assertEquals("scope 3, 5 Int", r.scope());
        }
    }

    @Test
    void theInvariantsAreSatisfiableTogether() {
        AlloyResult r = result("satisfiable");
        assertEquals("instance", r.result());
        assertTrue(r.detail().contains("invariants broken: none"), r.detail());
        assertTrue(r.detail().contains("ftrace direct call"), r.detail());
    }

    @Test
    void eachInvariantIsNeededAndItsDropRunShowsADanglingReference() {
        for (String inv : RefsModel.INVARIANTS) {
            AlloyResult r = result("drop_" + inv);
            assertEquals("instance", r.result(), inv + " is implied by the others");
            assertEquals(Status.CLEAN, r.status());
            assertTrue(r.detail().contains("FREED (dangling)"), r.detail());
            assertTrue(r.detail().contains("invariants broken: " + inv), r.detail());
        }
        // one drop command per invariant, no other
        assertEquals(RefsModel.INVARIANTS.map(i -> "drop_" + i).toSet(),
                results.map(AlloyResult::command).filter(c -> c.startsWith("drop_")).toSet());
    }

    @Test
    void everyCommandStatesItsExpectation() {
        var m = Alloy.parse(Alloy.source(Alloy.REFS));
        for (var c : m.getAllCommands()) {
            assertTrue(c.expects >= 0, c.label + " has no expect");
        }
        assertFalse(results.exists(AlloyResult::violation), results.filter(AlloyResult::violation)
                .map(AlloyResult::detail).mkString("\n"));
    }

    /**
     * The model's REF_* compare counts for live objects only (freed ones are
     * not in its state): in that form they no longer rule out a live holder
     * of a freed object, which is why the model keeps NO_DANGLING as an
     * invariant of its own.
     */
    @ParameterizedTest
    @CsvSource({
            "REF_PROG, 'pred REF_PROG { all p: Prog | p.pcnt = progHolders[p] }', "
                    + "'pred REF_PROG { all p: Live & Prog | p.pcnt = progHolders[p] }', prog",
            "REF_TRAMPOLINE, 'pred REF_TRAMPOLINE { all t: Tramp | t.tcnt = trampHolders[t] }', "
                    + "'pred REF_TRAMPOLINE { all t: Live & Tramp | t.tcnt = trampHolders[t] }', trampoline",
            "REF_BTF, 'pred REF_BTF { all b: Btf | b.bcnt = btfHolders[b] }', "
                    + "'pred REF_BTF { all b: Live & Btf | b.bcnt = btfHolders[b] }', btf",
            "REF_MODULE, 'pred REF_MODULE { all m: Module | m.mcnt = moduleHolders[m] }', "
                    + "'pred REF_MODULE { all m: Live & Module | m.mcnt = moduleHolders[m] }', module",
            "IMAGE_OWNED, 'pred IMAGE_OWNED { all i: Image | i.icnt = #((Live & Tramp) & cur.i) }', "
                    + "'pred IMAGE_OWNED { all i: Live & Image | i.icnt = #((Live & Tramp) & cur.i) }', image"})
    void aWeakenedInvariantGivesADanglingReferencePrintedReadably(String inv, String original, String weak,
                                                                   String freedKind) {
        String source = Alloy.source(Alloy.REFS);
        assertTrue(source.contains(original), "refs.als no longer states " + inv + " as " + original);
        AlloyResult r = RefsModel.run(source.replace(original, weak), "no_dangling");
        System.out.println("weakened " + inv + ":\n" + r.detail());
        assertEquals(Status.VIOLATION, r.status());
        assertEquals("VIOLATION counterexample", r.verdict());
        assertEquals("counterexample", r.result());
        assertTrue(r.detail().startsWith("no_dangling: counterexample: the invariants hold and NO_DANGLING"),
                r.detail());
        assertTrue(r.detail().contains("invariants broken: none"), r.detail());
        // a line "<live holder>  <field>  -> <freed object of that kind>  FREED (dangling)"
        String kind = freedKind.equals("btf") ? "(btf \\d+|vmlinux)" : freedKind + " \\d+";
        assertTrue(r.detail().lines().anyMatch(l -> l.matches("  \\S.*-> " + kind + "\\s+FREED \\(dangling\\)")),
                r.detail());
        // and the object list marks it freed
        assertTrue(r.detail().lines().anyMatch(l -> l.matches("  " + kind + "\\s.*(FREED|unloaded)")), r.detail());
    }
}
