package multilink.spec;

import multilink.model.design.Designs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dong-v2-global's own invariants (KFUNC_MD_*, GTRAMP_*) on states that break
 * them: the design with every fix on plus the seeded bugs whose graph stays
 * finite at the default bounds (no count grows without end: a global
 * trampoline never told of a new md, an md created with one argument too
 * many, an unregister that keeps its direct entries). The Java state graph
 * equals TLC's and the two give the same verdicts on every state, in both
 * directions, without TLC stopping at the first violation; the fixed
 * design's graph is ExhaustiveConformanceTest's. Measured 2026-12-01
 * 07:41-07:56 UTC at load 4 to 7: 33,942 states (28,564 breaking an
 * invariant), 1,381,144 edges, 792.1 s (TLC 772.3 s), far beyond CI's
 * budget: run with -Dmultilink.spec.deep=true.
 */
class DongV2GlobalBrokenConformanceTest {

    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "multilink.spec.deep", matches = "true")
    void verdictsAgreeOnEveryStateOfTheBrokenDesign() {
        var d = Designs.parse("dong-v2-global+fixes+bug_dv2_no_update+bug_dv2_nr_args_plus_one"
                + "+bug_dv2_unreg_keeps_direct").get();
        var cmp = Conformance.graphs(d, RunConfig.defaultFor(d), false, (f, t) -> t, p -> { });
        assertTrue(cmp.isRight(), () -> cmp.getLeft());
        ConformanceReport ex = cmp.get().exhaustive();
        ConformanceReport inv = cmp.get().invariants();
        var broken = cmp.get().java().verdicts().filter(v -> !v.isEmpty());
        System.out.printf("exhaustive %s: %d states (%d breaking an invariant), %d edges, %.1f s (TLC %.1f s)%n",
                d.name(), ex.states(), broken.size(), ex.edges(), ex.seconds(), ex.tlcSeconds());
        assertTrue(ex.agrees(), () -> ex.difference().get());
        assertTrue(inv.agrees(), () -> inv.difference().get());
        // each planted bug shows as the design invariant it breaks, so the verdicts compared are not all clean
        for (String id : java.util.List.of("GTRAMP_FILTER_MATCHES_MD", "KFUNC_MD_NR_ARGS",
                "GTRAMP_DIRECT_MATCHES_FILTER")) {
            assertTrue(broken.exists(v -> v.contains(id)), id + " broken in no state");
        }
    }
}
