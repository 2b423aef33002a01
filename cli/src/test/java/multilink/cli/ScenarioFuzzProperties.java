package multilink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Either;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and mutated scenario files never crash the parser or {@code run}:
 * each gives a replay (exit 0 or 1) or one line of bad input (exit 2).
 */
class ScenarioFuzzProperties {
    private static final List<String> EXAMPLES = load();
    private static final List<String> WORDS = List.of("op", "load", "attach", "attach_multi", "close_link", "prog",
            "link", "targets", "cookies", "fault", "point", "hit", "expect", "type", "target", "as", "design",
            "steps", "p1", "L1", "bpf_fentry_test1", "xdp_target:subprog_a", "image_alloc", "EINVAL", "ok",
            "fentry_multi", "olsa-v3", "cnt", "flags", "expect_violation", "NO_DANGLING", "bad_fds", "");

    private static List<String> load() {
        try {
            return ExamplesTest.examples().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 400)
    void mutatedExamplesGiveAResultOrOneLineError(@ForAll("mutated") String text) throws IOException {
        outcomeIsResultOrError(text);
    }

    @Property(tries = 300)
    void randomTextGivesAResultOrOneLineError(@ForAll("randomJson") String text) throws IOException {
        outcomeIsResultOrError(text);
    }

    private static void outcomeIsResultOrError(String text) throws IOException {
        Either<ScenarioError, Scenario> parsed = ScenarioJson.parse(text);
        parsed.peekLeft(e -> assertTrue(!e.problem().isBlank() && e.problem().lines().count() == 1, e.problem()));
        Path f = Files.createTempFile("fuzz", ".json");
        try {
            Files.writeString(f, text);
            Cli cli = Cli.run("run", f.toString());
            assertTrue(cli.exit() >= 0 && cli.exit() <= 2, "exit " + cli.exit() + ": " + cli.err() + "\n" + text);
            if (cli.exit() == 2) {
                assertEquals(1, cli.errLines().size(), cli.err());
                assertTrue(cli.err().startsWith("multilink: " + f), cli.err());
            } else {
                assertTrue(parsed.isRight(), "the parser rejected what run accepted");
                assertTrue(cli.out().contains("PASS") || cli.out().contains("FAIL"), cli.out());
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Provide
    Arbitrary<String> mutated() {
        return Combinators.combine(Arbitraries.of(EXAMPLES.asJava()), Arbitraries.longs(),
                Arbitraries.integers().between(1, 4)).as((text, seed, n) -> {
            Random r = new Random(seed);
            JsonNode root = ScenarioJson.parse(text).isRight() ? tree(text) : null;
            if (root == null) {
                return text;
            }
            for (int i = 0; i < n; i++) {
                mutate(root, r);
            }
            return root.toString();
        });
    }

    private static JsonNode tree(String text) {
        try {
            return ScenarioJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drop, rename or retype a field somewhere, or swap in a name from the format's vocabulary. */
    private static void mutate(JsonNode root, Random r) {
        java.util.List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        ObjectNode o = objects.get(r.nextInt(objects.size()));
        java.util.List<String> fields = new ArrayList<>();
        o.fieldNames().forEachRemaining(fields::add);
        if (fields.isEmpty()) {
            return;
        }
        String f = fields.get(r.nextInt(fields.size()));
        JsonNodeFactory nf = JsonNodeFactory.instance;
        switch (r.nextInt(6)) {
            case 0 -> o.remove(f);
            case 1 -> o.set(WORDS.get(r.nextInt(WORDS.size())), o.remove(f));
            case 2 -> o.put(f, WORDS.get(r.nextInt(WORDS.size())));
            case 3 -> o.put(f, r.nextInt(5) == 0 ? Long.MAX_VALUE : r.nextInt(2_000_000) - 10);
            case 4 -> o.set(f, r.nextBoolean() ? nf.arrayNode().add(r.nextInt(3)) : nf.nullNode());
            default -> o.put(f, r.nextBoolean() ? 1.5 : -1);
        }
    }

    private static void collect(JsonNode n, java.util.List<ObjectNode> out) {
        if (n instanceof ObjectNode o) {
            out.add(o);
        }
        Iterator<JsonNode> it = n.elements();
        while (it.hasNext()) {
            collect(it.next(), out);
        }
    }

    @Provide
    Arbitrary<String> randomJson() {
        Arbitrary<String> word = Arbitraries.of(WORDS.asJava());
        Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(30);
        Arbitrary<String> step = Combinators.combine(word, word, word, word, word, word).as((a, b, c, d, e, f) -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("op", a).put(b, c).put(d, e);
            ArrayNode arr = o.putArray(f);
            arr.add(c).add(1);
            return o.toString();
        });
        Arbitrary<String> scenario = Combinators.combine(Arbitraries.of("classic", "olsa-v3", "upstream", "dong-v1",
                "x"), step.list().ofMaxSize(6)).as((d, steps) -> "{\"design\": \"" + d + "\", \"steps\": ["
                + String.join(",", steps) + "]}");
        return Arbitraries.oneOf(junk, scenario, scenario.map(s -> s.substring(0, s.length() / 2)));
    }
}
