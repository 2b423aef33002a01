package multilink.spec.replay;

import io.vavr.control.Either;
import multilink.model.design.Designs;
import multilink.spec.RunConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walks of a dumped graph generate and find exactly what the run did
 * (otherwise their time would be a floor of another graph), the shaped one
 * under the run's invariants, and a design whose run stops at a violation has
 * no floor.
 */
class TlcReplayTest {
    @Test
    void bothWalksRetraceTheRunsGraph() {
        Either<String, TlcReplay> r = TlcReplay.of(Designs.byName("classic+fixes").get(),
                RunConfig.DEFAULT.withLimits(1, 1));
        assertTrue(r.isRight(), () -> r.getLeft());
        assertTrue(r.get().run().distinct() > 50, () -> "distinct " + r.get().run().distinct());
        assertEquals(r.get().run().generated(), r.get().shaped().generated());
        assertEquals(r.get().run().distinct(), r.get().values().distinct());
        assertEquals(r.get().run().distinct(), r.get().compact().distinct());
    }

    @Test
    void aRunThatStopsAtAViolationHasNoFloor() {
        Either<String, TlcReplay> r = TlcReplay.of(Designs.byName("classic").get(), RunConfig.FINDINGS);
        assertEquals(Either.left("the run stopped at a violation: no whole graph to walk"), r);
    }
}
