package multilink.spec;

import multilink.model.design.Designs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every design with its fixes on, at its default bounds (classic also as
 * the 6.1 kernel line, {@code trampmod}): the Java state
 * graph equals TLC's (states, labelled edges), and the Java and TLA+
 * invariants agree on every state. One TLC run per design serves both checks
 * and is also the design's default TLC run: it checks the default config's
 * invariants and property. Designs with seeded bugs run without TLC's
 * checks (no stop at the first violation), so the verdicts are compared on
 * every state in both directions: a Java invariant that fires wrongly and one
 * that stays silent where the spec's fires both show.
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class ExhaustiveConformanceTest {

    /** Every preset the spec has a module for, with every fix on, and classic as 6.1 has it. */
    static java.util.List<String> fixedDesigns() {
        return SpecDesign.presetNames("+fixes").insert(1, "classic+fixes+trampmod").asJava();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("fixedDesigns")
    void modelAndSpecHaveTheSameGraphAndVerdicts(String name) {
        run(name, true);
    }

    /** Seeded bugs whose graphs stay finite at the default bounds (no count grows without end). */
    @ParameterizedTest
    @ValueSource(strings = {"classic+fixes+bug_fmodret_any_func+bug_prog_twice_on_list+bug_ext_not_exclusive"})
    void verdictsAgreeOnEveryStateOfABrokenDesign(String name) {
        run(name, false);
    }

    /**
     * sdt-observer without the fix of H10 (its SDT key computation and the
     * trampoline's site at the probe, both ways): 16,242 states and 556,688
     * edges, about 200 s, more than CI's budget has left (FindingsTest shows
     * H10 in TLC there); run with -Dmultilink.spec.deep=true.
     */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "multilink.spec.deep", matches = "true")
    void verdictsAgreeOnEveryStateOfSdtObserverWithH10() {
        run("sdt-observer+detachnofail", false);
    }

    /**
     * The olsa-v3 broken design: 16,958 states and 547,388 edges, about four
     * minutes, more than CI's budget has left; run with -Dmultilink.spec.deep=true.
     */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "multilink.spec.deep", matches = "true")
    void verdictsAgreeOnEveryStateOfTheOlsaV3BrokenDesign() {
        run("olsa-v3+fixes+bug_no_tramp_limit+bug_unload_ignores_refs", false);
    }

    private static void run(String name, boolean check) {
        var d = Designs.parse(name).get();
        var cmp = Conformance.graphs(d, RunConfig.defaultFor(d), check, (f, t) -> t, p -> { });
        assertTrue(cmp.isRight(), () -> cmp.getLeft());
        ConformanceReport ex = cmp.get().exhaustive();
        ConformanceReport inv = cmp.get().invariants();
        long broken = cmp.get().java().verdicts().count(v -> !v.isEmpty());
        System.out.printf("exhaustive %s: %d states (%d breaking an invariant), %d edges, %.1f s (TLC %.1f s)%n",
                d.name(), ex.states(), broken, ex.edges(), ex.seconds(), ex.tlcSeconds());
        assertTrue(ex.agrees(), () -> ex.difference().get());
        assertTrue(inv.agrees(), () -> inv.difference().get());
        // a broken design whose bug shows in no state would compare nothing but clean verdicts
        assertTrue(check || broken > 0, name + ": no state breaks an invariant");
        if (check) {
            // the shipped runs' state spaces are recorded; a change to them is news (MCStates.tsv)
            var manifest = StateManifest.shipped();
            assertTrue(manifest.isRight(), () -> manifest.getLeft());
            org.junit.jupiter.api.Assertions.assertEquals(io.vavr.control.Option.of(ex.states()),
                    manifest.get().expected(d, RunConfig.defaultFor(d)), manifest.get().judge(d,
                            RunConfig.defaultFor(d), ex.states()));
        }
    }
}
