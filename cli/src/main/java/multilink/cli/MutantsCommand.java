package multilink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.step.Step;
import multilink.properties.Explorer;
import multilink.spec.RunConfig;
import multilink.spec.Tlc;
import multilink.spec.tlc.TlcResult;
import multilink.x86.X86Mutants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code ./multilink mutants}: the kill matrix. Each seeded bug of the
 * catalogue (a switch of its design, see {@link MutantCatalogue}) is planted
 * in turn; the random checker explores the design with the bug and must
 * report a NEW violation (not a known finding), and TLC checks the design
 * with every fix on plus the bug and must find a violation, whose BFS trace
 * is the shortest there is at the spec's bounds. Each counterexample is
 * written; the table says which checker caught what, how long each trace is.
 */
@Command(name = "mutants", description = "Plant each seeded bug of the catalogue and show which checker catches "
        + "it (random exploration, TLC, x86 reference) with the length of each counterexample.",
        mixinStandardHelpOptions = true)
final class MutantsCommand implements Callable<Integer> {

    /** Chains per seed and seeds the random checker tries before a bug counts as surviving it. */
    static final int CHAINS = 1000;
    static final int SEEDS = 3;
    static final int LENGTH = 30;
    /** Catches of one seed the random checker minimises before it reports the shortest. */
    static final int CATCHES = 20;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--json", description = "Print the matrix as JSON (one object per seeded bug).")
    boolean json;

    @picocli.CommandLine.Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Only these seeded bugs (names as in the first column).")
    java.util.List<String> only;

    @picocli.CommandLine.Option(names = "--no-tlc", description = "Skip the TLC column (the random and x86 checkers only).")
    boolean noTlc;

    @picocli.CommandLine.Option(names = "--seed", paramLabel = "N", description = "First seed of the random checker (default 1).")
    long seed = 1;

    @picocli.CommandLine.Option(names = "--out", paramLabel = "DIR", description = "Where counterexamples go (default: out/mutants).")
    Path out = Path.of("out", "mutants");

    /** What one checker did with one seeded bug. */
    record Catch(String checker, boolean caught, String invariant, int length, double seconds, String note) {
        String cell() {
            return !caught ? (note.isEmpty() ? "survived" : note) : invariant + " (" + length + " steps)";
        }

        /** A checker that cannot take this bug (a user's design the spec has no module for). */
        boolean applies() {
            return !note.startsWith("n/a");
        }
    }

    /** One row of the matrix. */
    record Row(MutantCatalogue.Mutant mutant, List<Catch> catches, List<Path> written) {
        boolean killed() {
            return catches.filter(Catch::applies).forAll(Catch::caught) && catches.exists(Catch::caught);
        }

        /** The shortest trace of the model checkers (x86 rows count configurations, not steps). */
        Option<Integer> shortest() {
            return catches.filter(c -> c.caught() && !c.checker().equals("x86")).map(Catch::length).min();
        }
    }

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        List<MutantCatalogue.Mutant> all = MutantCatalogue.all();
        List<MutantCatalogue.Mutant> chosen = only == null ? all : all.filter(m -> only.contains(m.name()));
        if (only != null) {
            List<String> unknown = List.ofAll(only).filter(n -> all.forAll(m -> !m.name().equals(n)));
            if (!unknown.isEmpty()) {
                err.println("multilink: mutants: unknown seeded bug(s): " + unknown.mkString(", ")
                        + " (./multilink mutants --help; the README lists them)");
                return Main.EXIT_USAGE;
            }
        }
        err.println("mutants: " + chosen.size() + " seeded bugs; random checker: up to " + SEEDS + " seeds x "
                + CHAINS + " chains x " + LENGTH + " steps from seed " + seed + " on the default world with "
                + "BPF_MAX_TRAMP_LINKS 2, the shortest of a seed's first " + CATCHES + " catches"
                + (noTlc ? "" : "; TLC: the design with every fix on plus the bug, "
                + "at its default bounds (BPF_MAX_TRAMP_LINKS 1 where they cannot show it), 1 worker"));
        err.flush();
        long t0 = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<MutantCatalogue.Mutant> x86 = chosen.filter(m -> m.x86().isDefined());
        Either<String, List<Row>> x86Rows = x86.isEmpty() ? Either.right(List.empty()) : killX86(x86, err);
        if (x86Rows.isLeft()) {
            err.println("multilink: mutants: x86: " + x86Rows.getLeft());
            return Main.EXIT_USAGE;
        }
        List<Either<String, Row>> rows = Parallel.run("mutants", chosen.filter(m -> m.x86().isEmpty()).map(m -> () -> {
            Either<String, Row> r = kill(m);
            synchronized (err) {
                err.println("mutants: " + done.incrementAndGet() + "/" + chosen.size() + " " + m.name() + ": "
                        + r.fold(e -> "ERROR " + e, x -> x.killed() ? "killed" : "SURVIVED"));
                err.flush();
            }
            return r;
        }));
        for (Either<String, Row> r : rows.filter(Either::isLeft)) {
            err.println("multilink: mutants: " + r.getLeft());
        }
        if (rows.exists(Either::isLeft)) {
            return Main.EXIT_USAGE;
        }
        List<Row> matrix = rows.map(Either::get).appendAll(x86Rows.get());
        if (json) {
            stdout.println(json(matrix));
        } else {
            stdout.print(table(matrix).render());
            long killed = matrix.count(Row::killed);
            stdout.printf("%d of %d seeded bugs killed by every checker that applies (%.0f s)%n", killed,
                    matrix.size(), (System.nanoTime() - t0) / 1e9);
            int files = matrix.flatMap(Row::written).size();
            if (files > 0) {
                stdout.println("counterexamples: " + files + " files in " + out
                        + " (mutant-NAME-random.*, mutant-NAME-tlc.*; replay with ./multilink run FILE.trace.json)");
            }
        }
        stdout.flush();
        return matrix.forAll(Row::killed) ? Main.EXIT_OK : Main.EXIT_VIOLATION;
    }

    /**
     * x86gen's seeded bugs, all in one batch of sampled configurations (the
     * same checks as check's x86 phase plus the structural and frame facts),
     * seeded as check derives its x86 seed.
     */
    private Either<String, List<Row>> killX86(List<MutantCatalogue.Mutant> chosen, PrintWriter err) {
        long t = System.nanoTime();
        err.println("mutants: x86: " + chosen.size() + " seeded bugs on up to " + X86Mutants.DEFAULT_CONFIGS
                + " sampled configurations, seed " + X86Phase.seedFor(seed));
        err.flush();
        Either<String, List<X86Mutants.Result>> run = X86Mutants.kill(chosen.map(m -> m.x86().get()),
                X86Phase.seedFor(seed), X86Mutants.DEFAULT_CONFIGS);
        if (run.isLeft()) {
            return Either.left(run.getLeft());
        }
        List<Row> rows = List.empty();
        for (X86Mutants.Result x : run.get()) {
            List<Path> written = List.empty();
            if (x.caught()) {
                // the configuration that shows it: ./multilink x86 --config FILE --check replays it (a global caller
                // bug's is a global_caller line, which --config reads too)
                String file = "mutant-" + x.mutant().name().replaceAll("[^A-Za-z0-9_.-]", "_")
                        + (X86Mutants.isGlobalCaller(x.mutant()) ? "-x86.global-caller.txt" : "-x86.config.json");
                Either<String, List<Path>> w = AtomicFiles.writeAll(out, List.of(io.vavr.Tuple.of(file, x.config().getOrElse(""))));
                if (w.isLeft()) {
                    return Either.left(w.getLeft());
                }
                written = w.get();
            }
            rows = rows.append(new Row(chosen.find(m -> m.name().equals(x.mutant().name())).get(),
                    List.of(new Catch("x86", x.caught(), x.caughtBy().headOption().getOrElse(""), x.configsTried(),
                            (System.nanoTime() - t) / 1e9, x.caught() ? "" : "survived")), written));
        }
        return Either.right(rows);
    }

    private Either<String, Row> kill(MutantCatalogue.Mutant m) {
        Either<String, Design> parsed = Designs.parse(m.design());
        if (parsed.isLeft()) {
            return Either.left(m.name() + ": " + parsed.getLeft());
        }
        Design d = parsed.get();
        List<Path> written = List.empty();
        long t = System.nanoTime();
        Option<Explorer.Report> run = randomRun(m, d);
        Catch random = run.map(r -> new Catch("random", true, r.broken().get().violation().invariant(),
                        r.broken().get().trace().size(), (System.nanoTime() - t) / 1e9, "seed " + r.seed()))
                .getOrElse(() -> new Catch("random", false, "", 0, (System.nanoTime() - t) / 1e9, "survived"));
        if (run.isDefined()) {
            Either<String, List<Path>> w = writeRandom(m, d, run.get().broken().get());
            if (w.isLeft()) {
                return Either.left(m.name() + ": " + w.getLeft());
            }
            written = written.appendAll(w.get());
        }
        List<Catch> catches = List.of(random);
        if (!noTlc) {
            Either<String, Tuple> tlc = tlc(m, d);
            if (tlc.isLeft()) {
                return Either.left(m.name() + ": TLC: " + tlc.getLeft());
            }
            catches = catches.append(tlc.get().c);
            written = written.appendAll(tlc.get().written);
        }
        return Either.right(new Row(m, catches, written));
    }

    private record Tuple(Catch c, List<Path> written) {
    }

    /**
     * The random checker's world for a seeded bug: check's, or TLC's at
     * BPF_MAX_TRAMP_LINKS 1 for a bug only that limit lets two links show.
     */
    private static String randomWorld(MutantCatalogue.Mutant m) {
        return m.limit1() ? Scenarios.TLC_LIMIT1_WORLD : CheckCommand.EXPLORE_WORLD;
    }

    /**
     * The random checker, seed after seed until a seed's chains catch the bug:
     * the shortest minimised trace of that seed's first {@link #CATCHES}
     * catches.
     */
    private Option<Explorer.Report> randomRun(MutantCatalogue.Mutant m, Design d) {
        for (long s = seed; s < seed + SEEDS; s++) {
            Explorer.Report r = Explorer.explore(d, Scenarios.world(randomWorld(m)), s, CHAINS, LENGTH, CATCHES,
                    c -> { });
            if (r.broken().isDefined()) {
                return Option.of(r);
            }
        }
        return Option.none();
    }

    /** The random checker's counterexample. */
    private Either<String, List<Path>> writeRandom(MutantCatalogue.Mutant m, Design d, Explorer.Failure f) {
        String description = "seeded bug " + m.name() + " (" + m.place() + ": " + m.summary()
                + "), caught by ./multilink mutants --only " + m.name() + " --seed " + seed + ": " + f.violation();
        return Counterexample.of(f.withFixes() ? d.withFixes() : d, randomWorld(m), "mutant-" + m.name() + "-random",
                description, f.trace(), f.violation().invariant()).flatMap(c -> c.writeTo(out));
    }

    /**
     * TLC on the design with every fix on plus the bug. Any violation there is
     * new: the design has no known finding left to excuse it (every finding's
     * fix is on, which is how the Judge tells known from new), and, checked
     * here on the model, the same trace on the preset with its fixes on and
     * without the bug breaks nothing: the bug alone makes the difference.
     */
    private Either<String, Tuple> tlc(MutantCatalogue.Mutant m, Design d) {
        Design fixed = d.withFixes();
        if (multilink.spec.SpecDesign.of(fixed).isEmpty()) {
            return Either.right(new Tuple(new Catch("tlc", false, "", 0, 0, "n/a: the spec has no module for "
                    + fixed.name()), List.empty()));
        }
        long t = System.nanoTime();
        if (m.masked().isDefined()) {
            // the claim is checked, not taken: breadth first over TLC's bounds on the model (the graph
            // conformance holds that graph equal to TLC's), so a violation there would be TLC's too
            Coverage.Hit hit = Coverage.firstViolation(m.name(), fixed);
            if (hit.depth() >= 0) {
                return Either.left("not masked: " + fixed.name() + " breaks " + hit.invariants().mkString(", ")
                        + " after " + hit.depth() + " steps at TLC's default bounds");
            }
            return Either.right(new Tuple(new Catch("tlc", false, "", 0, (System.nanoTime() - t) / 1e9,
                    "n/a: " + m.masked().get() + " (clean at TLC's bounds, breadth first on the model)"),
                    List.empty()));
        }
        // a third node on a trampoline at BPF_MAX_TRAMP_LINKS 2 needs a third prog and link, beyond the
        // default bounds: the same bounds at BPF_MAX_TRAMP_LINKS 1 show it with two
        Either<String, TlcResult> r = Tlc.check(fixed, m.limit1() ? RunConfig.LIMIT1 : RunConfig.defaultFor(fixed),
                1, p -> { });
        String bounds = m.limit1() ? " (limit 1)" : "";
        String world = m.limit1() ? Scenarios.TLC_LIMIT1_WORLD : Scenarios.TLC_WORLD;
        if (r.isLeft()) {
            return Either.left(r.getLeft());
        }
        double secs = (System.nanoTime() - t) / 1e9;
        if (r.get().violation().isEmpty()) {
            return Either.right(new Tuple(new Catch("tlc", false, "", 0, secs, "survived"), List.empty()));
        }
        var v = r.get().violation().get();
        Either<String, List<Step>> steps = Tlc.steps(v);
        if (steps.isLeft()) {
            return Either.left("cannot read TLC's trace: " + steps.getLeft());
        }
        Design reference = Designs.byName(d.preset()).get().withFixes();
        var clean = multilink.spec.trace.Replay.run(reference, Scenarios.world(world), steps.get())
                .find(s -> !s.broken().isEmpty());
        if (clean.isDefined()) {
            return Either.left("TLC's trace also breaks " + clean.get().broken().mkString(", ") + " on "
                    + reference.name() + " (without the bug): not the bug's violation");
        }
        String description = "seeded bug " + m.name() + " (" + m.place() + ": " + m.summary() + "), caught by TLC on "
                + fixed.name() + ": " + v.kind() + " " + v.name() + " violated after " + steps.get().size()
                + " steps; the same steps on " + reference.name() + " break nothing";
        Either<String, List<Path>> w = Counterexample.of(fixed, world, "mutant-" + m.name() + "-tlc", description,
                steps.get(), v.name()).flatMap(c -> c.writeTo(out));
        if (w.isLeft()) {
            return Either.left("TLC's trace does not reproduce on the Java model: " + w.getLeft());
        }
        return Either.right(new Tuple(new Catch("tlc", true, v.name() + bounds, steps.get().size(), secs, ""),
                w.get()));
    }

    private TextTable table(List<Row> matrix) {
        TextTable t = TextTable.of("seeded bug", "design", "kernel place", "random", "TLC (BFS)", "x86 reference",
                "shortest", "verdict");
        for (Row r : matrix) {
            Option<Catch> random = r.catches().find(c -> c.checker().equals("random"));
            Option<Catch> tlc = r.catches().find(c -> c.checker().equals("tlc"));
            Option<Catch> x86 = r.catches().find(c -> c.checker().equals("x86"));
            t = t.row(r.mutant().name(), r.mutant().design(), r.mutant().place(),
                    random.map(Catch::cell).getOrElse("-"), tlc.map(Catch::cell).getOrElse("-"),
                    x86.map(c -> c.caught() ? c.invariant() + " (" + c.length() + " configs)" : "survived")
                            .getOrElse("-"),
                    r.shortest().map(String::valueOf).getOrElse("-"), r.killed() ? "killed" : "SURVIVED");
        }
        return t;
    }

    private static String json(List<Row> matrix) {
        ArrayNode arr = ScenarioJson.mapper().createArrayNode();
        for (Row r : matrix) {
            ObjectNode o = arr.addObject();
            o.put("name", r.mutant().name());
            o.put("design", r.mutant().design());
            o.put("place", r.mutant().place());
            o.put("summary", r.mutant().summary());
            ObjectNode by = o.putObject("checkers");
            for (Catch c : r.catches()) {
                ObjectNode x = by.putObject(c.checker());
                x.put("caught", c.caught());
                if (c.caught()) {
                    x.put("invariant", c.invariant());
                    x.put("length", c.length());
                }
                x.put("seconds", Math.round(c.seconds() * 10) / 10.0);
            }
            r.shortest().forEach(s -> o.put("shortest", s));
            o.put("killed", r.killed());
            ArrayNode files = o.putArray("counterexamples");
            r.written().forEach(p -> files.add(p.toString()));
        }
        try {
            return ScenarioJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(arr);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
