package multilink.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plausible bugs a reviewer planted in the designs, each of which the
 * old verdicts excused as a known finding (H7, H7, H9, H9, H3): planted by
 * name, each is a new violation of {@code check} with a short counterexample
 * that replays. Upstream without its retirement fix needs two progs on one
 * trampoline and a failed detach, so its shortest trace has five steps.
 */
class SeededBugCheckTest {
    @TempDir
    Path out;

    @ParameterizedTest
    @CsvSource({
            "olsa-v3+bug_multi_err_no_tramp_put, REF_TRAMPOLINE, 4, 1",
            "olsa-v3+bug_multi_no_free_old, IMAGE_OWNED, 4, 2",
            "classic+bug_release_no_tramp_put, REF_TRAMPOLINE, 4, 1",
            "dong-v1+bug_dong_err_leaks_link, NO_MEMORY_LEAK, 4, 1",
            // five steps are rare in --quick's 200 chains of 20: seed 5 has them (./multilink mutants finds
            // it with its 1000 chains of 30 from seed 1)
            "upstream-retirefix, NO_DANGLING, 5, 5"})
    void checkReportsTheSeededBugAsNew(String design, String invariant, int maxSteps, String seed) throws IOException {
        Cli cli = Cli.run("check", "--quick", "--design", design, "--seed", seed, "--out", out.toString());
        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().contains("VIOLATION " + invariant), cli.out());
        Path trace;
        try (var files = Files.list(out)) {
            trace = files.filter(p -> p.toString().endsWith(".trace.json")).findFirst().orElseThrow();
        }
        long steps = Files.readString(trace).lines().filter(l -> l.contains("\"op\"")).count();
        assertTrue(steps <= maxSteps, steps + " steps in " + trace);
        Cli replay = Cli.run("run", trace.toString());
        assertEquals(0, replay.exit(), "the counterexample replays to the violation it states: " + replay.out());
        assertTrue(replay.out().contains("VIOLATION at step " + steps + ": " + invariant), replay.out());
    }
}
