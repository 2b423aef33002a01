package multilink.spec.replay;

import io.vavr.collection.List;
import io.vavr.control.Either;
import multilink.model.design.Design;
import multilink.spec.RunConfig;
import multilink.spec.Tlc;
import multilink.spec.tlc.TlcJob;
import multilink.spec.tlc.TlcProcess;
import multilink.spec.tlc.TlcResult;
import multilink.spec.tlc.Workspace;

import java.io.IOException;
import java.nio.file.Files;

/**
 * A design's run and three walks of the graph it found (ReplayModule), each
 * with one TLC worker: what TLC spends on the graph with the syscalls left
 * out, with and without the invariants, and over small integers instead of
 * the spec's values. Each walk must generate the states and find the
 * distinct states the run did, or there is no floor to speak of.
 *
 * @param run     the spec's own run, dumping its graph (TLC's -dump dot is slower than a plain run)
 * @param shaped  the walk over the spec's values, with the run's invariants
 * @param values  the same walk without invariants
 * @param compact the walk over small integers, without invariants
 */
public record TlcReplay(TlcResult run, TlcResult shaped, TlcResult values, TlcResult compact) {
    private static final String DUMP = "graph.dot";

    /** The run of {@code design} at {@code config} and its two walks; a Left says which of them failed and why. */
    public static Either<String, TlcReplay> of(Design design, RunConfig config) {
        return Tlc.prepare(design, config, (file, text) -> text, Workspace.base(), "-replay").flatMap(TlcReplay::of);
    }

    private static Either<String, TlcReplay> of(TlcJob job) {
        Either<String, TlcResult> run = TlcProcess.run(job.dir(), job.module(), job.config(), 1,
                List.of("-dump", "dot", DUMP), p -> { }, line -> { })
                .filterOrElse(r -> r.violation().isEmpty(), r -> "the run stopped at a violation: no whole graph to walk");
        if (run.isLeft()) {
            return Either.left(run.getLeft());
        }
        Either<String, String> config = readConfig(job);
        return config.flatMap(text -> readAndDrop(job.dir().resolve(DUMP))
                .flatMap(g -> ReplayModule.write(job.dir(), job.module(), text, g)))
                .flatMap(dir -> walk(job, ReplayModule.WITH_INVARIANTS, run.get())
                        .flatMap(shaped -> walk(job, ReplayModule.VALUES, run.get())
                                .flatMap(values -> walk(job, ReplayModule.COMPACT, run.get())
                                        .map(compact -> new TlcReplay(run.get(), shaped, values, compact)))));
    }

    /** The dump, read and then deleted: tens of megabytes a design that the tables written from it replace. */
    private static Either<String, StateGraphDump> readAndDrop(java.nio.file.Path dump) {
        Either<String, StateGraphDump> g = StateGraphDump.read(dump);
        try {
            Files.deleteIfExists(dump);
        } catch (IOException e) {
            return Either.left("cannot delete " + dump + ": " + e.getMessage());
        }
        return g;
    }

    private static Either<String, String> readConfig(TlcJob job) {
        try {
            return Either.right(Files.readString(job.dir().resolve(job.config() + ".cfg")));
        } catch (IOException e) {
            return Either.left("cannot read " + job.config() + ".cfg: " + e.getMessage());
        }
    }

    private static Either<String, TlcResult> walk(TlcJob job, String config, TlcResult run) {
        return TlcProcess.run(job.dir(), ReplayModule.NAME, config, 1, List.empty(), p -> { }, line -> { })
                .filterOrElse(w -> w.generated() == run.generated() && w.distinct() == run.distinct()
                                && w.violation().isEmpty(),
                        w -> config + " walked " + w.generated() + " generated / " + w.distinct()
                                + " distinct states" + (w.violation().isDefined() ? " and stopped at a violation" : "")
                                + ", the run " + run.generated() + " / " + run.distinct());
    }
}
