package multilink.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;

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
            unknown SDT probe      | {"design": "sdt-observer", "steps": [{"op": "load", "prog": "o", "type": "sdt", "target": "xdp_target@nope"}]} | : step 1: unknown SDT probe "nope" of xdp_target
            probe as attach target | {"design": "sdt-observer", "steps": [{"op": "attach_multi", "prog": "o", "targets": ["xdp_target@probe_pass"]}], "bad_fds": ["o"]} | : step 1: an SDT probe (prog@probe) is what an sdt prog is loaded against
            probe without orig_off | {"design": "sdt-observer", "world": {"progs": [{"name": "t", "probes": [{"name": "p"}]}]}, "steps": []} | probe t@p: "orig_off" must be an integer from 0 to 1048575
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
            fault errno not there  | {"design": "classic", "steps": [{"op": "attach", "prog": "p", "fault": {"point": "image_alloc", "errno": "EBUSY"}}], "bad_fds": ["p"]} | : step 1: fault point "image_alloc" cannot fail with EBUSY (it returns ENOMEM, EPERM)
            fault errno unknown    | {"design": "classic", "steps": [{"op": "attach", "prog": "p", "fault": {"point": "image_alloc", "errno": "EFOO"}}], "bad_fds": ["p"]} | : step 1: unknown errno "EFOO" for the fault
            negative BTF id        | {"design": "upstream", "steps": [{"op": "attach_multi", "prog": "p", "targets": [-1]}], "bad_fds": ["p"]} | : step 1: "targets" must be an integer >= 0
            targets not an array   | {"design": "upstream", "steps": [{"op": "attach_multi", "prog": "p", "targets": 5}], "bad_fds": ["p"]} | : step 1: "targets" must be an array of function names or BTF ids, or null
            world not an object    | {"design": "classic", "world": 7, "steps": []} | : "world" must be a non-empty string
            world unknown field    | {"design": "classic", "world": {"funcs": []}, "steps": []} | : unknown field "funcs" for world
            world function no name | {"design": "classic", "world": {"functions": [{"args": 1}]}, "steps": []} | : a world function needs "name"
            world function twice   | {"design": "classic", "world": {"preset": "default", "functions": [{"name": "bpf_fentry_test1"}]}, "steps": []} | : "world" has function "bpf_fentry_test1" twice
            world unknown module   | {"design": "classic", "world": {"functions": [{"name": "f", "module": "m"}]}, "steps": []} | : function f: module "m" is not in "world".modules
            world bad args         | {"design": "classic", "world": {"functions": [{"name": "f", "args": 13}]}, "steps": []} | : function f: "args" must be an integer from 0 to 12
            world bad prog type    | {"design": "classic", "world": {"progs": [{"name": "t", "type": "kprobe"}]}, "steps": []} | : prog t: "type" must be one of xdp, fentry, fexit, fmod_ret, freplace
            world unknown preset   | {"design": "classic", "world": {"preset": "huge"}, "steps": []} | : "world".preset must be one of default, small, explore
            assert not an object   | {"design": "classic", "steps": [{"op": "close_link", "link": "L", "assert": 1}], "bad_fds": ["L"]} | : step 1: "assert" must be an object
            assert unknown field   | {"design": "classic", "steps": [{"op": "close_link", "link": "L", "assert": {"refs": {}}}], "bad_fds": ["L"]} | : step 1: unknown field "refs" for assert
            assert bad list kind   | {"design": "classic", "steps": [{"op": "close_link", "link": "L", "assert": {"trampolines": {"bpf_fentry_test1": {"fsession": []}}}}], "bad_fds": ["L"]} | : step 1: unknown trampoline list "fsession"
            assert bad refcnt key  | {"design": "classic", "steps": [{"op": "close_link", "link": "L", "assert": {"refcnt": {"p1": 1}}}], "bad_fds": ["L"]} | : step 1: "assert".refcnt key "p1" must be "KIND NAME"
            assert unknown prog    | {"design": "classic", "steps": [{"op": "close_link", "link": "L", "assert": {"refcnt": {"prog p9": 1}}}], "bad_fds": ["L"]} | : step 1: "assert" names unknown prog "p9"
            assert unknown module  | {"design": "classic", "steps": [{"op": "close_link", "link": "L", "assert": {"refcnt": {"module m": 1}}}], "bad_fds": ["L"]} | : step 1: "assert" names unknown module "m"
            assert unknown tramp   | {"design": "classic", "steps": [{"op": "close_link", "link": "L", "assert": {"trampolines": {"nope": null}}}], "bad_fds": ["L"]} | : step 1: unknown function "nope"
            assert unknown link    | {"design": "classic", "steps": [{"op": "close_prog", "prog": "p", "assert": {"link_info": {"L7": null}}}], "bad_fds": ["p"]} | : step 1: "assert" names unknown link "L7"
            """)
    void badFileIsOneLineAndExitTwo(String name, String content, String message) throws IOException {
        Cli cli = runFile(content);
        assertOneLine(cli, dir.resolve("bad.json"), message);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "run writes nothing");
        }
    }

    /** Java class and package names, exception names, Jackson's backquoted API and feature names. */
    static final Pattern LEAK = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]|Exception|`|Feature|\\[Source|\\bat [a-z]+\\.");

    /** Exit 2, nothing on stdout, one line on stderr naming the file and saying {@code message}, no internals. */
    static void assertOneLine(Cli cli, Path file, String message) {
        assertEquals(2, cli.exit(), cli.out() + cli.err());
        assertEquals(1, cli.errLines().size(), cli.err());
        assertTrue(cli.err().startsWith("multilink: " + file + ": "), cli.err());
        assertTrue(cli.err().contains(message), "expected '" + message + "' in: " + cli.err());
        assertFalse(LEAK.matcher(cli.err()).find(), "library internals in: " + cli.err());
        assertEquals("", cli.out());
    }

    static Stream<Arguments> unusualFiles() {
        String nested = "[".repeat(2000) + "]".repeat(2000);
        String attach = "{\"design\": \"classic\", \"bad_fds\": [\"p\"], \"steps\": [{\"op\": \"attach\", "
                + "\"prog\": \"p\", \"cookie\": %s}]}";
        return Stream.of(
                Arguments.of("2000 nested arrays", nested.getBytes(UTF_8), "malformed JSON at line 1, column "
                        + "1002: arrays and objects nested more than 1000 deep"),
                Arguments.of("nested steps", ("{\"design\": \"classic\", \"steps\": " + nested + "}").getBytes(UTF_8),
                        "nested more than 1000 deep"),
                Arguments.of("not JSON", "design = classic\nsteps = load\n".getBytes(UTF_8),
                        "malformed JSON at line 1, column 7: unrecognized token 'design'"),
                Arguments.of("binary", new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0}, "malformed JSON at line 1"),
                Arguments.of("not UTF-8", new byte[]{'{', (byte) 0xff, (byte) 0xfe, '}'}, "cannot read: not UTF-8 text"),
                Arguments.of("number of 2000 digits", String.format(attach, "1" + "0".repeat(1999)).getBytes(UTF_8),
                        "a number longer than 1000 digits"),
                Arguments.of("number beyond 64 bits", String.format(attach, "1" + "0".repeat(25)).getBytes(UTF_8),
                        "step 1: \"cookie\" is out of range (1" + "0".repeat(25) + "): at most 9223372036854775807"),
                Arguments.of("fault hit beyond int", ("{\"design\": \"classic\", \"bad_fds\": [\"p\"], \"steps\": [{\"op\": "
                        + "\"attach\", \"prog\": \"p\", \"fault\": {\"point\": \"image_alloc\", \"hit\": 4294967296}}]}")
                        .getBytes(UTF_8), "step 1: \"hit\" is out of range (4294967296): at most 2147483647"),
                Arguments.of("string of 21 MB", ("{\"design\": \"classic\", \"description\": \"" + "x".repeat(21_000_000)
                        + "\", \"steps\": []}").getBytes(UTF_8), "a string longer than 20000000 characters"),
                Arguments.of("comment", "// litmus\n{\"design\": \"classic\", \"steps\": []}".getBytes(UTF_8),
                        "JSON has no comments"),
                Arguments.of("two objects", "{\"design\": \"classic\", \"steps\": []} {}".getBytes(UTF_8),
                        "more text after the end of the JSON value"),
                Arguments.of("NaN", String.format(attach, "NaN").getBytes(UTF_8), "'NaN' is not a JSON value"),
                Arguments.of("unclosed array", "{\"design\": \"classic\", \"steps\": [".getBytes(UTF_8),
                        "unexpected end-of-input: expected ']' closing the array (opened at line 1, column 32)"),
                Arguments.of("wrong closing", "{\"design\": \"classic\", \"steps\": [}".getBytes(UTF_8),
                        "unexpected '}': expected ']'"),
                Arguments.of("control character", "{\"design\": \"cla\nssic\", \"steps\": []}".getBytes(UTF_8),
                        "malformed JSON at line 1"),
                Arguments.of("empty", new byte[0], "the file must be one JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusualFiles")
    void unusualFileIsOneLineInTheUsersTerms(String name, byte[] content, String message) throws IOException {
        Path f = Files.write(dir.resolve("bad.json"), content);
        assertOneLine(Cli.run("run", f.toString()), f, message);
    }

    @Test
    void aDirectoryIsNotAScenario() {
        assertOneLine(Cli.run("run", dir.toString()), dir, "cannot read: it is a directory, not a file");
    }

    @Test
    void aByteOrderMarkIsNotAnError() throws IOException {
        Path f = dir.resolve("bom.json");
        Files.writeString(f, "\uFEFF{\"design\": \"classic\", \"steps\": []}");
        Cli cli = Cli.run("run", f.toString());
        assertEquals(0, cli.exit(), cli.err());
    }

    @Test
    void x86ConfigFilesToo() throws IOException {
        Path nested = Files.writeString(dir.resolve("nested.json"), "[".repeat(2000) + "]".repeat(2000));
        assertOneLine(Cli.run("x86", "--config", nested.toString()), nested, "nested more than 1000 deep");
        assertOneLine(Cli.run("x86", "--config", dir.toString()), dir, "it is a directory");
        Path missing = dir.resolve("none.json");
        assertOneLine(Cli.run("x86", "--config", missing.toString()), missing, "cannot read: no such file");
    }

    @Test
    void laterStepsAreNumbered() throws IOException {
        Cli cli = runFile(steps("classic", LOAD, LOAD, "{\"op\": \"attach\", \"prog\": \"q\"}"));
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains(": step 3: unknown prog \"q\""), cli.err());
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.json");
        assertOneLine(Cli.run("run", f.toString()), f, "cannot read: no such file");
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
            assertFalse(LEAK.matcher(cli.err()).find(), "library internals in: " + cli.err());
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
