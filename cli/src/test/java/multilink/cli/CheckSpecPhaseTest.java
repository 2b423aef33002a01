package multilink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check's TLC phase: TLC alone by default, the graph run with the model/spec
 * conformance on request; either way a bug the design's fixes do not remove
 * is TLC's VIOLATION with a counterexample. A planted bug keeps the runs short:
 * TLC stops at the first violating state.
 */
class CheckSpecPhaseTest {
    private static final String BUGGY = "classic+bug_release_no_tramp_put";

    @TempDir
    Path dir;

    private Cli check(String... more) {
        String[] args = new String[]{"check", "--design", BUGGY, "--seed", "1", "--out", dir.toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    private static String tlcRow(Cli cli) {
        return cli.out().lines().filter(l -> l.startsWith("tlc ")).findFirst().orElse("");
    }

    @Test
    void byDefaultTlcRunsAloneAndReportsTheBugWithATrace() throws Exception {
        Cli cli = check();
        assertEquals(1, cli.exit(), cli.err());
        assertTrue(tlcRow(cli).contains("classic+fixes+bug_release_no_tramp_put"), cli.out());
        assertTrue(tlcRow(cli).endsWith("VIOLATION REF_TRAMPOLINE"), cli.out());
        assertFalse(cli.out().lines().anyMatch(l -> l.startsWith("conformance ")), cli.out());
        assertTrue(cli.err().contains("the model/spec conformance runs with --conformance or --deep"), cli.err());
        assertTrue(cli.out().contains("TLC: invariant REF_TRAMPOLINE violated"), cli.out());
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().contains("tlc")), cli.out());
        }
    }

    @Test
    void withConformanceTheGraphRunStopsAtTheSameViolation() {
        Cli cli = check("--conformance");
        assertEquals(1, cli.exit(), cli.err());
        assertTrue(tlcRow(cli).endsWith("VIOLATION REF_TRAMPOLINE"), cli.out());
        assertTrue(cli.err().contains("with the exhaustive model/spec conformance"), cli.err());
    }

    @Test
    void conformanceWithoutTheTlcPhaseIsAUsageError() {
        Cli cli = check("--quick", "--conformance");
        assertEquals(2, cli.exit());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(cli.err().contains("--conformance needs the TLC phase"), cli.err());
        assertEquals("", cli.out());
    }
}
