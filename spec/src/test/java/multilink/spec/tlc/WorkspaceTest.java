package multilink.spec.tlc;

import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run directory is made whole or not at all: a spec that cannot be written
 * in full leaves nothing under the base, and a whole one has every module.
 */
class WorkspaceTest {
    @Test
    void aFailedPreparationLeavesNoDirectoryBehind(@TempDir Path base) throws IOException {
        AtomicInteger written = new AtomicInteger();
        Either<String, Path> dir = Workspace.create(base, "half", (name, text) -> {
            if (written.incrementAndGet() == 3) {
                throw new IllegalStateException("disk full");
            }
            return text;
        });
        assertEquals(Either.left("cannot prepare a TLC directory: disk full"), dir);
        try (var left = Files.list(base)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aWholePreparationHasTheSpec(@TempDir Path base) {
        Either<String, Path> dir = Workspace.create(base, "whole", (name, text) -> text);
        assertTrue(dir.isRight(), () -> dir.getLeft());
        assertTrue(Files.exists(dir.get().resolve("KernelObjects.tla")));
        assertTrue(Files.exists(dir.get().resolve("MCClassic.cfg")));
    }
}
