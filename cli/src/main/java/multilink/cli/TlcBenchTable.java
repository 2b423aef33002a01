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
import multilink.spec.tlc.TlcResult;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code ./multilink bench --tlc}: for each design, its default TLC run on
 * this checkout's spec and on {@link TlcBench#BASELINE}'s, one after the
 * other (one worker each, nothing else of the bench running), and the ratio
 * of their rates. A design the baseline does not have, or a checkout without
 * that history, gets its row without the comparison and says why.
 */
final class TlcBenchTable {
    private TlcBenchTable() {
    }

    /** One design: its run on this checkout's spec and on the baseline's. */
    record Row(String design, Either<String, TlcResult> now, Either<String, TlcResult> before) {
        Option<Double> ratio() {
            return now.isRight() && before.isRight() && before.get().generatedPerSecond() > 0
                    ? Option.of(now.get().generatedPerSecond() / before.get().generatedPerSecond()) : Option.none();
        }
    }

    static int run(PrintWriter out, PrintWriter err, boolean json) throws JsonProcessingException {
        Path checkout = Path.of(System.getProperty("multilink.checkout", ".")).toAbsolutePath();
        Either<String, Path> baseline = TlcBench.baseline(checkout, TlcBench.BASELINE);
        List<Design> designs = SpecDesign.presetNames("+fixes").map(n -> Designs.parse(n).get());
        err.println("bench --tlc: each design's default run, 1 worker, states generated per second of search "
                + "(TLC's initial states to its end), this checkout's spec against " + TlcBench.BASELINE
                + "'s, one run at a time");
        err.flush();
        List<Row> rows = designs.map(d -> {
            err.println("bench --tlc: " + d.name());
            err.flush();
            Either<String, TlcResult> now = TlcBench.current(d);
            Either<String, TlcResult> before = baseline.flatMap(dir -> TlcBench.baselineRun(dir, d));
            return new Row(d.name(), now, before);
        });
        if (json) {
            out.println(ScenarioJson.mapper().writeValueAsString(json(rows)));
        } else {
            out.print(table(rows).render());
        }
        out.flush();
        boolean allRan = rows.forAll(r -> r.now().isRight());
        if (!allRan) {
            rows.filter(r -> r.now().isLeft())
                    .forEach(r -> err.println("multilink: bench --tlc: " + r.design() + ": " + r.now().getLeft()));
            err.flush();
        }
        return allRan ? Main.EXIT_OK : Main.EXIT_USAGE;
    }

    /** Two lines per design: this checkout's run with the ratio of the rates, then the baseline's. */
    static TextTable table(List<Row> rows) {
        TextTable t = TextTable.of("design", "spec", "generated", "distinct", "search s", "generated/s",
                "vs " + TlcBench.BASELINE);
        for (Row r : rows) {
            t = cells(t, r.design(), "this checkout", r.now(), r.ratio().map(x -> String.format("%.2fx", x)));
            t = cells(t, "", TlcBench.BASELINE, r.before(), Option.none());
        }
        return t;
    }

    private static TextTable cells(TextTable t, String design, String spec, Either<String, TlcResult> run,
                                   Option<String> ratio) {
        return run.fold(
                why -> t.row(design, spec, "-", "-", "-", "-", why),
                r -> t.row(design, spec, Long.toString(r.generated()), Long.toString(r.distinct()),
                        String.format("%.1f", r.search()), Long.toString(Math.round(r.generatedPerSecond())),
                        ratio.getOrElse("")));
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
            d.set("baseline", run(f, r.before()));
            r.ratio().fold(() -> d.putNull("ratio"), x -> d.put("ratio", Math.round(x * 100) / 100.0));
        }
        return root;
    }

    private static ObjectNode run(JsonNodeFactory f, Either<String, TlcResult> run) {
        ObjectNode o = f.objectNode();
        run.fold(why -> o.put("unavailable", why), r -> o.put("generated", r.generated())
                .put("distinct", r.distinct()).put("search_seconds", Math.round(r.search() * 10) / 10.0)
                .put("generated_per_s", Math.round(r.generatedPerSecond())));
        return o;
    }
}
