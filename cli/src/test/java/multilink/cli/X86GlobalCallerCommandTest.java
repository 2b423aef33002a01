package multilink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.List;
import multilink.x86.CpuFeatures;
import multilink.x86.GlobalCaller;
import multilink.x86.GlobalCallerConfig;
import multilink.x86.GlobalCallerImage;
import multilink.x86.NakedCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./multilink x86 --global-caller N}: the global caller entry of seed 003 v2 02/18 in the three formats. */
class X86GlobalCallerCommandTest {
    @TempDir
    Path dir;

    private static GlobalCallerImage expected(int n, CpuFeatures cpu, NakedCompiler cc) {
        return GlobalCaller.generate(GlobalCallerConfig.unlinked(n, cpu, cc)).get();
    }

    @Test
    void listingIsTheGeneratorsWithSummaryRelocationsAndCheck() {
        Cli cli = Cli.run("x86", "--global-caller", "3", "--ibt", "--return-thunk", "--compiler", "clang", "--check");
        assertEquals(0, cli.exit(), cli.err());
        GlobalCallerImage img = expected(3, new CpuFeatures(true, true, true), NakedCompiler.CLANG);
        assertTrue(cli.out().startsWith("; global caller bpf_global_caller_3 (seed 003 v2 02/18), IBT+RETHUNK+SLS, "
                + "clang: " + img.size() + " bytes, unlinked\n" + img.listing()), cli.out());
        assertTrue(cli.out().contains("; 0022/4 GLOBAL_CALLER_RUN bpf_global_caller_3_run = 0xffffffff81210300\n"),
                cli.out());
        assertTrue(cli.out().contains("; reference check: " + img.insns().size() + " instructions; GNU as "
                + img.insns().size() + ", llvm-mc " + img.insns().size() + ", objdump " + img.insns().size()
                + "; 0 mismatches\n"), cli.out());
    }

    @Test
    void hexAndJsonAreTheGeneratorsBytes() throws Exception {
        GlobalCallerImage img = expected(0, new CpuFeatures(false, false, false), NakedCompiler.GCC);
        Cli hex = Cli.run("x86", "--global-caller", "0", "--no-sls", "--format", "hex");
        assertEquals(img.hex() + "\n", hex.out(), hex.err());
        Cli json = Cli.run("x86", "--global-caller", "0", "--no-sls", "--format", "json");
        JsonNode root = ScenarioJson.mapper().readTree(json.out());
        assertEquals(img.hex(), root.get("hex").asText());
        assertEquals(img.size(), root.get("size").asInt());
        assertEquals(List.of("bpf_global_caller_0", "bpf_global_caller_0_run"),
                List.ofAll(root.get("placeholders")).map(JsonNode::asText));
    }

    /** A global_caller line in --config (what mutants writes for a global caller bug) replays that configuration. */
    @Test
    void aGlobalCallerLineInConfigIsRead() throws Exception {
        GlobalCallerConfig c = GlobalCallerConfig.unlinked(5, new CpuFeatures(false, true, false), NakedCompiler.GCC)
                .linkedAt(0xffffffff81400000L, 0xffffffff813fff00L, 0xffffffff81e00000L);
        Path file = dir.resolve("gc.txt");
        Files.writeString(file, c.line() + "\n");
        Cli cli = Cli.run("x86", "--config", file.toString(), "--format", "hex");
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(GlobalCaller.generate(c).get().hex() + "\n", cli.out());
        Files.writeString(file, "global_caller nr_args=2 sls=maybe\n");
        Cli bad = Cli.run("x86", "--config", file.toString());
        assertEquals(Main.EXIT_USAGE, bad.exit());
        assertEquals("multilink: " + file + ": sls: expected true or false, got 'maybe'\n", bad.err());
    }

    @Test
    void aVariantThePatchDoesNotDefineIsItsErrnoAndBadInputOneLine() {
        Cli seven = Cli.run("x86", "--global-caller", "7");
        assertEquals(Main.EXIT_VIOLATION, seven.exit());
        assertEquals("multilink: x86: -EOPNOTSUPP: global_tr_array[7].image is NULL: bpf_global_caller_0..6 only "
                + "(seed 003 v2 02/18, 05/18)\n", seven.err());
        Cli negative = Cli.run("x86", "--global-caller", "-1");
        assertEquals(Main.EXIT_USAGE, negative.exit());
        assertEquals("multilink: --global-caller: expected an argument register count (0..6), got -1\n",
                negative.err());
        Cli icc = Cli.run("x86", "--global-caller", "1", "--compiler", "icc");
        assertEquals(Main.EXIT_USAGE, icc.exit());
        assertEquals("multilink: --compiler: expected gcc or clang, got 'icc'\n", icc.err());
    }
}
