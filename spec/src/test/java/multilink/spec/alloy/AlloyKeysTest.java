package multilink.spec.alloy;

import io.vavr.collection.List;
import multilink.spec.alloy.AlloyResult.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * keys.als: every design the model has keeps distinct targets on distinct
 * trampolines; sdt-observer does not (H10, with the ids of Alloy's instance);
 * of the two tag-bit fixes, bit 31 collides with kernel keys and bit 30 does
 * not.
 */
class AlloyKeysTest {
    private static List<AlloyResult> results;

    @BeforeAll
    static void run() {
        results = KeysModel.run();
        results.forEach(r -> System.out.printf("keys %-24s %-45s %7s  %s%n", r.command(), r.scope(), r.time(),
                r.result()));
    }

    private static AlloyResult result(String command) {
        return results.find(r -> r.command().equals(command))
                .getOrElseThrow(() -> new AssertionError("no command " + command + " in keys.als"));
    }

    @Test
    void everyDesignOfTheModelHasInjectiveKeys() {
        for (String d : List.of("classic", "olsa_v3", "upstream", "dong_v1", "dong_v2_global")) {
            AlloyResult r = result(d);
            assertEquals("no counterexample", r.result(), d + ": " + r.detail());
            assertEquals(Status.CLEAN, r.status(), d);
        }
    }

    @Test
    void sdtObserverCollidesAsH10WithConcreteIds() {
        var m = Alloy.parse(Alloy.source(Alloy.KEYS));
        Outcome o = Alloy.execute(m, Alloy.command(m, KeysModel.SDT_COMMAND));
        assertTrue(o.satisfiable(), "sdt_observer must have a counterexample");
        List<KeysModel.Collision> cs = KeysModel.collisions(o);
        assertFalse(cs.isEmpty());
        for (KeysModel.Collision c : cs) {
            assertTrue(c.h10(), c.text());
            // the same target prog, orig_off equal to the subprog's BTF func id, bit 31 clear
            assertEquals(c.a().hi(), c.b().hi());
            assertEquals(c.a().lo(), c.b().lo());
            assertEquals(0, c.key() & 0x80000000L, c.text());
            assertEquals((c.a().hi() << 32) | c.a().lo(), c.key());
        }
        AlloyResult r = result(KeysModel.SDT_COMMAND);
        assertEquals(Status.KNOWN, r.status());
        assertEquals("H10", r.finding());
        assertTrue(r.detail().matches("(?s)H10: sdt-observer: SDT probe at orig_off (\\d+) of target prog id (\\d+) and "
                + "subprog with BTF func id \\1 of target prog id \\2 share trampoline key 0x[0-9a-f]{16}.*"), r.detail());
    }

    @Test
    void aBit31TagCollidesWithKernelFunctionsAndABit30TagDoesNot() {
        var m = Alloy.parse(Alloy.source(Alloy.KEYS));
        Outcome o = Alloy.execute(m, Alloy.command(m, "sdt_tag31"));
        assertTrue(o.satisfiable());
        for (KeysModel.Collision c : KeysModel.collisions(o)) {
            assertEquals(List.of("KFunc", "SdtProbe"), List.of(c.a().kind(), c.b().kind()).sorted(), c.text());
            assertTrue((c.key() & 0x80000000L) != 0, c.text());
        }
        assertEquals(Status.CLEAN, result("sdt_tag31").status());
        assertEquals("no counterexample", result("sdt_tag30").result());
    }

    @Test
    void withoutUniqueNamesAddressKeysCollide() {
        assertEquals("instance", result("dup_names_share_address").result());
    }

    @Test
    void everyCommandStatesItsExpectation() {
        var m = Alloy.parse(Alloy.source(Alloy.KEYS));
        for (var c : m.getAllCommands()) {
            assertTrue(c.expects >= 0, c.label + " has no expect");
        }
        assertTrue(results.forAll(r -> r.status() != Status.VIOLATION), results.filter(AlloyResult::violation)
                .map(AlloyResult::detail).mkString("\n"));
    }

    @Test
    void anUnexpectedCollisionIsAViolation() {
        // a design that keys subprogs without the prog id: two target progs' subprogs collide
        String broken = Alloy.source(Alloy.KEYS).replace(
                "t in KFunc => t.fnBtf.objId else (t in Subprog => t.spProg.progId else t.sdtProg.progId)",
                "t in KFunc => t.fnBtf.objId else (t in Subprog => 0 else t.sdtProg.progId)");
        AlloyResult r = KeysModel.run(broken, "dong_v1");
        assertEquals(Status.VIOLATION, r.status());
        assertEquals("VIOLATION key collision", r.verdict());
        assertTrue(r.detail().contains("share trampoline key"), r.detail());
    }
}
