package multilink.spec;

import io.vavr.collection.List;
import multilink.spec.trace.Replay;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bug planted in the spec and in the model alike (dong-v1's release drops
 * a btf_put): TLC's counterexample becomes a List of Steps that drives the
 * Java model to the same violation at the same step.
 */
class PlantedBugTest {

    @Test
    void tlcCounterexampleReplaysOnTheModel() {
        LeakyBtfDongV1 d = new LeakyBtfDongV1();
        var r = Tlc.check(d, RunConfig.DEFAULT.withLimits(1, 1), 2, LeakyBtfDongV1::patchSpec, p -> { });
        assertTrue(r.isRight(), () -> r.getLeft());
        assertTrue(r.get().violation().isDefined(), "TLC did not find the planted bug");
        String inv = r.get().violation().get().name();
        assertEquals("REF_BTF", inv);
        var steps = Tlc.steps(r.get().violation().get());
        assertTrue(steps.isRight(), () -> steps.getLeft());
        System.out.println("planted bug: " + steps.get().mkString("; "));
        List<Replay.StepResult> replay = Replay.run(d, multilink.spec.bounds.Bounds.WORLD, steps.get());
        assertTrue(replay.last().broken().contains(inv), () -> "model breaks " + replay.last().broken());
        assertTrue(replay.init().forAll(s -> !s.broken().contains(inv)), "model breaks it earlier");
    }
}
