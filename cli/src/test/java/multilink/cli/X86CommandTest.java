package multilink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.collection.List;
import multilink.x86.BpfTrampLink;
import multilink.x86.ConfigJson;
import multilink.x86.CpuFeatures;
import multilink.x86.FuncModel;
import multilink.x86.KernelProfile;
import multilink.x86.TrampFlag;
import multilink.x86.TrampLinks;
import multilink.x86.TrampolineConfig;
import multilink.x86.TrampolineImage;
import multilink.x86.TrampolineKind;
import multilink.x86.Addresses;
import multilink.x86.X86Gen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./multilink x86}: the three formats, the derived flags, the reference check, and every way to fail. */
class X86CommandTest {
    @TempDir
    Path dir;

    static Path golden() throws URISyntaxException {
        return Path.of(X86CommandTest.class.getResource("/x86/golden-fentry-one-arg.json").toURI());
    }

    private static TrampolineImage generated(Path config) throws IOException {
        return X86Gen.generate(ConfigJson.parse(Files.readString(config)).get()).get();
    }

    private static List<String> instructionLines(String out) {
        return List.ofAll(out.lines()).filter(l -> !l.startsWith(";"));
    }

    @Test
    void listingIsTheHandCheckedOneWithSummaryAndRelocations() throws Exception {
        Cli cli = Cli.run("x86", "--config", golden().toString());
        assertEquals(0, cli.exit(), cli.err());
        TrampolineImage img = generated(golden());
        assertEquals(img.insns().map(Object::toString), instructionLines(cli.out()));
        // spot checks from x86gen's hand-checked GoldenListingTest.fentryOneArg (same configuration and addresses)
        assertTrue(cli.out().contains("\n0000: 55                               push rbp\n"), cli.out());
        assertTrue(cli.out().contains("\n002d: e8 be be 03 c1                   call 0xffffffff8123eef0\n"), cli.out());
        assertTrue(cli.out().contains("\n0062: c3                               ret\n"), cli.out());
        assertTrue(cli.out().startsWith("; mainline tracing trampoline, 1 args (8), fentry 1, fmod_ret 0, fexit 0, "
                + "flags 0x1 (RESTORE_REGS): 99 bytes, linked\n"), cli.out());
        assertFalse(cli.out().contains("UNLINKED"), "every address is given");
        for (var r : img.relocations()) {
            assertTrue(cli.out().contains("; " + r + "\n"), r.toString());
        }
        assertEquals("", cli.err());
    }

    @Test
    void hexIsTheGeneratorsBytesOnOneLine() throws Exception {
        Cli cli = Cli.run("x86", "--config", golden().toString(), "--format", "hex");
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(generated(golden()).hex() + "\n", cli.out());
        String fromListing = instructionLines(Cli.run("x86", "--config", golden().toString()).out())
                .map(l -> l.substring(6, 39).replace(" ", "")).mkString();
        assertEquals(fromListing + "\n", cli.out(), "the bytes the listing shows");
    }

    @Test
    void jsonCarriesHexListingRelocationsSizeAndLinked() throws Exception {
        Cli cli = Cli.run("x86", "--config", golden().toString(), "--format", "json");
        assertEquals(0, cli.exit(), cli.err());
        JsonNode n = ScenarioJson.mapper().readTree(cli.out());
        TrampolineImage img = generated(golden());
        assertEquals(img.hex(), n.get("hex").asText());
        assertEquals(img.insns().map(Object::toString), List.ofAll(n.get("listing")).map(JsonNode::asText));
        assertEquals(0x63, n.get("size").asInt());
        assertTrue(n.get("linked").asBoolean());
        assertEquals(img.relocations().size(), n.get("relocations").size());
        assertEquals("0xffffffff8123eef0", n.get("relocations").get(1).get("target").asText());
        assertFalse(n.has("check"));
    }

    @Test
    void countsGiveTheConfigurationTheKernelDerives() {
        BpfTrampLink p = BpfTrampLink.unlinked(0, false);
        TrampolineConfig expected = new TrampolineConfig(KernelProfile.MAINLINE, CpuFeatures.DEFAULT,
                TrampolineKind.TRACING, FuncModel.ofSizes(8, 8), TrampFlag.RESTORE_REGS.mask(),
                new TrampLinks(List.of(p), List.empty(), List.empty()), Addresses.NONE);
        Cli cli = Cli.run("x86", "--args", "2", "--fentry", "1", "--format", "hex");
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(X86Gen.generate(expected).get().hex() + "\n", cli.out());

        Cli listing = Cli.run("x86", "--args", "2", "--fentry", "1");
        assertTrue(listing.out().contains("\n; UNLINKED: placeholder addresses for image, "), listing.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fexit calls the original                 | --fexit 1                 | flags 0x6 (CALL_ORIG|SKIP_FRAME)
            fmod_ret calls the original              | --fmodret 2 --fentry 1    | flags 0x6 (CALL_ORIG|SKIP_FRAME)
            struct_ops member                        | --struct-ops              | struct_ops trampoline, 3 args (8,8,8), fentry 1
            struct_ops flags                         | --struct-ops              | flags 0x110 (RET_FENTRY_RET|INDIRECT)
            struct_ops in 6.1 is not indirect        | --struct-ops --profile 6.1 | flags 0x10 (RET_FENTRY_RET)
            flag override by name and mask           | --fentry 1 --flags ip_arg,0x1 | flags 0x9 (RESTORE_REGS|IP_ARG)
            """)
    void derivedFlags(String name, String options, String expected) {
        String[] args = ("x86 --args 3 " + options).split(" +");
        Cli cli = Cli.run(args);
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().lines().findFirst().orElseThrow().contains(expected), cli.out());
    }

    @Test
    void cookiesAreNumberedInEmissionOrder() {
        Cli cli = Cli.run("x86", "--args", "1", "--fentry", "1", "--fexit", "1", "--fmodret", "1", "--cookies");
        assertEquals(0, cli.exit(), cli.err());
        int fentry = cli.out().indexOf("mov edi,0x1\n");
        int fmodRet = cli.out().indexOf("mov edi,0x2\n");
        int fexit = cli.out().indexOf("mov edi,0x3\n");
        assertTrue(0 < fentry && fentry < fmodRet && fmodRet < fexit, cli.out());
    }

    @Test
    void checkAddsPerToolCounts() throws Exception {
        Cli cli = Cli.run("x86", "--config", golden().toString(), "--check");
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        int n = generated(golden()).insns().size();
        assertTrue(cli.out().contains("; reference check: " + n + " instructions; GNU as " + n + ", llvm-mc " + n
                + ", objdump " + n + "; 0 mismatches\n"), cli.out());

        Cli hex = Cli.run("x86", "--config", golden().toString(), "--check", "--format", "hex");
        assertEquals(1, hex.out().lines().count(), "stdout stays the bytes alone");
        assertTrue(hex.err().contains("0 mismatches"), hex.err());

        Cli json = Cli.run("x86", "--config", golden().toString(), "--check", "--format", "json");
        assertEquals(n, ScenarioJson.mapper().readTree(json.out()).get("check").get("llvm_mc").asInt());
    }

    @Test
    void aMismatchIsShownAndExitsOne() {
        Cli cli = Cli.run(PlantedX86.JE_FOR_JNE, "x86", "--args", "2", "--fmodret", "1", "--check");
        assertEquals(1, cli.exit(), cli.out());
        assertTrue(cli.out().contains("; mismatch: GNU as image 0 @"), cli.out());
        assertTrue(cli.out().contains("; mismatch: objdump image 0 @"), cli.out());
        assertTrue(cli.out().contains("decoded 6 bytes as 'je "), cli.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            13 arguments                | --args 13 --fentry 1         | multilink: x86: -EINVAL: nr_args 13 > MAX_BPF_FUNC_ARGS
            39 programs                 | --args 2 --fentry 20 --fexit 19 | multilink: x86: -E2BIG: 39 programs > BPF_MAX_TRAMP_LINKS
            7 arguments on 6.1          | --args 7 --fentry 1 --profile 6.1 | multilink: x86: -ENOTSUPP: 7 argument registers > 6
            struct_ops with fexit       | --args 1 --struct-ops --fexit 1 | multilink: x86: -EINVAL: struct_ops trampolines carry one
            flag bit the kernel lacks   | --args 1 --fentry 1 --flags 0x400 | multilink: x86: -EINVAL: flag bits 0x400 do not exist in mainline
            """)
    void kernelRejectionIsTheErrnoInOneLine(String name, String options, String expected) {
        Cli cli = Cli.run(("x86 " + options).split(" +"));
        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertEquals(List.of(cli.err().strip()), cli.errLines());
        assertTrue(cli.err().startsWith(expected), cli.err());
        assertEquals("", cli.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON     | {"model": {                            | : not JSON
            unknown field      | {"model": {"nr_args": 0}, "flags": 1, "color": 2} | : unknown field: color
            bad profile        | {"profile": "5.10", "model": {"nr_args": 0}, "flags": 1} | : profile: expected mainline, 6.18, 6.12 or 6.1
            missing flags      | {"model": {"nr_args": 0}}              | : flags: missing
            """)
    void badConfigFileIsOneLineAndExitTwo(String name, String content, String message) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, content);
        Cli cli = Cli.run("x86", "--config", f.toString());
        assertEquals(2, cli.exit(), cli.out() + cli.err());
        assertEquals(1, cli.errLines().size(), cli.err());
        assertTrue(cli.err().startsWith("multilink: " + f + message), cli.err());
        assertEquals("", cli.out());
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        for (String line : List.of("x86 --config nope.json", "x86 --args 2 --fentry 1 --flags RESTORE_REG",
                "x86 --args 2 --fentry 1 --profile 5.10", "x86 --args 2", "x86 --fentry 1",
                "x86 --args 2 --fentry -1", "x86 --args 2 --fentry 1 --format xml", "x86 --config a.json --args 2")) {
            Cli cli = Cli.run(line.split(" "));
            assertEquals(2, cli.exit(), line + ": " + cli.err());
            assertEquals(1, cli.errLines().size(), line + ": " + cli.err());
            assertTrue(cli.err().startsWith("multilink: "), line + ": " + cli.err());
            assertEquals("", cli.out(), line);
        }
    }

    @Test
    void aMissingToolIsNamedBeforeAnythingIsPrinted() throws Exception {
        String line = "llvm-mc (llvm-mc) not found on PATH; install it to run the reference check";
        Cli cli = Cli.run(PlantedX86.missing(line), "x86", "--config", golden().toString(), "--check");
        assertEquals(2, cli.exit());
        assertEquals(List.of("multilink: x86: " + line), cli.errLines());
        assertEquals("", cli.out());
        assertEquals(0, Cli.run(PlantedX86.missing(line), "x86", "--config", golden().toString()).exit(),
                "without --check the tools are not needed");
    }
}
