package multilink.cli;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import multilink.model.design.Design;
import multilink.model.world.World;
import multilink.properties.Explorer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code ./multilink check}: random exploration of each design on the default
 * world with every invariant after every step, then (for all designs) sampled
 * x86 trampoline images against the reference encoders, and (except with
 * --quick) TLC on each design's spec; with --deep or --conformance also the
 * exhaustive model/spec conformance. The seed decides every random phase; the
 * same seed replays the same run.
 */
@Command(name = "check", description = "Explore each design at random, checking every invariant after every step; "
        + "model-check each design's TLA+ spec with TLC (with --conformance or --deep also holding the model to it); "
        + "check sampled x86 trampoline "
        + "images against GNU as, llvm-mc and objdump.",
        mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {

    /** Chains x steps per design and x86 images for each depth; the default stays well under 30 s on 2 cores. */
    enum Depth {
        QUICK(200, 20, 100), DEFAULT(1000, 30, 400), DEEP(20000, 60, 4000);

        final int chains;
        final int length;
        final int x86Images;

        Depth(int chains, int length, int x86Images) {
            this.chains = chains;
            this.length = length;
            this.x86Images = x86Images;
        }
    }

    static final class DepthGroup {
        @Option(names = "--quick", description = "A short smoke run (200 chains x 20 steps per design, 100 x86 images, "
                + "7 global callers).")
        boolean quick;
        @Option(names = "--deep", description = "A long run (20000 chains x 60 steps per design, 4000 x86 images, "
                + "160 global callers).")
        boolean deep;
    }

    /** The random phase's world: the default one with BPF_MAX_TRAMP_LINKS 2 (DefaultWorld.explore()). */
    static final String EXPLORE_WORLD = "explore";

    @Spec
    CommandSpec spec;

    @Option(names = "--design", paramLabel = "D",
            description = "A design name, or 'all' (default; only then does the x86 phase run).")
    String design = "all";

    @ArgGroup(exclusive = true)
    DepthGroup depth;

    @Option(names = "--conformance", description = "Also hold the Java model to the TLA+ spec: their state graphs "
            + "at each design's default bounds must be equal, edge for edge, and every invariant must give the same "
            + "verdict in both (on with --deep; the test suite runs it for every shipped design).")
    boolean conformance;

    @Option(names = "--seed", paramLabel = "N", description = "Replay the run with this seed (printed by every run).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Where counterexamples go (default: out).")
    Path out = Path.of("out");

    @Option(names = "--design-jar", paramLabel = "JAR", description = "Also know the designs this jar provides "
            + "(Design implementations listed in META-INF/services/multilink.model.design.Design); they join 'all'.")
    Path designJar;

    @Option(names = "--json", description = "Print the closing table as JSON: one object per row (check, design, "
            + "figures, verdict, counterexample paths, replay command).")
    boolean json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML: one test case per check and "
            + "design, failures carrying the violated invariant and the replay command.")
    Path junit;

    /** Counterexample files and replay commands per design, for the JSON and JUnit reports. */
    private io.vavr.collection.Map<String, List<Path>> written = io.vavr.collection.HashMap.empty();
    private io.vavr.collection.Map<String, String> replays = io.vavr.collection.HashMap.empty();

    private DesignCatalogue designs;
    private final X86Backend x86;

    CheckCommand(DesignCatalogue designs, X86Backend x86) {
        this.designs = designs;
        this.x86 = x86;
    }

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (designJar != null) {
            Either<String, DesignCatalogue> withJar = designs.withJar(designJar);
            if (withJar.isLeft()) {
                err.println("multilink: check: " + withJar.getLeft());
                return Main.EXIT_USAGE;
            }
            designs = withJar.get();
        }
        boolean all = design.equals("all");
        Either<String, Design> one = all ? Either.left("") : designs.resolve(design);
        if (!all && one.isLeft()) {
            err.println("multilink: check: " + one.getLeft());
            return Main.EXIT_USAGE;
        }
        List<Design> chosen = all ? designs.all() : List.of(one.get());
        // before any phase starts: a run that could not finish its x86 phase would end without a verdict
        io.vavr.control.Option<String> missing = all ? x86.missingTool().get() : io.vavr.control.Option.none();
        if (missing.isDefined()) {
            err.println("multilink: check: x86 reference: " + missing.get());
            return Main.EXIT_USAGE;
        }
        Depth d = depth == null ? Depth.DEFAULT : depth.quick ? Depth.QUICK : depth.deep ? Depth.DEEP : Depth.DEFAULT;
        if (conformance && d == Depth.QUICK) {
            err.println("multilink: check: --conformance needs the TLC phase, which --quick leaves out");
            return Main.EXIT_USAGE;
        }
        long s = seed != null ? seed : System.currentTimeMillis() ^ System.nanoTime();
        err.println("check: random exploration (world: default, BPF_MAX_TRAMP_LINKS 2) of each design and of it "
                + "with every known finding's fix on, seed " + s + " (replay: ./multilink check --seed " + s
                + (all ? "" : " --design " + design) + (d == Depth.DEFAULT ? "" : " --" + d.name()
                .toLowerCase()) + "), " + d.chains + " chains x " + d.length + " steps per design"
                + (all ? ", then " + d.x86Images + " x86 images" : ""));
        err.flush();
        World world = Scenarios.world(EXPLORE_WORLD);
        Progress progress = new Progress(err, d.chains, "chains");
        // each design, then the same design with every known finding's fix on, which must be clean as it is
        List<Design> explored = chosen.flatMap(x -> x.knownFindings().isEmpty() ? List.of(x)
                : List.of(x, x.withFixes()));
        List<Explorer.Report> reports = explore(explored, world, s, d, progress);
        TextTable table = TextTable.of("check", "design", "chains", "steps", "steps/s",
                "known findings hit (chains)", "verdict");
        List<Explorer.Report> broken = List.empty();
        for (Explorer.Report r : reports) {
            table = table.row("random", r.design(), String.valueOf(r.chains()), String.valueOf(r.steps()),
                    progress.rate(r.design(), r.steps()), known(r.known()),
                    r.broken().map(b -> "VIOLATION " + b.violation().invariant()
                            + (b.withFixes() ? " (with fixes)" : "")).getOrElse("clean"));
            if (r.broken().isDefined()) {
                broken = broken.append(r);
            }
            err.printf("check: %s: %d of %d steps carried a fault, %d fired (%.0f%%)%n", r.design(), r.faulted(),
                    r.steps(), r.fired(), r.firedPercent());
        }
        List<SpecPhase.Result> specRuns = List.empty();
        if (d != Depth.QUICK) {
            // the default bounds reach every known finding: TLC checks each design with its fixes on, which
            // must be clean (the random phase above shows the findings of the design as it is)
            List<Design> withSpec = chosen.map(Design::withFixes).filter(x -> multilink.spec.SpecDesign.of(x).isDefined());
            boolean graphs = conformance || d == Depth.DEEP;
            err.println("check: TLC at the default bounds" + (graphs ? " with the exhaustive model/spec conformance"
                    : " (the model/spec conformance runs with --conformance or --deep)") + ": "
                    + withSpec.map(Design::name).mkString(", "));
            err.flush();
            specRuns = Parallel.run("check", withSpec.map(des -> () -> SpecPhase.run(des, graphs,
                    SpecPhase.progressTo(err, des.name()))));
            for (SpecPhase.Result r : specRuns) {
                for (String[] row : r.rows()) {
                    table = table.row(row);
                }
            }
            // said, not skipped: a design without a TLA+ module is checked by the random phase alone
            for (Design x : chosen.filter(x -> multilink.spec.SpecDesign.of(x).isEmpty())) {
                table = table.row(SpecPhase.TLC, x.name(), "-", "-", "-", "-", "n/a: no TLA+ module yet");
            }
        }
        io.vavr.control.Option<Either<String, X86Phase.Result>> x86Run = io.vavr.control.Option.none();
        if (all) {
            err.println("check: x86 reference: " + d.x86Images + " sampled configurations and "
                    + X86Phase.globalCallers(d.x86Images) + " global callers, seed " + X86Phase.seedFor(s)
                    + " (derived from " + s + "), batches of " + X86Phase.BATCH);
            err.flush();
            Progress x86Progress = new Progress(err, X86Phase.batches(d.x86Images), "batches");
            Either<String, X86Phase.Result> r = X86Phase.run(x86, s, d.x86Images, x86Progress);
            x86Run = io.vavr.control.Option.some(r);
            table = table.row(x86Row(r, x86Progress));
        }
        AlloyPhase.Result alloy = all ? AlloyPhase.run(chosen, s, err) : null;
        if (alloy != null) {
            for (String[] row : alloy.rows()) {
                table = table.row(row);
            }
        }
        if (!json) {
            stdout.print(table.render());
            stdout.println("seed " + s);
            stdout.flush();
        }
        int exit = verdict(chosen, broken, specRuns, x86Run, s, json ? err : stdout, err);
        if (alloy != null) {
            exit = Math.max(exit, alloy.report(json ? err : stdout, err));
        }
        CheckReport report = new CheckReport(s, table.rows().toList(), written, replays);
        if (json) {
            stdout.println(report.json());
            stdout.flush();
        }
        if (junit != null) {
            var w = AtomicFiles.write(junit, report.junit());
            if (w.isFailure()) {
                err.println("multilink: cannot write " + junit + ": " + w.getCause().getMessage());
                return Main.EXIT_INTERNAL;
            }
        }
        return exit;
    }

    private int verdict(List<Design> chosen, List<Explorer.Report> broken, List<SpecPhase.Result> specRuns,
                        io.vavr.control.Option<Either<String, X86Phase.Result>> x86Run, long s, PrintWriter stdout,
                        PrintWriter err) {
        for (SpecPhase.Result r : specRuns.filter(SpecPhase.Result::failedToRun)) {
            err.println("multilink: check: " + r.design() + ": " + r.error().get());
        }
        if (specRuns.exists(SpecPhase.Result::failedToRun)) {
            return Main.EXIT_USAGE;
        }
        if (x86Run.exists(Either::isLeft)) {
            err.println("multilink: check: x86 reference: " + x86Run.get().getLeft());
            return Main.EXIT_INTERNAL;
        }
        io.vavr.control.Option<X86Phase.Result> x86Broken = x86Run.map(Either::get).filter(r -> !r.clean());
        List<SpecPhase.Result> specBroken = specRuns.filter(r -> !r.clean());
        if (broken.isEmpty() && x86Broken.isEmpty() && specBroken.isEmpty()) {
            return Main.EXIT_OK;
        }
        int exit = writeCounterexamples(chosen, broken, x86Broken, s, stdout, err);
        for (SpecPhase.Result r : specBroken) {
            // TLC checks each design with its fixes on: the run is named after that design
            int e = writeSpecFindings(chosen.map(Design::withFixes).find(x -> x.name().equals(r.design())).get(), r,
                    stdout, err);
            exit = Math.max(exit, e);
        }
        return exit;
    }

    private static String[] x86Row(Either<String, X86Phase.Result> run, Progress progress) {
        if (run.isLeft()) {
            return new String[]{X86Phase.TASK, "-", "-", "-", "-", "-", "ERROR"};
        }
        X86Phase.Result r = run.get();
        return new String[]{X86Phase.TASK, "-", r.images() + " images, " + r.globalCallers() + " global callers",
                r.instructions() + " insns", progress.rate(X86Phase.TASK, r.instructions()) + " insns/s",
                "GNU as " + r.gas() + ", llvm-mc " + r.llvm() + ", objdump " + r.objdump() + ", "
                        + r.mismatches() + " mismatches",
                r.clean() ? "clean" : "VIOLATION " + r.failed().size() + " images, " + r.failedGlobal().size()
                        + " global callers"};
    }

    /** A TLC violation as a counterexample in every form; a model/spec difference as a text file. */
    private int writeSpecFindings(Design design, SpecPhase.Result r, PrintWriter stdout, PrintWriter err) {
        for (multilink.spec.tlc.TlcViolation v : r.violated().flatMap(t -> t.violation())) {
            stdout.println(r.design() + ": TLC: " + v.kind() + " " + v.name() + " violated");
            Either<String, List<Path>> written = TlcCommand.counterexample(design, TlcCommand.DEFAULT, v)
                    .flatMap(c -> c.writeTo(out));
            if (written.isLeft()) {
                err.println("multilink: check: " + r.design() + ": " + written.getLeft());
                return Main.EXIT_VIOLATION;
            }
            written.get().forEach(p -> stdout.println("  wrote " + p));
        }
        for (String diff : r.difference()) {
            stdout.println(r.design() + ": the model and the spec differ:\n" + diff);
            Path p = out.resolve(r.design() + "-conformance.txt");
            var w = AtomicFiles.write(p, diff + "\n");
            if (w.isFailure()) {
                err.println("multilink: cannot write " + p + ": " + w.getCause().getMessage());
                return Main.EXIT_INTERNAL;
            }
            stdout.println("  wrote " + p);
            record(r.design(), List.of(p), "cat " + p);
        }
        return Main.EXIT_VIOLATION;
    }

    private void record(String design, List<Path> files, String replay) {
        written = written.put(design, written.get(design).getOrElse(List.empty()).appendAll(files));
        replays = replays.put(design, replay);
    }

    /** Every form is built first: nothing is written unless all of it could be built. */
    private int writeCounterexamples(List<Design> chosen, List<Explorer.Report> broken,
                                     io.vavr.control.Option<X86Phase.Result> x86Broken, long s, PrintWriter stdout,
                                     PrintWriter err) {
        List<Either<String, Counterexample>> built = broken.map(r -> {
            Design d = chosen.flatMap(x -> List.of(x, x.withFixes())).find(x -> x.name().equals(r.design())).get();
            // a violation that shows only with every fix on is written for the fixed design
            return Counterexample.of(r.broken().get().withFixes() ? d.withFixes() : d, EXPLORE_WORLD, s,
                    r.broken().get());
        });
        for (Explorer.Report r : broken) {
            stdout.println(r.design() + ": " + r.broken().get().violation());
        }
        x86Broken.forEach(r -> stdout.println("x86: " + r.failed().size() + " of " + r.images() + " images and "
                + r.failedGlobal().size() + " of " + r.globalCallers() + " global callers disagree with the reference "
                + "encoders (sample positions " + positions(r.failed()) + "; global callers " + positions(r.failedGlobal())
                + ")"));
        for (Either<String, Counterexample> c : built) {
            if (c.isLeft()) {
                err.println("multilink: internal error: " + c.getLeft()
                        + " (please report it with the seed above)");
                return Main.EXIT_INTERNAL;
            }
        }
        List<Tuple2<List<Tuple2<String, String>>, List<String>>> forms = built.map(Either::get)
                .map(c -> Tuple.of(c.files().toList(), c.notes()))
                .appendAll(x86Broken.flatMap(X86Phase.Result::finding)
                        .map(f -> Tuple.of(f.files(s).toList(), List.<String>empty())));
        List<String> replays = List.empty();
        for (int i = 0; i < forms.size(); i++) {
            Either<String, List<Path>> w = AtomicFiles.writeAll(out, forms.get(i)._1);
            if (w.isLeft()) {
                err.println("multilink: " + w.getLeft());
                return Main.EXIT_INTERNAL;
            }
            w.get().forEach(p -> stdout.println("  wrote " + p));
            forms.get(i)._2.forEach(n -> stdout.println("  " + n));
            if (i < broken.size()) {
                // the trace's own name: a violation that shows only with the fixes on is written for that design
                Path trace = w.get().find(p -> p.toString().endsWith(".trace.json")).get();
                record(broken.get(i).design(), w.get(), "./multilink run " + trace);
                replays = replays.append("./multilink run " + trace);
            }
        }
        replays.headOption().forEach(r -> stdout.println("replay: " + r));
        x86Broken.flatMap(X86Phase.Result::finding).forEach(f -> stdout.println("replay: ./multilink x86 --config "
                + out.resolve(f.configFile(s)) + " --check"));
        return Main.EXIT_VIOLATION;
    }

    private static String positions(List<Integer> failed) {
        return failed.isEmpty() ? "none" : failed.take(10).mkString(", ") + (failed.size() > 10 ? ", ..." : "");
    }

    /** One design per task on all cores: each design's run depends only on the seed, not on scheduling. */
    private static List<Explorer.Report> explore(List<Design> chosen, World world, long seed, Depth d,
                                                 Progress progress) throws InterruptedException, ExecutionException {
        return Parallel.run("check", chosen.map(des -> () -> {
            progress.start(des.name());
            Explorer.Report r = Explorer.explore(des, world, seed, d.chains, d.length,
                    c -> progress.advance(des.name(), c));
            progress.finish(des.name());
            return r;
        }));
    }

    private static String known(Map<String, Integer> known) {
        return known.isEmpty() ? "-" : known.toList().sortBy(e -> e._1).map(e -> e._1 + " x" + e._2).mkString(", ");
    }
}
