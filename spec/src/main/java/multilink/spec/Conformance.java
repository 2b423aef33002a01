package multilink.spec;

import io.vavr.control.Either;
import multilink.model.design.Design;
import multilink.spec.bounds.Bounds;
import multilink.spec.bounds.StepSpace;
import multilink.spec.graph.JavaExplorer;
import multilink.spec.graph.TlcGraph;
import multilink.spec.tlc.TlcProgress;
import multilink.spec.tlc.Workspace;

import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Entry points for holding the Java model to the spec (see spec/README.md,
 * "API"). A Left is a check that could not run (TLC failed, output
 * unreadable); a disagreement is a Right whose report names the first
 * difference.
 */
public final class Conformance {
    private Conformance() {
    }

    /** The exhaustive check at the design's default bounds. */
    public static Either<String, ConformanceReport> exhaustive(Design design) {
        return graphs(design, RunConfig.defaultFor(design), true, (f, t) -> t, p -> { }).map(GraphComparison::exhaustive);
    }

    /** Invariant agreement on every state of the default graphs. */
    public static Either<String, ConformanceReport> invariants(Design design) {
        return graphs(design, RunConfig.defaultFor(design), true, (f, t) -> t, p -> { }).map(GraphComparison::invariants);
    }

    /**
     * Both graphs of a run, for {@link GraphComparison#exhaustive()} and
     * {@link GraphComparison#invariants()}. With {@code check} TLC also checks
     * the config's invariants and property on the way (the graph run is then
     * the design's TLC run too; a violation is a Left). {@code specPatch} maps
     * each spec file's name and text to the text TLC sees (identity for the
     * real spec).
     */
    public static Either<String, GraphComparison> graphs(Design design, RunConfig config, boolean check,
                                                         BiFunction<String, String, String> specPatch,
                                                         Consumer<TlcProgress> progress) {
        long t0 = System.nanoTime();
        Either<String, SpecDesign> sd = SpecDesign.of(design).toEither("the spec has no module for " + design.name());
        if (sd.isLeft()) {
            return Either.left(sd.getLeft());
        }
        StepSpace space = StepSpace.of(design, Bounds.of(design, config));
        // TLC first: its graph's size bounds the model's exploration (one state more shows they differ)
        return Workspace.create(sd.get().mcModule() + "Graph", Tlc.withSwitches(sd.get(), specPatch))
                .flatMap(dir -> TlcGraph.explore(dir, sd.get(), config, space, check, progress))
                .map(run -> new GraphComparison(design.name(), space,
                        JavaExplorer.explore(design, space, run.graph().size() + 1), run.graph(),
                        (System.nanoTime() - t0) / 1e9, run.tlc().seconds()));
    }
}
