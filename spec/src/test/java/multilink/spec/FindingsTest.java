package multilink.spec;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.spec.trace.Replay;
import multilink.spec.tlc.TlcResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The findings configs put back what the default bounds leave out; TLC must
 * find a violation of one of the design's known findings there, and its
 * counterexample, turned into steps, must break the same invariant on the
 * Java model at the same (last) step and none before.
 */
class FindingsTest {

    static java.util.List<String> presets() {
        return SpecDesign.presetNames("").asJava();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void tlcFindsAKnownFindingAndTheModelReplaysIt(String name) {
        Design d = Designs.byName(name).get();
        var r = Tlc.check(d, RunConfig.findingsFor(d), 2, p -> { });
        assertTrue(r.isRight(), () -> r.getLeft());
        TlcResult res = r.get();
        assertTrue(res.violation().isDefined(), name + ": TLC found nothing in the findings config");
        String inv = res.violation().get().name();
        System.out.printf("findings %s: %s after %d states (%.1f s)%n", name, inv, res.distinct(), res.seconds());
        assertTrue(d.knownFindings().exists(f -> f.symptoms().exists(x -> x.invariant().equals(inv))),
                name + ": " + inv + " is no known finding's invariant");
        var steps = Tlc.steps(res.violation().get());
        assertTrue(steps.isRight(), () -> steps.getLeft());
        List<Replay.StepResult> replay = Replay.run(d, multilink.spec.bounds.Bounds.WORLD, steps.get());
        assertEquals(steps.get().size(), replay.size());
        assertTrue(replay.last().broken().contains(inv),
                () -> name + ": the model does not break " + inv + " at " + replay.last().step() + " but "
                        + replay.last().broken());
        assertFalse(replay.init().exists(s -> s.broken().contains(inv)), name + ": the model breaks " + inv + " earlier");
        // known: some finding's fix, switched on, removes it from the same trace
        assertTrue(d.knownFindings().exists(f -> !Replay.run(d.withSwitches(d.switches().add(f.fix())),
                        multilink.spec.bounds.Bounds.WORLD, steps.get()).last().broken().contains(inv)),
                () -> name + ": no known finding's fix removes " + inv + " at " + replay.last().step());
    }

}
