package multilink.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad files and bad usage: exit 2, one line naming the file and step, nothing written. */
class BadInputTest {
    private static final String LOAD = "{\"op\": \"load\", \"prog\": \"p1\", \"type\": \"fentry\", \"target\": \"bpf_fentry_test1\"}";

    @TempDir
    Path dir;

    private Cli runFile(String content) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, content);
        return Cli.run("run", f.toString());
    }

    private static String steps(String design, String... steps) {
        return "{\"design\": \"" + design + "\", \"steps\": [" + String.join(", ", steps) + "]}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON         | {"design": "classic", "steps": [   | : malformed JSON at line
            trailing garbage       | {"design": "classic", "steps": []} x | : malformed JSON
            not an object          | [1, 2]                             | : the file must be one JSON object
            unknown design         | {"design": "olsa-v9", "steps": []} | : unknown design "olsa-v9"
            unknown world          | {"design": "classic", "world": "big", "steps": []} | : unknown world "big"
            unknown top field      | {"design": "classic", "step": []}  | : unknown field "step"
            unknown op             | {"design": "classic", "steps": [{"op": "link_update"}]} | : step 1: unknown op "link_update"
            bad prog type          | {"design": "classic", "steps": [{"op": "load", "prog": "p", "type": "kprobe", "target": "bpf_fentry_test1"}]} | : step 1: unknown prog type "kprobe"
            unknown function       | {"design": "classic", "steps": [{"op": "load", "prog": "p", "type": "fentry", "target": "bpf_fentry_test99"}]} | : step 1: unknown function "bpf_fentry_test99"
            unknown subprog        | {"design": "classic", "steps": [{"op": "load", "prog": "p", "type": "freplace", "target": "xdp_target:subprog_z"}]} | : step 1: unknown subprog "subprog_z"
            unknown prog name      | {"design": "classic", "steps": [{"op": "close_prog", "prog": "p9"}]} | : step 1: unknown prog "p9"
            unknown link name      | {"design": "classic", "steps": [{"op": "close_link", "link": "L9"}]} | : step 1: unknown link "L9"
            bad errno              | {"design": "classic", "steps": [{"op": "close_link", "link": "L", "expect": "EWHATEVER"}], "bad_fds": ["L"]} | : step 1: unknown errno "EWHATEVER"
            unknown step field     | {"design": "classic", "steps": [{"op": "close_link", "link": "L", "cookie": 1}], "bad_fds": ["L"]} | : step 1: unknown field "cookie" for close_link
            wrong field type       | {"design": "classic", "steps": [{"op": "close_link", "link": 3}]} | : step 1: "link" must be a non-empty string
            cookies not integers   | {"design": "upstream", "steps": [{"op": "attach_multi", "prog": "p", "targets": ["bpf_fentry_test1"], "cookies": ["a"]}], "bad_fds": ["p"]} | : step 1: "cookies" must be an integer
            fault hit zero         | {"design": "classic", "steps": [{"op": "attach", "prog": "p", "fault": {"point": "image_alloc", "hit": 0}}], "bad_fds": ["p"]} | : step 1: "hit" must be an integer >= 1
            unknown fault point    | {"design": "classic", "steps": [{"op": "attach", "prog": "p", "fault": {"point": "oops"}}], "bad_fds": ["p"]} | : step 1: unknown fault point "oops"
            fault not in design    | {"design": "classic", "steps": [{"op": "attach", "prog": "p", "fault": {"point": "ftrace_hash_alloc"}}], "bad_fds": ["p"]} | : step 1: design classic has no fault point "ftrace_hash_alloc"
            unknown invariant      | {"design": "classic", "expect_violation": "NO_BUGS", "steps": []} | : unknown invariant "NO_BUGS"
            """)
    void badFileIsOneLineAndExitTwo(String name, String content, String message) throws IOException {
        Cli cli = runFile(content);
        assertEquals(2, cli.exit(), cli.out() + cli.err());
        assertEquals(1, cli.errLines().size(), cli.err());
        assertTrue(cli.err().startsWith("multilink: " + dir.resolve("bad.json")), cli.err());
        assertTrue(cli.err().contains(message), cli.err());
        assertEquals("", cli.out());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "run writes nothing");
        }
    }

    @Test
    void laterStepsAreNumbered() throws IOException {
        Cli cli = runFile(steps("classic", LOAD, LOAD, "{\"op\": \"attach\", \"prog\": \"q\"}"));
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains(": step 3: unknown prog \"q\""), cli.err());
    }

    @Test
    void missingFile() {
        Cli cli = Cli.run("run", dir.resolve("nope.json").toString());
        assertEquals(2, cli.exit());
        assertEquals(1, cli.errLines().size());
        assertTrue(cli.err().contains("cannot read"), cli.err());
    }

    @Test
    void badUsageIsOneLineAndWritesNothing() {
        Path out = dir.resolve("out");
        for (String[] args : new String[][]{
                {"check", "--design", "nope", "--out", out.toString(), "--seed", "1"},
                {"check", "--seed", "x", "--out", out.toString()},
                {"check", "--quick", "--deep", "--out", out.toString()},
                {"check", "--frobnicate"},
                {"run"},
                {"nosuchcommand"}}) {
            Cli cli = Cli.run(args);
            assertEquals(2, cli.exit(), String.join(" ", args) + ": " + cli.err());
            assertEquals(1, cli.errLines().size(), String.join(" ", args) + ": " + cli.err());
            assertTrue(cli.err().startsWith("multilink: "), cli.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", args));
        }
    }

    @Test
    void noArgumentsPrintsUsageAndExitsTwo() {
        Cli cli = Cli.run();
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("Usage: multilink"));
    }
}
