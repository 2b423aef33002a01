package multilink.cli;

import io.vavr.collection.List;
import multilink.x86.ConfigJson;
import multilink.x86.TrampolineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check's x86 phase: its row, its replayable seed, a planted encoding bug caught and written (in a trampoline and
 * in a global caller entry), a missing tool.
 */
class X86CheckTest {
    static final String SEED = "3";

    @TempDir
    Path dir;

    private Cli check(X86Backend x86) {
        return Cli.run(x86, "check", "--quick", "--seed", SEED, "--out", dir.resolve("out").toString());
    }

    private static String x86Row(Cli cli) {
        return cli.out().lines().filter(l -> l.startsWith("x86 reference")).findFirst().orElseThrow(
                () -> new AssertionError("no x86 row:\n" + cli.out()));
    }

    @Test
    void theX86RowIsCleanAndTheSeedReplaysIt() {
        Cli cli = check(X86Backend.REAL);
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        String row = x86Row(cli);
        assertTrue(row.matches("x86 reference +- +100 images, 7 global callers +(\\d+) insns +\\d+ insns/s +GNU as \\1, "
                + "llvm-mc \\1, objdump \\1, 0 mismatches +clean"), row);
        assertTrue(cli.err().contains("x86 reference: 100 sampled configurations and 7 global callers, seed "
                + X86Phase.seedFor(Long.parseLong(SEED)) + " (derived from " + SEED + ")"), cli.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written when clean");

        String again = x86Row(check(X86Backend.REAL));
        assertEquals(row.replaceAll("\\d+ insns/s", ""), again.replaceAll("\\d+ insns/s", ""),
                "the same seed checks the same images");
        String other = x86Row(Cli.run("check", "--quick", "--seed", "4", "--out", dir.resolve("out").toString()));
        assertFalse(row.replaceAll("\\d+ insns/s", "").equals(other.replaceAll("\\d+ insns/s", "")),
                "another seed, other images: " + other);
    }

    @Test
    void aPlantedEncodingBugFailsCheckAndWritesTheConfigurationAndListing() throws IOException {
        Cli cli = check(PlantedX86.JE_FOR_JNE);
        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertTrue(x86Row(cli).matches(".* [1-9]\\d* mismatches +VIOLATION [1-9]\\d* images, 0 global callers"),
                x86Row(cli));
        List<Path> written = written();
        assertEquals(2, written.size(), written.toString());
        assertFalse(written.exists(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary left");
        Path config = written.find(p -> p.toString().endsWith(".config.json")).get();
        Path listing = written.find(p -> p.toString().endsWith(".listing.txt")).get();
        assertTrue(config.getFileName().toString().startsWith("x86-seed" + SEED + "-image"), config.toString());

        TrampolineConfig c = ConfigJson.parse(Files.readString(config)).getOrElseThrow((String s) -> new AssertionError(s));
        assertFalse(c.links().fmodRet().isEmpty(), "only fmod_ret images carry the planted bug");
        String text = Files.readString(listing);
        assertTrue(text.contains("; mismatch: GNU as image 0 @"), text);
        assertTrue(text.contains("; mismatch: llvm-mc image 0 @"), text);
        assertTrue(text.contains("jne 0x"), "the listing shows what the generator claims: " + text);
        assertTrue(cli.out().contains("replay: ./multilink x86 --config " + config + " --check"), cli.out());

        assertEquals(1, Cli.run(PlantedX86.JE_FOR_JNE, "x86", "--config", config.toString(), "--check").exit(),
                "the written configuration replays the mismatch");
        assertEquals(0, Cli.run("x86", "--config", config.toString(), "--check").exit(),
                "and the real generator gets it right");
    }

    @Test
    void aPlantedGlobalCallerBugFailsCheckAndWritesItsLine() throws IOException {
        Cli cli = check(PlantedX86.GLOBAL_CALL_AS_JMP);
        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertTrue(x86Row(cli).matches(".* [1-9]\\d* mismatches +VIOLATION 0 images, 7 global callers"), x86Row(cli));
        List<Path> written = written();
        assertEquals(2, written.size(), written.toString());
        Path config = written.find(p -> p.toString().endsWith(".config")).get();
        assertTrue(config.getFileName().toString().startsWith("x86-seed" + SEED + "-global-caller"), config.toString());
        assertTrue(Files.readString(config).startsWith("global_caller nr_args="), Files.readString(config));
        String listing = Files.readString(written.find(p -> p.toString().endsWith(".listing.txt")).get());
        assertTrue(listing.contains("; mismatch: GNU as image 0 @"), listing);
        assertTrue(listing.contains("call "), "the listing shows what the generator claims: " + listing);
        assertTrue(cli.out().contains("replay: ./multilink x86 --config " + config + " --check"), cli.out());

        assertEquals(1, Cli.run(PlantedX86.GLOBAL_CALL_AS_JMP, "x86", "--config", config.toString(), "--check").exit(),
                "the written line replays the mismatch");
        assertEquals(0, Cli.run("x86", "--config", config.toString(), "--check").exit(),
                "and the real generator gets it right");
    }

    /** The files check wrote under --out, by name. */
    private List<Path> written() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            return List.ofAll(s.toList()).sortBy(Path::toString);
        }
    }

    @Test
    void aMissingToolStopsCheckBeforeAnyPhase() {
        String line = "GNU as (as) not found on PATH; install it to run the reference check";
        Cli cli = check(PlantedX86.missing(line));
        assertEquals(2, cli.exit());
        assertEquals(List.of("multilink: check: x86 reference: " + line), cli.errLines());
        assertEquals("", cli.out());
        assertFalse(Files.exists(dir.resolve("out")));
        assertEquals(0, Cli.run(PlantedX86.missing(line), "check", "--quick", "--seed", SEED, "--design", "classic",
                "--out", dir.resolve("out").toString()).exit(), "one design alone needs no x86 tools");
    }
}
