package multilink.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vavr.control.Either;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/** {@code ./multilink run FILE}: replay a scenario or counterexample step by step. */
@Command(name = "run", description = "Replay a scenario or counterexample file step by step.",
        mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A scenario or trace file (JSON).")
    Path file;

    @Option(names = "--design", paramLabel = "D", description = "Run on this design instead of the file's.")
    String design;

    @Option(names = "--json", description = "Print the replay as JSON.")
    boolean json;

    @Option(names = "--design-jar", paramLabel = "JAR", description = "Also know the designs this jar provides "
            + "(Design implementations listed in META-INF/services/multilink.model.design.Design).")
    Path designJar;

    private final DesignCatalogue designs;

    RunCommand(DesignCatalogue designs) {
        this.designs = designs;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Either<String, DesignCatalogue> known = designJar == null ? Either.right(designs) : designs.withJar(designJar);
        if (known.isLeft()) {
            err.println("multilink: run: " + known.getLeft());
            return Main.EXIT_USAGE;
        }
        long started = System.nanoTime();
        Either<ScenarioError, ReplayReport> r = replay(file, known.get(), io.vavr.control.Option.of(design),
                total -> progress(err, total, started));
        if (r.isLeft()) {
            err.println(r.getLeft().render(file.toString()));
            return Main.EXIT_USAGE;
        }
        ReplayReport report = r.get();
        out.print(json ? ScenarioJson.mapper().writeValueAsString(report.json(file.toString())) + "\n"
                : report.text(file.toString()));
        out.flush();
        return report.passed() ? Main.EXIT_OK : Main.EXIT_VIOLATION;
    }

    /** Read, parse, resolve and replay one file: what {@code run} does, minus printing. */
    static Either<ScenarioError, ReplayReport> replay(Path file, DesignCatalogue designs,
                                                       io.vavr.control.Option<String> design) {
        return replay(file, designs, design, total -> done -> { });
    }

    /** As above; {@code progress} makes, from the number of steps, what the replay tells after each step. */
    static Either<ScenarioError, ReplayReport> replay(Path file, DesignCatalogue designs,
                                                       io.vavr.control.Option<String> design,
                                                       IntFunction<IntConsumer> progress) {
        Either<String, String> text = TextFiles.read(file);
        if (text.isLeft()) {
            return Either.left(ScenarioError.file(text.getLeft()));
        }
        return ScenarioJson.parse(text.get())
                .map(s -> design.map(s::withDesign).getOrElse(s))
                .flatMap(s -> Scenarios.resolve(s, designs))
                .map(l -> ReplayReport.of(Replay.run(l, progress.apply(l.scenario().steps().size()))));
    }

    /**
     * {@code run: N/M steps} on stderr about once a second, once the run is a
     * second old: a long file shows it is moving, a short one prints nothing.
     */
    static IntConsumer progress(PrintWriter err, int total, long started) {
        long second = 1_000_000_000L;
        long[] next = {started + second};
        return done -> {
            if (done % 256 == 0 && System.nanoTime() >= next[0]) {
                next[0] = System.nanoTime() + second;
                err.println("run: " + done + "/" + total + " steps");
                err.flush();
            }
        };
    }
}
