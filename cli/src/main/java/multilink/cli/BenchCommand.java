package multilink.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.properties.ModelBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ./multilink bench}: throughput of each checker. Only the model is
 * measurable today; the other rows say so instead of showing a made-up number.
 * TODO(spec, x86gen): fill TLC states/s, x86 images/s and reference-checked
 * instructions/s from their runners.
 */
@Command(name = "bench", description = "Measure checker throughput (one thread).", mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {
    static final long SEED = 1L;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    /** One figure: a value, or why there is none. */
    record Measure(String key, String what, String unit, Option<Double> value, String note) {
    }

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        err.println("bench: model steps/s, random exploration of every design, seed " + SEED
                + ", 2 warm-up + 5 timed rounds, median");
        err.flush();
        double model = ModelBench.stepsPerSecond(2, 5, SEED);
        List<Measure> m = List.of(
                new Measure("model_steps_per_s", "checked model steps", "steps/s", Option.of(model),
                        "every invariant after every step"),
                new Measure("tlc_states_per_s", "TLC distinct states", "states/s", Option.none(),
                        "not available yet (spec module)"),
                new Measure("x86_images_per_s", "x86 trampoline images generated", "images/s", Option.none(),
                        "not available yet (x86gen module)"),
                new Measure("x86_checked_insns_per_s", "instructions checked against reference encoders", "insns/s",
                        Option.none(), "not available yet (x86gen module)"));
        if (json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("seed", SEED);
            for (Measure x : m) {
                if (x.value().isDefined()) {
                    root.put(x.key(), Math.round(x.value().get()));
                } else {
                    root.putNull(x.key());
                }
            }
            out.println(ScenarioJson.mapper().writeValueAsString(root));
        } else {
            TextTable t = TextTable.of("measure", "value", "note");
            for (Measure x : m) {
                t = t.row(x.what(), x.value().map(v -> Math.round(v) + " " + x.unit()).getOrElse("-"), x.note());
            }
            out.print(t.render());
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
