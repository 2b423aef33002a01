package multilink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cli as its own process, from an empty directory: TLC's working files go
 * to a temporary directory that is gone when the run ends; the current
 * directory stays empty, and with no counterexample no --out directory is made.
 */
class WorkDirTest {
    @TempDir
    Path tmp;

    @Test
    void tlcLeavesTheCurrentDirectoryAndTheTemporaryDirectoryEmpty() throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Path sysTmp = Files.createDirectories(tmp.resolve("systmp"));
        Proc p = Proc.cli(cwd, 600, List.of("-Djava.io.tmpdir=" + sysTmp), "tlc", "--design", "classic");
        assertEquals(0, p.exit(), p.toString());
        assertTrue(p.out().lines().anyMatch(l -> l.startsWith("classic") && l.endsWith("clean")), p.out());
        assertEquals(List.of(), list(cwd), "nothing written to the current directory (no target/tlc, no out/)");
        assertEquals(List.of(), list(sysTmp), "the working directory is removed at exit");
    }

    @Test
    void anExplicitWorkdirIsKept() throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Path work = tmp.resolve("work");
        Proc p = Proc.cli(cwd, 600, List.of("-D" + WorkDir.PROPERTY + "=" + work), "tlc", "--design", "classic");
        assertEquals(0, p.exit(), p.toString());
        assertEquals(List.of(), list(cwd));
        assertEquals(1, list(work).size(), "one TLC directory, kept for whoever asked for it: " + list(work));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
