package multilink.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.properties.ModelBench;
import multilink.x86.TrampolineConfig;
import multilink.x86.X86Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ./multilink bench}: throughput of each checker. A row whose tools
 * are missing (or whose TLC run failed) says so instead of showing a made-up
 * number.
 */
@Command(name = "bench", description = "Measure checker throughput (one thread).", mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {
    static final long SEED = 1L;
    /** Per x86 figure: long enough for a stable rate, short enough that bench stays under a minute. */
    static final double X86_SECONDS = 3;
    static final double X86_WARMUP_SECONDS = 1;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @picocli.CommandLine.Option(names = "--tlc", description = "Instead: TLC's states generated per second on "
            + "each design's default run, on this checkout's spec and on the spec of " + multilink.spec.TlcBench.BASELINE
            + " (from git history), side by side, with TLC's walks of this checkout's state graph (the floor "
            + "without syscalls); one worker, about ten minutes.")
    boolean tlc;

    /** One figure: a value, or why there is none. */
    record Measure(String key, String what, String unit, Option<Double> value, String note) {
    }

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (tlc) {
            return TlcBenchTable.run(out, err, json);
        }
        err.println("bench: model steps/s, random exploration of every design, seed " + SEED
                + ", 10 s warm-up, median of 5 one-second rounds");
        err.flush();
        double model = ModelBench.stepsPerSecond(10, 5, SEED);
        err.println("bench: TLC states generated per second (TLC's own measure), classic at the default bounds, "
                + "1 worker, JVM start included");
        err.flush();
        Either<String, multilink.spec.tlc.TlcResult> tlc = multilink.spec.Tlc.check(
                multilink.model.design.Designs.byName("classic").get(),
                multilink.spec.RunConfig.defaultFor(multilink.model.design.Designs.byName("classic").get()), 1, p -> { });
        List<TrampolineConfig> pool = X86Bench.pool();
        err.println("bench: x86 images/s and reference-checked instructions/s, " + pool.size()
                + " sampled configurations, seed " + X86Bench.SEED + ", " + X86_SECONDS + " s each after "
                + X86_WARMUP_SECONDS + " s warm-up");
        err.flush();
        X86Bench.Generation gen = X86Bench.generation(pool, X86_WARMUP_SECONDS, X86_SECONDS);
        Either<String, X86Bench.Reference> ref = X86Bench.reference(pool, X86_SECONDS);
        List<Measure> m = List.of(
                new Measure("model_steps_per_s", "checked model steps", "steps/s", Option.of(model),
                        "every invariant after every step"),
                new Measure("tlc_states_per_s", "TLC states generated", "states/s",
                        tlc.toOption().map(r -> r.generated() / Math.max(r.seconds(), 1e-3)),
                        tlc.fold(problem -> "not available: " + problem, r -> "classic, default bounds: "
                                + r.distinct() + " distinct, " + r.generated() + " generated in "
                                + String.format("%.1f", r.seconds()) + " s, 1 worker")),
                new Measure("x86_images_per_s", "x86 trampoline images generated", "images/s",
                        Option.of(gen.imagesPerSecond()), "one thread, " + gen.images() + " images"),
                new Measure("x86_checked_insns_per_s", "instructions checked against reference encoders", "insns/s",
                        ref.toOption().map(X86Bench.Reference::instructionsPerSecond),
                        ref.fold(problem -> "not available: " + problem, r -> "GNU as + llvm-mc + objdump, "
                                + r.instructions() + " insns in " + r.batches() + " batches of " + X86Bench.BATCH
                                + " images, wall clock")));
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
