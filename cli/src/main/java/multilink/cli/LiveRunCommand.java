package multilink.cli;

import io.vavr.Tuple;
import io.vavr.collection.List;
import multilink.live.KernelLine;
import multilink.live.LiveCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ./multilink live run}: classic scenarios (files, the classic files of a directory, random chains) played
 * on a stock kernel and on the model, errno by errno.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Play classic scenarios on a stock kernel and compare every errno with the model's.")
final class LiveRunCommand implements Callable<Integer> {
    private final DesignCatalogue designs;

    LiveRunCommand() {
        this(DesignCatalogue.builtIn());
    }

    LiveRunCommand(DesignCatalogue designs) {
        this.designs = designs;
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Scenario files of the classic design, or directories (their classic *.json files).")
    java.util.List<Path> files = new java.util.ArrayList<>();

    @Option(names = "--kernel", paramLabel = "K", required = true, description = "6.1 or 6.12 (Debian 12 packages).")
    String kernel;

    @Option(names = "--chains", paramLabel = "N", defaultValue = "0",
            description = "Also play N random fault-free classic chains (StepGen, default world).")
    int chains;

    @Option(names = "--length", paramLabel = "L", defaultValue = "12", description = "Steps per chain (default 12).")
    int length;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the chains (default: random, printed).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Write each chain that differs here as a scenario file.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var line = KernelLine.byName(kernel);
        if (line.isLeft()) {
            err.println("multilink: " + line.getLeft());
            return Main.EXIT_USAGE;
        }
        if (files.isEmpty() && chains <= 0) {
            err.println("multilink: nothing to play: give scenario files or --chains N");
            return Main.EXIT_USAGE;
        }
        List<LiveRun.Item> items = List.empty();
        for (Path f : files) {
            var read = read(f, Files.isDirectory(f));
            if (read.isLeft()) {
                err.println("multilink: " + read.getLeft());
                return Main.EXIT_USAGE;
            }
            items = items.appendAll(read.get());
        }
        String header = "";
        if (chains > 0) {
            long s = seed != null ? seed : new SecureRandom().nextLong();
            err.println("live run: chains seed " + s + " (replay with --seed " + s + ")");
            header = ", chains seed " + s;
            var design = LiveWorlds.design(line.get(), designs.byName("classic").get());
            var world = Scenarios.world("default");
            List<Scenario> cs = LiveChains.generate(design, "default", world, s, chains, length);
            items = items.appendAll(cs.zipWithIndex().map(t -> new LiveRun.Item("chain " + t._2, t._1)));
        }
        var r = LiveRun.run(line.get(), items, designs, LiveCache.standard(), err);
        if (r.isLeft()) {
            err.println("multilink: " + r.getLeft());
            return Main.EXIT_USAGE;
        }
        o.print(LiveRunReport.render(r.get(), header));
        var differing = r.get().played().filter(p -> !p.agrees());
        if (out != null && !differing.isEmpty()) {
            var w = AtomicFiles.writeAll(out, differing.map(p -> Tuple.of(
                    line.get().name() + "-" + p.item().name().replaceAll("[^A-Za-z0-9._-]", "_")
                            + (p.item().name().endsWith(".json") ? "" : ".json"),
                    ScenarioJson.write(p.item().scenario()))));
            if (w.isLeft()) {
                err.println("multilink: " + w.getLeft());
                return Main.EXIT_USAGE;
            }
            o.println("  differing scenarios written to " + out);
        }
        o.flush();
        return differing.isEmpty() ? Main.EXIT_OK : Main.EXIT_VIOLATION;
    }

    /** A file (must be classic), or a directory's classic *.json files (others left out). */
    private io.vavr.control.Either<String, List<LiveRun.Item>> read(Path f, boolean dir) {
        try {
            List<Path> paths;
            if (dir) {
                try (Stream<Path> s = Files.list(f)) {
                    paths = List.ofAll(s.filter(p -> p.toString().endsWith(".json")).sorted().toList());
                }
            } else {
                paths = List.of(f);
            }
            List<LiveRun.Item> out = List.empty();
            for (Path p : paths) {
                var sc = ScenarioJson.parse(Files.readString(p));
                if (sc.isLeft()) {
                    if (dir) {
                        continue;
                    }
                    return io.vavr.control.Either.left(p + ": " + sc.getLeft().problem());
                }
                if (!designs.byName(sc.get().design()).exists(d -> d.preset().equals("classic"))) {
                    if (dir) {
                        continue;
                    }
                    return io.vavr.control.Either.left(p + ": design " + sc.get().design()
                            + " (live run plays classic scenarios: the stock kernels are the classic design)");
                }
                out = out.append(new LiveRun.Item(p.getFileName().toString(), sc.get()));
            }
            return io.vavr.control.Either.right(out);
        } catch (IOException e) {
            return io.vavr.control.Either.left("cannot read " + f + ": " + e.getMessage());
        }
    }
}
