package multilink.spec.graph;

import multilink.model.design.Designs;
import multilink.spec.RunConfig;
import multilink.spec.StateManifest;
import multilink.spec.Tlc;
import multilink.spec.bounds.Bounds;
import multilink.spec.bounds.StepSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fingerprint count finds what JavaExplorer's graph has and what TLC
 * reports (the exhaustive conformance holds the graph equal to TLC's at the
 * default bounds): distinct states, transitions (TLC's generated minus the
 * initial state) and depth, with one thread and with two.
 */
class StateCounterTest {

    private static StateCount count(String name, RunConfig config, int threads) throws InterruptedException {
        var d = Designs.parse(name).get();
        return StateCounter.count(d, StepSpace.of(d, Bounds.of(d, config)), threads, 60, p -> { });
    }

    /** Small bounds on two designs of different shape: every figure is the graph's and TLC's. */
    @ParameterizedTest
    @ValueSource(strings = {"classic+fixes", "dong-v1+fixes"})
    void smallBoundsCountWhatTheGraphAndTlcHave(String name) throws InterruptedException {
        // CI budget: the second shape (about 110 s on 2 shared cores) runs with -Dmultilink.spec.deep=true
        org.junit.jupiter.api.Assumptions.assumeTrue(name.startsWith("classic")
                || Boolean.getBoolean("multilink.spec.deep"), "dong-v1's case runs with -Dmultilink.spec.deep=true");
        var d = Designs.parse(name).get();
        RunConfig small = RunConfig.DEFAULT.withLimits(2, 1);
        StateGraph g = JavaExplorer.explore(d, StepSpace.of(d, Bounds.of(d, small)));
        var tlc = Tlc.check(d, small, 1, p -> { });
        assertTrue(tlc.isRight(), () -> tlc.getLeft());
        for (int threads : new int[]{1, 2}) {
            StateCount c = count(name, small, threads);
            assertEquals(g.size(), c.distinct(), name + " distinct, " + threads + " thread(s)");
            assertEquals(g.edges().size(), c.transitions(), name + " transitions, " + threads + " thread(s)");
            assertEquals(tlc.get().distinct(), c.distinct(), name + " TLC's distinct");
            assertEquals(tlc.get().generated(), c.generated(), name + " TLC's generated");
            assertEquals(tlc.get().depth(), c.depth(), name + " TLC's depth");
        }
    }

    /** The default rows of MCStates.tsv, which ExhaustiveConformanceTest holds to TLC's graph. */
    @ParameterizedTest
    @ValueSource(strings = {"classic+fixes", "sdt-observer+fixes"})
    void defaultBoundsCountTheManifestsStates(String name) throws InterruptedException {
        var d = Designs.parse(name).get();
        StateCount c = count(name, RunConfig.defaultFor(d), 2);
        assertEquals(StateManifest.shipped().get().expected(d, RunConfig.defaultFor(d)).get(), c.distinct());
    }

    @Test
    void fingerprintsAreASetOfLongs() {
        FingerprintSet s = new FingerprintSet(1);
        java.util.Random r = new java.util.Random(7);
        java.util.HashSet<Long> ref = new java.util.HashSet<>();
        // zero and neighbours collide in the table's slots; growth rehashes them
        for (int i = 0; i < 100_000; i++) {
            long v = i % 3 == 0 ? r.nextLong() : r.nextInt(5_000) - 2_500;
            assertEquals(ref.add(v), s.add(v), "add " + v);
        }
        assertEquals(ref.size(), s.size());
        for (long v : ref) {
            assertTrue(s.contains(v));
        }
        assertEquals(FingerprintSet.of("progs = <<>>"), FingerprintSet.of("progs = <<>>"));
        assertTrue(FingerprintSet.of("progs = <<1>>") != FingerprintSet.of("progs = <<2>>"));
    }
}
