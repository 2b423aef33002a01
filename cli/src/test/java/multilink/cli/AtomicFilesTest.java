package multilink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counterexamples are written atomically with the mode any new file gets (the umask's), not 0600. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writtenFileHasTheModeAPlainWriteGives() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = AtomicFiles.write(dir.resolve("sub/atomic.txt"), "trace\n").get();
        assertEquals("trace\n", Files.readString(atomic));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic)));
        try (Stream<Path> s = Files.list(dir.resolve("sub"))) {
            assertEquals(1, s.count(), "no temporary file is left behind");
        }
    }

    @Test
    void overwritingKeepsTheContentWhole() throws IOException {
        Path f = dir.resolve("t.json");
        AtomicFiles.write(f, "first, and longer\n").get();
        AtomicFiles.write(f, "second\n").get();
        assertEquals("second\n", Files.readString(f));
    }
}
