package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every litmus file in examples/ replays with the errnos (and violations) it states. */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return List.ofAll(s.filter(p -> p.toString().endsWith(".json")).sorted().toList());
        }
    }

    @Test
    void thereAreEnoughExamplesAndEveryDesignHasOne() throws IOException {
        List<Path> files = examples();
        assertTrue(files.size() >= 12, "only " + files.size() + " examples");
        List<String> designs = files.map(f -> ScenarioJsonTest.read(f).get().design()).distinct();
        assertEquals(DesignCatalogue.builtIn().names().toSet(), designs.toSet());
    }

    @TestFactory
    Stream<DynamicTest> everyExamplePassesRun() throws IOException {
        return examples().toJavaStream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Either<ScenarioError, ReplayReport> r = RunCommand.replay(f, DesignCatalogue.builtIn(),
                    io.vavr.control.Option.none());
            assertTrue(r.isRight(), () -> r.getLeft().render(f.toString()));
            assertTrue(r.get().passed(), () -> r.get().text(f.toString()));
            assertTrue(r.get().result().loaded().scenario().steps().forAll(s -> s.expect().isDefined()),
                    "every step of a litmus file states its errno");
            Cli cli = Cli.run("run", f.toString());
            assertEquals(0, cli.exit(), cli.out() + cli.err());
            assertTrue(cli.out().contains("PASS"));
        }));
    }

    @Test
    void aWrongExpectationFailsTheRun(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = EXAMPLES.resolve("10-dong-v1-second-attach.json");
        Path tmp = dir.resolve("mismatch.json");
        Files.writeString(tmp, Files.readString(f).replace("\"EEXIST\"", "\"ok\""));
        Cli cli = Cli.run("run", tmp.toString());
        assertEquals(1, cli.exit());
        assertTrue(cli.out().contains("step 3: expected ok, got EEXIST"), cli.out());
    }

    @Test
    void anExpectedViolationThatDoesNotShowFailsTheRun() throws IOException {
        // the same duplicate-id attach on upstream is rejected cleanly, so the expected H7 violation is missing
        Path f = EXAMPLES.resolve("07-olsa-v3-duplicate-ids-H7.json");
        Cli cli = Cli.run("run", f.toString(), "--design", "upstream");
        assertEquals(1, cli.exit());
        assertTrue(cli.out().contains("expected violation of"), cli.out());
    }

    @Test
    void anExpectedViolationMayBeStatedForTheWholeFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Scenario h7 = ScenarioJsonTest.read(EXAMPLES.resolve("07-olsa-v3-duplicate-ids-H7.json")).get();
        ScenarioStep last = h7.steps().last();
        ScenarioStep plain = new ScenarioStep(last.op(), last.fault(), last.expect(), io.vavr.control.Option.none(),
                last.note());
        Scenario fileLevel = new Scenario(h7.description(), h7.design(), h7.world(), h7.badFds(),
                h7.steps().init().append(plain), last.expectViolation());
        Scenario unexpected = new Scenario(h7.description(), h7.design(), h7.world(), h7.badFds(),
                h7.steps().init().append(plain), io.vavr.control.Option.none());
        Path tmp = dir.resolve("h7.json");
        Files.writeString(tmp, ScenarioJson.write(fileLevel));
        assertEquals(0, Cli.run("run", tmp.toString()).exit());
        Files.writeString(tmp, ScenarioJson.write(unexpected));
        Cli cli = Cli.run("run", tmp.toString());
        assertEquals(1, cli.exit(), "a violation nobody expects fails the run, known finding or not");
        assertTrue(cli.out().contains("known finding H7"), cli.out());
    }

    @Test
    void jsonOutputCarriesEachStep() throws IOException {
        Path f = EXAMPLES.resolve("12-detach-link-eopnotsupp.json");
        Cli cli = Cli.run("run", f.toString(), "--json");
        assertEquals(0, cli.exit());
        var tree = ScenarioJson.mapper().readTree(cli.out());
        assertEquals(9, tree.get("steps").size());
        assertEquals("EOPNOTSUPP", tree.get("steps").get(4).get("errno").asText());
        assertTrue(tree.get("passed").asBoolean());
    }
}
