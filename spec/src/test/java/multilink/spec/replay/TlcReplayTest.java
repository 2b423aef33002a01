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
 * under the run's invariants; the dump is deleted once read; a design whose
 * run stops at a violation has no floor.
 */
class TlcReplayTest {
    @Test
    void bothWalksRetraceTheRunsGraphAndTheDumpIsGoneOnceRead() throws java.io.IOException {
        java.util.Set<java.nio.file.Path> before = replayDirs();
        Either<String, TlcReplay> r = TlcReplay.of(Designs.byName("classic+fixes").get(),
                RunConfig.DEFAULT.withLimits(1, 1));
        assertTrue(r.isRight(), () -> r.getLeft());
        assertTrue(r.get().run().distinct() > 50, () -> "distinct " + r.get().run().distinct());
        assertEquals(r.get().run().generated(), r.get().shaped().generated());
        assertEquals(r.get().run().distinct(), r.get().values().distinct());
        assertEquals(r.get().run().distinct(), r.get().compact().distinct());

        java.util.Set<java.nio.file.Path> made = replayDirs();
        made.removeAll(before);
        assertEquals(1, made.size(), made::toString);
        java.nio.file.Path dir = made.iterator().next();
        assertTrue(java.nio.file.Files.exists(dir.resolve(ReplayModule.DATA + ".tla")), dir.toString());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("graph.dot")), dir + " still holds the dump");
    }

    @Test
    void aRunThatStopsAtAViolationHasNoFloor() {
        Either<String, TlcReplay> r = TlcReplay.of(Designs.byName("classic").get(), RunConfig.FINDINGS);
        assertEquals(Either.left("the run stopped at a violation: no whole graph to walk"), r);
    }

    private static java.util.Set<java.nio.file.Path> replayDirs() throws java.io.IOException {
        try (var dirs = java.nio.file.Files.list(multilink.spec.tlc.Workspace.base())) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("MCClassicP1L1-replay"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
        }
    }
}
