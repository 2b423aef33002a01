package multilink.spec;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.spec.bounds.Bounds;
import multilink.spec.bounds.StepSpace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exhaustive runs skip a faulted step where its fault cannot fire (the
 * plain step passes the point fewer than hit times). Skipping is right only
 * if such a step is the plain step again: same state, same errno. TLC checks
 * the spec's statement of it (SKIPPED_FAULTS_CHANGE_NOTHING) on every state
 * at 1 prog and 1 link, and the model is checked the same way on its graph
 * at the default bounds; both also count that some steps were skipped.
 */
class SkippedFaultsTest {
    private static final RunConfig SMALL = RunConfig.DEFAULT.withLimits(1, 1);

    static java.util.List<String> fixedPresets() {
        return SpecDesign.presetNames("+fixes").asJava();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("fixedPresets")
    void theSpecSaysSkippedStepsChangeNothing(String name) {
        Design d = Designs.parse(name).get();
        var r = Tlc.check(d, SMALL, 1, (file, text) -> file.endsWith(".cfg")
                ? text.replace("INVARIANTS\n", "INVARIANTS\n    SKIPPED_FAULTS_CHANGE_NOTHING\n") : text, p -> { });
        assertTrue(r.isRight(), () -> r.getLeft());
        assertTrue(r.get().violation().isEmpty(), () -> name + ": " + r.get().violation().get().message());
        assertTrue(r.get().distinct() >= 50, name + ": " + r.get().distinct() + " states");
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic+fixes", "olsa-v3+fixes", "dong-v1+fixes"})
    void theModelAgrees(String name) {
        Design d = Designs.parse(name).get();
        StepSpace space = StepSpace.of(d, Bounds.of(d, SMALL));
        List<Step> steps = space.steps();
        java.util.Set<KState> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<KState> queue = new java.util.ArrayDeque<>();
        KState init = KState.initial(space.bounds().world());
        seen.add(init);
        queue.add(init);
        int skipped = 0;
        while (!queue.isEmpty()) {
            KState s = queue.poll();
            Outcome plain = null;
            for (Step st : steps) {
                if (!space.inBounds(s, st)) {
                    continue;
                }
                Outcome o = Syscalls.step(d, s, st);
                if (st.fault().isEmpty()) {
                    plain = o;
                } else if (!StepSpace.fires(plain, st.fault().get())) {
                    skipped++;
                    assertEquals(plain.state(), o.state(), st + " from " + s);
                    assertEquals(plain.errno(), o.errno(), st + " from " + s);
                    assertTrue(!o.faultFired(), st + " fired though the plain step passes its point too few times");
                    continue;
                } else {
                    assertTrue(o.faultFired(), st + " did not fire though the plain step passes its point");
                }
                if (space.within(o.state()) && seen.add(o.state())) {
                    queue.add(o.state());
                }
            }
        }
        System.out.printf("skipped faults %s: %d states, %d skipped steps%n", name, seen.size(), skipped);
        assertTrue(skipped > 0);
    }
}
