package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.step.Step;
import multilink.spec.RunConfig;
import multilink.spec.SpecDesign;
import multilink.spec.Tlc;
import multilink.spec.tlc.TlcResult;
import multilink.spec.tlc.TlcViolation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./multilink tlc}: model-checks a design's TLA+ spec with TLC, with
 * live progress, a summary row per design, and a violation written as a
 * counterexample in every form (TLC's traces are shortest by construction).
 */
@Command(name = "tlc", description = "Model-check the TLA+ spec of each design with TLC.", mixinStandardHelpOptions = true)
final class TlcCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--design", paramLabel = "D", description = "A design name, or 'all' (default).")
    String design = "all";

    @picocli.CommandLine.Option(names = "--config", paramLabel = "default|deep|findings|FILE",
            description = "The bounds: default (each design with every known finding's fix on, a "
                    + "minute or so), deep (the same, longer), findings (the design as it is, small bounds; TLC must find a "
                    + "known finding), or a .cfg file that replaces the design's default MC config (run on the "
                    + "design as it is).")
    String config = "default";

    @picocli.CommandLine.Option(names = "--workers", paramLabel = "N", description = "TLC worker threads (default: one "
            + "per core). A violation found with more than one is found again with one, whose breadth-first trace is "
            + "the shortest.")
    int workers = Runtime.getRuntime().availableProcessors();

    @picocli.CommandLine.Option(names = "--out", paramLabel = "DIR", description = "Where counterexamples go (default: out).")
    Path out = Path.of("out");

    @picocli.CommandLine.Option(names = "--coverage", description = "Print what each design's default config reaches "
            + "(errnos per syscall against unlimited random chains in the same world, the shapes the bounds were "
            + "chosen for, known findings, the invariants the seeded bugs break), computed on the model over the "
            + "same step space, and run no TLC.")
    boolean coverage;

    private final DesignCatalogue designs;

    TlcCommand(DesignCatalogue designs) {
        this.designs = designs;
    }

    /**
     * The run a --config value names: a shipped configuration (per design:
     * each has its own default bounds), or a user's .cfg text in place of the
     * design's default one.
     */
    record Chosen(java.util.function.Function<Design, RunConfig> run, Option<String> cfgText, String label,
                  boolean fixes) {
        /** The design TLC checks: with every fix on for the default and deep bounds, which reach every finding. */
        Design checked(Design d) {
            return fixes ? d.withFixes() : d;
        }
    }

    @Override
    public Integer call() throws InterruptedException, java.util.concurrent.ExecutionException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (coverage) {
            long t0 = System.nanoTime();
            List<Coverage.Row> rows = Coverage.all();
            stdout.print(Coverage.table(rows).render());
            stdout.printf("coverage of the default configs (the model over TLC's step space; %.0f s)%n",
                    (System.nanoTime() - t0) / 1e9);
            stdout.flush();
            return rows.forAll(Coverage.Row::complete) ? Main.EXIT_OK : Main.EXIT_VIOLATION;
        }
        List<Design> chosen = design.equals("all") ? designs.all() : designs.byName(design).toList();
        if (chosen.isEmpty()) {
            err.println("multilink: tlc: unknown design \"" + design + "\" (known: all, "
                    + designs.names().mkString(", ") + ")");
            return Main.EXIT_USAGE;
        }
        if (workers < 1) {
            err.println("multilink: tlc: --workers must be at least 1");
            return Main.EXIT_USAGE;
        }
        Either<String, Chosen> c = choose(config);
        if (c.isLeft()) {
            err.println("multilink: tlc: " + c.getLeft());
            return Main.EXIT_USAGE;
        }
        if (!design.equals("all") && SpecDesign.of(chosen.head()).isEmpty()) {
            err.println("multilink: tlc: the spec has no module for design " + chosen.head().name());
            return Main.EXIT_USAGE;
        }
        TextTable table = TextTable.of("design", "config", "generated", "distinct", "depth", "seconds",
                "distinct/s", "verdict");
        List<String> problems = List.empty();
        List<Counterexample> found = List.empty();
        for (Design asked : chosen) {
            Design d = c.get().checked(asked);
            if (SpecDesign.of(d).isEmpty()) {
                // said, not skipped: a design without a TLA+ module is checked by check's random phase alone
                table = table.row(d.name(), c.get().label(), "-", "-", "-", "-", "-", "n/a: no TLA+ module yet");
                continue;
            }
            err.println("tlc: " + d.name() + ", config " + c.get().label() + ", " + workers + " worker(s)");
            err.flush();
            Either<String, TlcResult> r = SpecPhase.tlc(d, c.get(), workers, SpecPhase.progressTo(err, d.name()));
            if (r.isLeft()) {
                err.println("multilink: tlc: " + d.name() + ": " + r.getLeft());
                return Main.EXIT_USAGE;
            }
            TlcResult res = r.get();
            if (res.violation().isDefined() && workers > 1) {
                // several workers leave breadth-first order: the trace may be longer than it needs to be
                err.println("tlc: " + d.name() + ": " + res.violation().get().name() + " violated; once more with "
                        + "1 worker for the shortest trace");
                err.flush();
                Either<String, TlcResult> one = SpecPhase.tlc(d, c.get(), 1, SpecPhase.progressTo(err, d.name()));
                if (one.isLeft()) {
                    err.println("multilink: tlc: " + d.name() + ": " + one.getLeft());
                    return Main.EXIT_USAGE;
                }
                res = one.get();
            }
            table = table.row(d.name(), c.get().label(), String.valueOf(res.generated()),
                    String.valueOf(res.distinct()), String.valueOf(res.depth()), String.format("%.1f", res.seconds()),
                    String.format("%.0f", res.statesPerSecond()),
                    res.violation().map(v -> "VIOLATION " + v.name()).getOrElse("clean"));
            for (TlcViolation v : res.violation()) {
                Either<String, Counterexample> cx = counterexample(d, c.get(), v);
                if (cx.isLeft()) {
                    problems = problems.append(d.name() + ": " + cx.getLeft());
                } else {
                    found = found.append(cx.get());
                }
            }
        }
        stdout.print(table.render());
        stdout.flush();
        for (String p : problems) {
            err.println("multilink: tlc: " + p);
        }
        for (Counterexample cx : found) {
            Either<String, List<Path>> w = cx.writeTo(out);
            if (w.isLeft()) {
                err.println("multilink: " + w.getLeft());
                return Main.EXIT_INTERNAL;
            }
            w.get().forEach(p -> stdout.println("  wrote " + p));
            cx.notes().forEach(n -> stdout.println("  " + n));
        }
        boolean violated = !found.isEmpty() || !problems.isEmpty();
        return violated ? Main.EXIT_VIOLATION : Main.EXIT_OK;
    }

    static Either<String, Chosen> choose(String config) {
        switch (config) {
            case "default":
                return Either.right(DEFAULT);
            case "deep":
                return Either.right(new Chosen(RunConfig::deepFor, Option.none(), "deep", true));
            case "findings":
                return Either.right(new Chosen(RunConfig::findingsFor, Option.none(), "findings", false));
            default:
                Path p = Path.of(config);
                if (!Files.isRegularFile(p)) {
                    return Either.left(config + ": no such configuration (default, deep, findings, or a .cfg file)");
                }
                try {
                    return Either.right(new Chosen(RunConfig::defaultFor, Option.of(Files.readString(p)),
                            p.getFileName().toString(), false));
                } catch (IOException e) {
                    return Either.left(config + ": cannot read: " + e.getMessage());
                }
        }
    }

    static final Chosen DEFAULT = new Chosen(RunConfig::defaultFor, Option.none(), "default", true);

    /** TLC's trace as a scenario, replayed on the Java model before anything is written. */
    static Either<String, Counterexample> counterexample(Design d, Chosen c, TlcViolation v) {
        Either<String, List<Step>> steps = Tlc.steps(v);
        if (steps.isLeft()) {
            return Either.left("cannot read TLC's trace: " + steps.getLeft());
        }
        String base = d.name() + "-tlc-" + c.label().replace(".cfg", "");
        String description = "counterexample from ./multilink tlc --design " + d.name() + " --config " + c.label()
                + ": TLC found " + v.kind() + " " + v.name() + " violated after " + steps.get().size() + " steps";
        return Counterexample.of(d, Scenarios.TLC_WORLD, base, description, steps.get(), v.name())
                .mapLeft(e -> "TLC's trace of " + v.name() + " does not reproduce on the Java model (" + e
                        + "): the model and the spec disagree");
    }
}
