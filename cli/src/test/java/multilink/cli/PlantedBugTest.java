package multilink.cli;

import io.vavr.collection.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check catches a planted module reference leak, writes every form, and the trace replays to it. */
class PlantedBugTest {
    static final DesignCatalogue LEAKY = new DesignCatalogue(List.of(new LeakyDongV1()));
    static final String SEED = "7";

    @TempDir
    Path dir;

    private Cli check() {
        return Cli.run(LEAKY, "check", "--design", "leaky-dong-v1", "--seed", SEED, "--out", dir.toString());
    }

    @Test
    void checkFindsTheLeakAndWritesAReplayableTrace() throws IOException {
        Cli cli = check();
        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().contains("VIOLATION REF_MODULE") || cli.out().contains("VIOLATION QUIESCENT_IS_EMPTY"),
                cli.out());
        String base = "leaky-dong-v1-seed" + SEED;
        Path trace = dir.resolve(base + ".trace.json");
        Path table = dir.resolve(base + ".table.txt");
        Path dot = dir.resolve(base + ".dot");
        Path tla = dir.resolve(base.replace('-', '_') + ".tla");
        Path cfg = dir.resolve(base.replace('-', '_') + ".cfg");
        for (Path p : List.of(trace, table, dot, tla, cfg)) {
            assertTrue(Files.size(p) > 0, p + " written");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary left");
        }
        String violated = cli.out().lines().filter(l -> l.startsWith("leaky-dong-v1: ")).findFirst().orElseThrow()
                .split(": ")[1];
        assertTrue(Files.readString(table).contains(violated), "the table names " + violated);
        assertTrue(Files.readString(dot).contains("fillcolor=\"#ff8080\""), "the DOT highlights the object");
        assertTrue(Files.readString(dot).contains("module bpf_testmod"), "the DOT shows the module");
        assertTrue(Files.readString(tla).contains("EXTENDS DongV1"), "the TLA+ trace is checked against dong-v1's spec");

        Cli replay = Cli.run(LEAKY, "run", trace.toString());
        assertEquals(0, replay.exit(), "the trace expects exactly its violation: " + replay.out());
        assertTrue(replay.out().contains("VIOLATION at step"), replay.out());
        assertTrue(replay.out().contains(violated), replay.out());

        // the same steps on the real design: the trace's expected violation does not show, so run fails
        Cli fixed = Cli.run("run", trace.toString(), "--design", "dong-v1");
        assertEquals(1, fixed.exit(), fixed.out());
    }

    @Test
    void theSameSeedGivesTheSameTrace() throws IOException {
        check();
        String first = Files.readString(dir.resolve("leaky-dong-v1-seed" + SEED + ".trace.json"));
        check();
        assertEquals(first, Files.readString(dir.resolve("leaky-dong-v1-seed" + SEED + ".trace.json")));
    }

    @Test
    void svgWhenGraphvizIsInstalled() throws IOException {
        Assumptions.assumeTrue(Graphviz.dotOnPath().isDefined(), "graphviz dot not on PATH");
        assertEquals(1, check().exit());
        String svg = Files.readString(dir.resolve("leaky-dong-v1-seed" + SEED + ".svg"));
        assertTrue(svg.contains("<svg"), "an SVG document");
    }

    @Test
    void theRealDesignsAreCleanOnTheSameSeed() {
        Cli cli = Cli.run("check", "--quick", "--seed", SEED, "--out", dir.resolve("out").toString());
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written when clean");
        assertTrue(cli.err().contains("seed " + SEED), cli.err());
    }
}
