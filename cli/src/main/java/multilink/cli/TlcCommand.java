package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.step.Step;
import multilink.spec.RunConfig;
import multilink.spec.SpecDesign;
import multilink.spec.StateManifest;
import multilink.spec.Tlc;
import multilink.spec.tlc.DistributedTlc;
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

    @picocli.CommandLine.Option(names = "--out", paramLabel = "DIR", description = "Where counterexamples go (default: out), and the "
            + "directories of runs that can be continued (<out>/tlc-runs).")
    Path out = Path.of("out");

    @picocli.CommandLine.Option(names = "--server", description = "Run the one --design as a TLC server (TLC's "
            + "distributed mode) that workers on this and other machines join: it prints the command that joins it "
            + "(./multilink tlc --worker HOST --port P). A violation it reports (unnamed, its last transition only) is "
            + "found again in one process for the named, shortest trace.")
    boolean server;

    @picocli.CommandLine.Option(names = "--local-workers", paramLabel = "N", description = "Start N TLC worker "
            + "JVMs on this machine for the server (with --server; alone, a server on a free port that only they "
            + "join: a one-box distributed run).")
    int localWorkers;

    @picocli.CommandLine.Option(names = "--worker", paramLabel = "HOST", description = "Join the TLC server "
            + "running on HOST (started with --server) as a worker; needs only this checkout.")
    String worker;

    @picocli.CommandLine.Option(names = "--port", paramLabel = "P", description = "The TLC server's port "
            + "(default " + DistributedTlc.DEFAULT_PORT + ", TLC's; --local-workers alone: a free one).")
    Integer port;

    @picocli.CommandLine.Option(names = "--threads", paramLabel = "N", description = "Threads in each TLC "
            + "worker JVM (--worker: default one per core; --local-workers: default 1).")
    Integer threads;

    @picocli.CommandLine.Option(names = "--host", paramLabel = "NAME", description = "The name other machines "
            + "reach this one by, which TLC's RMI hands them (java.rmi.server.hostname): for --server (default "
            + "this machine's host name) and --worker (default Java's choice).")
    String host;

    @picocli.CommandLine.Option(names = "--checkpoint", paramLabel = "MIN", description = "Minutes between TLC's "
            + "checkpoints (default 30, TLC's; 0: none). A deep, server or checkpointed run works in "
            + "<out>/tlc-runs/ and prints where its checkpoint is.")
    Integer checkpoint;

    @picocli.CommandLine.Option(names = "--recover", paramLabel = "DIR", description = "Continue a killed run from "
            + "its checkpoint DIR (the <out>/tlc-runs/.../meta/<date> it printed), with its design, config and "
            + "worker count; a server's run continues as a server (add --server or --local-workers N), a one-process "
            + "run in one process.")
    Path recover;

    @picocli.CommandLine.Option(names = "--coverage", description = "Print what each design's default config reaches "
            + "(errnos per syscall against unlimited random chains in the same world, the shapes the bounds were "
            + "chosen for, known findings, the invariants the seeded bugs break), computed on the model over the "
            + "same step space, and run no TLC.")
    boolean coverage;

    @picocli.CommandLine.Option(names = "--count", description = "Run no TLC: count the run's distinct states, "
            + "transitions (TLC's generated minus one) and depth on the model over TLC's step space, keeping a "
            + "64-bit fingerprint per state and no edges (--workers threads; default and deep configs), to size a "
            + "run before TLC spends hours on it.")
    boolean count;

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
        Option<String> bad = badDistributedUse();
        if (bad.isDefined()) {
            err.println("multilink: tlc: " + bad.get());
            return Main.EXIT_USAGE;
        }
        if (coverage) {
            long t0 = System.nanoTime();
            List<Coverage.Row> rows = Coverage.all();
            stdout.print(Coverage.table(rows).render());
            stdout.printf("coverage of the default configs (the model over TLC's step space; %.0f s)%n",
                    (System.nanoTime() - t0) / 1e9);
            stdout.flush();
            return rows.forAll(Coverage.Row::complete) ? Main.EXIT_OK : Main.EXIT_VIOLATION;
        }
        if (worker != null) {
            return deep().join(worker, err);
        }
        if (recover != null) {
            Either<String, RunDir> run = RunDir.of(recover);
            if (run.isLeft()) {
                err.println("multilink: tlc: --recover " + run.getLeft());
                return Main.EXIT_USAGE;
            }
            if (given("--design") && !design.equals(run.get().design())
                    || given("--config") && !config.equals(run.get().config())) {
                err.println("multilink: tlc: --recover: that run is --design " + run.get().design() + " --config "
                        + run.get().config());
                return Main.EXIT_USAGE;
            }
            if (run.get().server() != distributed()) {
                err.println("multilink: tlc: --recover: that run " + (run.get().server()
                        ? "was a TLC server: continue it with --server or --local-workers N"
                        : "was one TLC process: continue it without --server and --local-workers"));
                return Main.EXIT_USAGE;
            }
            if (!run.get().server() && given("--workers") && workers != run.get().workers()) {
                err.println("multilink: tlc: --recover: that run had " + run.get().workers() + " worker(s), and TLC "
                        + "continues it only with as many");
                return Main.EXIT_USAGE;
            }
            workers = run.get().workers();
            recovered = Option.of(run.get());
            design = run.get().design();
            config = run.get().config();
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
        Either<String, StateManifest> manifest = StateManifest.shipped();
        if (manifest.isLeft()) {
            err.println("multilink: tlc: " + manifest.getLeft());
            return Main.EXIT_USAGE;
        }
        if (count) {
            if (c.get().cfgText().isDefined() || !c.get().fixes()) {
                err.println("multilink: tlc: --count counts the default and deep configs (a design with its fixes, "
                        + "which TLC explores whole), not " + config);
                return Main.EXIT_USAGE;
            }
            return StateCountRun.run(chosen, c.get(), workers, manifest.get(), stdout, err);
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
            err.println("tlc: " + d.name() + ", config " + c.get().label() + ", " + (distributed()
                    ? "TLC server" + (localWorkers > 0 ? " and " + localWorkers + " local worker(s)" : "")
                    : workers + " worker(s)"));
            err.flush();
            Either<String, TlcResult> r = deep().kept(c.get())
                    ? deep().run(recovered, asked.name(), d, c.get(), config, workers, err)
                    : SpecPhase.tlc(d, c.get(), workers, SpecPhase.progressTo(err, d.name()));
            if (r.isLeft()) {
                err.println("multilink: tlc: " + d.name() + ": " + r.getLeft());
                return Main.EXIT_USAGE;
            }
            TlcResult res = r.get();
            if (res.violation().isDefined() && (workers > 1 || distributed())) {
                // several workers leave breadth-first order: the trace may be longer than it needs to be; the
                // distributed server names no invariant and prints the violating transition alone
                err.println("tlc: " + d.name() + ": " + (distributed()
                        ? "the TLC server found a violation (it names no invariant and prints only the violating "
                                + "transition); once more in one process with 1 worker for the named, shortest trace"
                        : res.violation().get().name() + " violated; once more with 1 worker for the shortest trace"));
                err.flush();
                Either<String, TlcResult> one = SpecPhase.tlc(d, c.get(), 1, SpecPhase.progressTo(err, d.name()));
                if (one.isLeft()) {
                    err.println("multilink: tlc: " + d.name() + ": " + one.getLeft());
                    return Main.EXIT_USAGE;
                }
                res = one.get();
            }
            if (res.violation().isEmpty() && c.get().cfgText().isEmpty()) {
                err.println("tlc: " + manifest.get().judge(d, c.get().run().apply(d), res.distinct()));
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

    /** The checkpointed run being continued (--recover). */
    private Option<RunDir> recovered = Option.none();

    boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    boolean distributed() {
        return deep().distributed();
    }


    /** Options that do not go together, as one line; none when they do. */
    Option<String> badDistributedUse() {
        if (worker != null) {
            for (String o : new String[]{"--server", "--local-workers", "--recover", "--design", "--config",
                    "--workers", "--checkpoint", "--coverage", "--count"}) {
                if (given(o)) {
                    return Option.of("--worker joins a server, which has the design and config: not with " + o);
                }
            }
        }
        if (count) {
            for (String o : new String[]{"--server", "--local-workers", "--recover", "--checkpoint", "--coverage"}) {
                if (given(o)) {
                    return Option.of("--count runs no TLC: not with " + o);
                }
            }
        }
        if (localWorkers < 0) {
            return Option.of("--local-workers must not be negative");
        }
        if (threads != null && threads < 1) {
            return Option.of("--threads must be at least 1");
        }
        if (port != null && (port < 1 || port > 65535)) {
            return Option.of("--port must be between 1 and 65535");
        }
        if (checkpoint != null && checkpoint < 0) {
            return Option.of("--checkpoint must not be negative");
        }
        if (worker == null && !distributed() && (port != null || threads != null || host != null)) {
            return Option.of("--port, --threads and --host are for --server, --local-workers and --worker");
        }
        if ((distributed() || checkpoint != null) && recover == null && design.equals("all")) {
            return Option.of((distributed() ? "a TLC server" : "--checkpoint") + " runs one design: name it with "
                    + "--design");
        }
        return Option.none();
    }

    /** The distributed and checkpoint options, as one value. */
    TlcDeepRun deep() {
        return new TlcDeepRun(server, localWorkers, Option.of(port), Option.of(threads), Option.of(host),
                Option.of(checkpoint), Option.of(recover), out);
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
