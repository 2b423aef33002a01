package multilink.cli;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./multilink check}: random exploration of each design on the default
 * world with every invariant after every step. The seed decides everything;
 * the same seed replays the same run. TODO(spec, x86gen): TLC and x86 rows
 * join the closing table when those modules provide runners.
 */
@Command(name = "check", description = "Explore each design at random, checking every invariant after every step.",
        mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {

    /** Chains x steps per design for each depth; the default stays well under 30 s on 2 cores. */
    enum Depth {
        QUICK(200, 20), DEFAULT(1000, 30), DEEP(20000, 60);

        final int chains;
        final int length;

        Depth(int chains, int length) {
            this.chains = chains;
            this.length = length;
        }
    }

    static final class DepthGroup {
        @Option(names = "--quick", description = "A short smoke run (200 chains x 20 steps per design).")
        boolean quick;
        @Option(names = "--deep", description = "A long run (20000 chains x 60 steps per design).")
        boolean deep;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--design", paramLabel = "D", description = "A design name or 'all' (default).")
    String design = "all";

    @ArgGroup(exclusive = true)
    DepthGroup depth;

    @Option(names = "--seed", paramLabel = "N", description = "Replay the run with this seed (printed by every run).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Where counterexamples go (default: out).")
    Path out = Path.of("out");

    private final DesignCatalogue designs;

    CheckCommand(DesignCatalogue designs) {
        this.designs = designs;
    }

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        List<Design> chosen = design.equals("all") ? designs.all() : designs.byName(design).toList();
        if (chosen.isEmpty()) {
            err.println("multilink: check: unknown design \"" + design + "\" (known: all, "
                    + designs.names().mkString(", ") + ")");
            return Main.EXIT_USAGE;
        }
        Depth d = depth == null ? Depth.DEFAULT : depth.quick ? Depth.QUICK : depth.deep ? Depth.DEEP : Depth.DEFAULT;
        long s = seed != null ? seed : System.currentTimeMillis() ^ System.nanoTime();
        err.println("check: random exploration, seed " + s + " (replay: ./multilink check --seed " + s
                + (design.equals("all") ? "" : " --design " + design) + (d == Depth.DEFAULT ? "" : " --" + d.name()
                .toLowerCase()) + "), " + d.chains + " chains x " + d.length + " steps per design");
        err.flush();
        World world = Scenarios.world("default");
        Progress progress = new Progress(err, d.chains);
        List<Explorer.Report> reports = explore(chosen, world, s, d, progress);
        TextTable table = TextTable.of("check", "design", "chains", "steps", "steps/s", "known findings hit",
                "verdict");
        List<Explorer.Report> broken = List.empty();
        for (Explorer.Report r : reports) {
            table = table.row("random", r.design(), String.valueOf(r.chains()), String.valueOf(r.steps()),
                    progress.rate(r.design(), r.steps()), known(r.known()),
                    r.broken().map(b -> "VIOLATION " + b.violation().invariant()).getOrElse("clean"));
            if (r.broken().isDefined()) {
                broken = broken.append(r);
            }
        }
        stdout.print(table.render());
        stdout.println("seed " + s);
        stdout.flush();
        if (broken.isEmpty()) {
            return Main.EXIT_OK;
        }
        // build every form first: nothing is written unless all of it could be built
        List<Either<String, Counterexample>> built = broken.map(r -> Counterexample.of(
                chosen.find(x -> x.name().equals(r.design())).get(), "default", s, r.broken().get()));
        for (Explorer.Report r : broken) {
            stdout.println(r.design() + ": " + r.broken().get().violation());
        }
        for (Either<String, Counterexample> c : built) {
            if (c.isLeft()) {
                err.println("multilink: internal error: " + c.getLeft()
                        + " (please report it with the seed above)");
                return Main.EXIT_INTERNAL;
            }
        }
        for (Counterexample c : built.map(Either::get)) {
            for (var f : c.files()) {
                Path p = out.resolve(f._1);
                var w = AtomicFiles.write(p, f._2);
                if (w.isFailure()) {
                    err.println("multilink: cannot write " + p + ": " + w.getCause().getMessage());
                    return Main.EXIT_INTERNAL;
                }
                stdout.println("  wrote " + p);
            }
            c.notes().forEach(n -> stdout.println("  " + n));
        }
        stdout.println("replay: ./multilink run " + out.resolve(Counterexample.baseName(broken.head().design(), s) + ".trace.json"));
        return Main.EXIT_VIOLATION;
    }

    /** One design per task on all cores: each design's run depends only on the seed, not on scheduling. */
    private static List<Explorer.Report> explore(List<Design> chosen, World world, long seed, Depth d,
                                                 Progress progress) throws InterruptedException, ExecutionException {
        int threads = Math.max(1, Math.min(chosen.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Explorer.Report>> futures = chosen.map(des -> pool.submit(() -> {
                progress.start(des.name());
                Explorer.Report r = Explorer.explore(des, world, seed, d.chains, d.length,
                        c -> progress.chain(des.name(), c));
                progress.finish(des.name());
                return r;
            }));
            List<Explorer.Report> out = List.empty();
            for (Future<Explorer.Report> f : futures) {
                out = out.append(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String known(Map<String, Integer> known) {
        return known.isEmpty() ? "-" : known.toList().sortBy(e -> e._1).map(e -> e._1 + " x" + e._2).mkString(", ");
    }
}
