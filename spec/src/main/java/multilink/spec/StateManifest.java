package multilink.spec;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Design;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * How many distinct states each shipped run reaches ({@code MCStates.tsv},
 * beside the MC configs): a run that ends clean with another count explored
 * another state space, which is news for a reviewer even when every
 * invariant holds. The test suite holds the default runs to it
 * (ExhaustiveConformanceTest, where the model's graph equals TLC's); a deep
 * run, which no test can afford, is compared when it ends.
 *
 * @param counts distinct states by design name and run (see {@link #key})
 */
public record StateManifest(Map<String, Long> counts) {
    static final String FILE = "MCStates.tsv";

    /** The manifest the spec ships, or why it cannot be read. */
    public static Either<String, StateManifest> shipped() {
        try (InputStream in = StateManifest.class.getClassLoader().getResourceAsStream("tla/" + FILE)) {
            if (in == null) {
                return Either.left(FILE + " missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Either.left(FILE + ": " + e.getMessage());
        }
    }

    /** Lines {@code design<TAB>run<TAB>distinct}; blank lines and {@code #} comments are skipped. */
    static Either<String, StateManifest> parse(String text) {
        Map<String, Long> counts = HashMap.empty();
        List<String> lines = List.of(text.split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 3 || !f[2].matches("[0-9]+")) {
                return Either.left(FILE + " line " + (i + 1) + ": expected design, run and a count, tab-separated");
            }
            String k = f[0] + "\t" + f[1];
            if (counts.containsKey(k)) {
                return Either.left(FILE + " line " + (i + 1) + ": " + f[0] + " " + f[1] + " listed twice");
            }
            counts = counts.put(k, Long.parseLong(f[2]));
        }
        return Either.right(new StateManifest(counts));
    }

    /** The run's name in the manifest: its config suffix in lower case, "default" for none. */
    static String run(RunConfig c) {
        return c.suffix().isEmpty() ? "default" : c.suffix().toLowerCase(java.util.Locale.ROOT);
    }

    private static String key(Design d, RunConfig c) {
        return d.name() + "\t" + run(c);
    }

    /** The count recorded for this design's run, if any. */
    public Option<Long> expected(Design d, RunConfig c) {
        return counts.get(key(d, c));
    }

    /**
     * One line on a clean run's count against the manifest: as recorded,
     * different (the state space changed), or not recorded.
     */
    public String judge(Design d, RunConfig c, long distinct) {
        String where = d.name() + " " + run(c);
        return expected(d, c).map(e -> e == distinct
                        ? where + ": " + distinct + " distinct states, as " + FILE + " records"
                        : where + ": " + distinct + " distinct states where " + FILE + " records " + e
                                + ": the state space changed (if that is meant, record the new count there)")
                .getOrElse(where + ": " + distinct + " distinct states (" + FILE + " records none for this run)");
    }
}
