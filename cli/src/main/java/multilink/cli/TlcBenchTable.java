package multilink.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.spec.SpecDesign;
import multilink.spec.TlcBench;
import multilink.spec.replay.TlcReplay;
import multilink.spec.tlc.TlcResult;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code ./multilink bench --tlc}: for each design, its default TLC run on
 * this checkout's spec and on {@link TlcBench#BASELINE}'s, one after the
 * other (one worker each, nothing else of the bench running), and the ratio
 * of their rates. Between them, TLC walking the same run's graph from a
 * table (TlcReplay): over the spec's values with its invariants, without
 * them, and over small integers; no spec of that graph and those invariants
 * can be faster than its walk, so these rows say how much of the time is the
 * syscalls', how much the invariants' and the state's shape, and what rate a
 * rewrite of the spec could reach at most. A design the baseline does
 * not have, or a checkout without that history, gets its row without the
 * comparison and says why.
 */
final class TlcBenchTable {
    private TlcBenchTable() {
    }

    /** One walk of TlcReplay as the table labels it and the JSON keys it. */
    private record Walk(String label, String key, java.util.function.Function<TlcReplay, TlcResult> of) {
    }

    private static final List<Walk> WALKS = List.of(
            new Walk("walk: values, invariants", "walk_values_invariants", TlcReplay::shaped),
            new Walk("walk: values", "walk_values", TlcReplay::values),
            new Walk("walk: small ints", "walk_small_ints", TlcReplay::compact));

    /** One design: its run on this checkout's spec and on the baseline's. */
    record Row(String design, Either<String, TlcResult> now, Either<String, TlcReplay> walks,
               Either<String, TlcResult> before) {
        Option<Double> ratio() {
            return ratio(now);
        }

        /** {@code run}'s rate over the baseline's, when both ran. */
        Option<Double> ratio(Either<String, TlcResult> run) {
            return run.isRight() && before.isRight() && before.get().generatedPerSecond() > 0
                    ? Option.of(run.get().generatedPerSecond() / before.get().generatedPerSecond()) : Option.none();
        }
    }

    static int run(PrintWriter out, PrintWriter err, boolean json) throws JsonProcessingException {
        Path checkout = Path.of(System.getProperty("multilink.checkout", ".")).toAbsolutePath();
        Either<String, Path> baseline = TlcBench.baseline(checkout, TlcBench.BASELINE);
        List<Design> designs = SpecDesign.presetNames("+fixes").map(n -> Designs.parse(n).get());
        err.println("bench --tlc: each design's default run, 1 worker, states generated per second of search "
                + "(TLC's initial states to its end), this checkout's spec, three walks of its graph and "
                + TlcBench.BASELINE + "'s spec, one run at a time");
        err.flush();
        List<Row> rows = designs.map(d -> {
            err.println("bench --tlc: " + d.name());
            err.flush();
            Either<String, TlcResult> now = TlcBench.current(d);
            Either<String, TlcReplay> walks = TlcReplay.of(d, multilink.spec.RunConfig.defaultFor(d));
            Either<String, TlcResult> before = baseline.flatMap(dir -> TlcBench.baselineRun(dir, d));
            return new Row(d.name(), now, walks, before);
        });
        if (json) {
            out.println(ScenarioJson.mapper().writeValueAsString(json(rows)));
        } else {
            out.print(table(rows).render());
        }
        out.flush();
        boolean allRan = rows.forAll(r -> r.now().isRight() && r.walks().isRight());
        if (!allRan) {
            rows.forEach(r -> {
                r.now().orElseRun(why -> err.println("multilink: bench --tlc: " + r.design() + ": " + why));
                r.walks().orElseRun(why -> err.println("multilink: bench --tlc: " + r.design() + ": walk: " + why));
            });
            err.flush();
        }
        return allRan ? Main.EXIT_OK : Main.EXIT_USAGE;
    }

    /**
     * Five lines per design: this checkout's run, the walks over its values
     * with and without invariants, the walk over small integers, each with
     * the ratio of its rate to the baseline's; then the baseline's run.
     */
    static TextTable table(List<Row> rows) {
        TextTable t = TextTable.of("design", "spec", "generated", "distinct", "search s", "generated/s",
                "vs " + TlcBench.BASELINE);
        for (Row r : rows) {
            t = cells(t, r.design(), "this checkout", r.now(), r.ratio());
            for (Walk w : WALKS) {
                Either<String, TlcResult> walk = r.walks().map(w.of());
                t = cells(t, "", w.label(), walk, r.ratio(walk));
            }
            t = cells(t, "", TlcBench.BASELINE, r.before(), Option.none());
        }
        return t;
    }

    private static TextTable cells(TextTable t, String design, String spec, Either<String, TlcResult> run,
                                   Option<Double> ratio) {
        return run.fold(
                why -> t.row(design, spec, "-", "-", "-", "-", why),
                r -> t.row(design, spec, Long.toString(r.generated()), Long.toString(r.distinct()),
                        String.format("%.1f", r.search()), Long.toString(Math.round(r.generatedPerSecond())),
                        ratio.map(x -> String.format("%.2fx", x)).getOrElse("")));
    }

    static ObjectNode json(List<Row> rows) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("baseline", TlcBench.BASELINE);
        ArrayNode ds = root.putArray("designs");
        for (Row r : rows) {
            ObjectNode d = ds.addObject();
            d.put("design", r.design());
            d.set("now", run(f, r.now()));
            for (Walk w : WALKS) {
                d.set(w.key(), run(f, r.walks().map(w.of())));
            }
            d.set("baseline", run(f, r.before()));
            ratio(d, "ratio", r.ratio());
            for (Walk w : WALKS) {
                ratio(d, w.key() + "_ratio", r.ratio(r.walks().map(w.of())));
            }
        }
        return root;
    }

    private static void ratio(ObjectNode d, String name, Option<Double> ratio) {
        ratio.fold(() -> d.putNull(name), x -> d.put(name, Math.round(x * 100) / 100.0));
    }

    private static ObjectNode run(JsonNodeFactory f, Either<String, TlcResult> run) {
        ObjectNode o = f.objectNode();
        run.fold(why -> o.put("unavailable", why), r -> o.put("generated", r.generated())
                .put("distinct", r.distinct()).put("search_seconds", Math.round(r.search() * 10) / 10.0)
                .put("generated_per_s", Math.round(r.generatedPerSecond())));
        return o;
    }
}
