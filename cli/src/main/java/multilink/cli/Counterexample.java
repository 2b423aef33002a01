package multilink.cli;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.step.Step;
import multilink.properties.Checker;
import multilink.properties.Explorer;
import multilink.properties.Verdict;

import java.nio.file.Path;

/**
 * Every form of one counterexample, built in memory so check writes them
 * only once the whole run has finished: the trace file ({@code ./multilink
 * run} replays it to the same violation), the step table, and the state at
 * the failing step as DOT and, with graphviz, SVG, and the TLA+ trace module
 * TLC checks against the spec ({@link TlaTrace}).
 *
 * @param files file name to content, in the order they are listed to the user
 * @param notes what was not written and why
 */
public record Counterexample(Map<String, String> files, List<String> notes) {

    public static Either<String, Counterexample> of(Design design, String worldName, long seed,
                                                    Explorer.Failure failure) {
        String description = "counterexample from ./multilink check --design " + design.name() + " --seed " + seed
                + ": " + failure.violation() + " (minimised from " + failure.original().size() + " steps to "
                + failure.trace().size() + ")";
        return of(design, worldName, baseName(design.name(), seed), description, failure.trace(),
                failure.violation().invariant());
    }

    /**
     * Every form of the counterexample {@code trace}, which must replay on the
     * Java model to a violation of {@code invariant} (a new one, or, for TLC
     * runs of a findings configuration, a known finding of the design).
     */
    public static Either<String, Counterexample> of(Design design, String worldName, String base,
                                                    String description, List<Step> trace, String invariant) {
        var world = Scenarios.world(worldName);
        Checker.Run run = Checker.run(design, world, trace);
        Scenario scenario = TraceScenario.of(design.name(), worldName, world, run, description);
        String json = ScenarioJson.write(scenario);
        // replay what will be written, exactly as `run` will, so a trace that does not reproduce is never written
        Either<ScenarioError, Scenario> back = ScenarioJson.parse(json);
        if (back.isLeft()) {
            return Either.left("the written trace does not parse back: " + back.getLeft().render(base));
        }
        var loaded = Scenarios.resolve(back.get(), new DesignCatalogue(List.of(design)));
        if (loaded.isLeft()) {
            return Either.left("the written trace does not resolve: " + loaded.getLeft().render(base));
        }
        Replay.Result replay = Replay.run(loaded.get());
        boolean reproduces = replay.verdict() instanceof Verdict.Broken
                || !((Verdict.Clean) replay.verdict()).known().isEmpty();
        if (!reproduces || !replay.steps().last().violations().exists(v -> v.invariant().equals(invariant))) {
            return Either.left("the trace does not replay to " + invariant + " but to "
                    + ReplayReport.verdict(replay.verdict()));
        }
        ReplayReport report = ReplayReport.of(replay);
        String dot = StateDot.render(replay.finalState(), replay.steps().last().violations(),
                design.name() + " after step " + replay.steps().size() + ": " + invariant);
        Map<String, String> files = LinkedHashMap.<String, String>empty()
                .put(base + ".trace.json", json)
                .put(base + ".table.txt", report.table())
                .put(base + ".dot", dot);
        List<String> notes = List.empty();
        Option<Path> dotExe = Graphviz.dotOnPath();
        if (dotExe.isDefined()) {
            var svg = Graphviz.svg(dotExe.get(), dot);
            if (svg.isSuccess()) {
                files = files.put(base + ".svg", svg.get());
            } else {
                notes = notes.append("no SVG: " + svg.getCause().getMessage());
            }
        } else {
            notes = notes.append("no SVG: graphviz `dot` is not on PATH");
        }
        Either<String, Map<String, String>> tla = TlaTrace.files(design, world, run, base, description);
        if (tla.isRight()) {
            files = files.merge(tla.get());
        } else {
            notes = notes.append(tla.getLeft());
        }
        return Either.right(new Counterexample(files, notes));
    }

    /** Writes every form under {@code dir}, each atomically; the paths written, or the first failure. */
    public Either<String, List<Path>> writeTo(Path dir) {
        return AtomicFiles.writeAll(dir, files);
    }

    /** Every file of one counterexample starts with this; the trace adds {@code .trace.json}. */
    public static String baseName(String design, long seed) {
        return design + "-seed" + seed;
    }
}
