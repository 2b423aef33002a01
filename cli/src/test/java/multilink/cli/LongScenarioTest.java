package multilink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run} is linear in the file: a 100,000-step scenario (9 MB) replays
 * and prints its table. Its speed is measured by hand, not asserted
 * (cli/README.md has the figure); a quadratic {@code run} took minutes here.
 */
class LongScenarioTest {
    static final int STEPS = 100_000;

    @TempDir
    Path dir;

    /** {@code n} steps: load p1, close p1, load p1, ... on classic, every step expecting ok. */
    static Path loadClose(Path file, int n) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"design\": \"classic\", \"description\": \"" + n + " steps of load and close_prog\", \"steps\": [\n");
            for (int i = 0; i < n; i++) {
                w.write(i % 2 == 0
                        ? "{\"op\": \"load\", \"prog\": \"p1\", \"type\": \"fentry\", \"target\": \"bpf_fentry_test1\", \"expect\": \"ok\"}"
                        : "{\"op\": \"close_prog\", \"prog\": \"p1\", \"expect\": \"ok\"}");
                w.write(i + 1 < n ? ",\n" : "\n");
            }
            w.write("]}\n");
        }
        return file;
    }

    @Test
    void hundredThousandStepsReplay() throws IOException {
        Path f = loadClose(dir.resolve("long.json"), STEPS);
        Cli cli = Cli.run("run", f.toString());
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().endsWith("verdict: clean\nPASS\n"), cli.out().substring(Math.max(0, cli.out().length() - 300)));
        assertTrue(cli.out().contains("\n" + STEPS + "  "), "the table has a row per step");
        assertTrue(cli.errLines().forAll(l -> l.matches("run: \\d+/" + STEPS + " steps")),
                "stderr holds progress lines only: " + cli.err());
    }
}
