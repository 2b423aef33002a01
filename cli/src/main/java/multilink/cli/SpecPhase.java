package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.spec.Conformance;
import multilink.spec.ConformanceReport;
import multilink.spec.GraphComparison;
import multilink.spec.RunConfig;
import multilink.spec.SpecDesign;
import multilink.spec.Tlc;
import multilink.spec.tlc.TlcProgress;
import multilink.spec.tlc.TlcResult;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * The spec's part of {@code check} and {@code tlc}: TLC on a design's
 * configuration and the exhaustive model/spec conformance, each one row of
 * the closing table.
 */
final class SpecPhase {
    static final String TLC = "tlc";
    static final String CONFORMANCE = "conformance";

    private SpecPhase() {
    }

    /** TLC on the chosen configuration; a user's .cfg text replaces the design's default MC config. */
    static Either<String, TlcResult> tlc(Design d, TlcCommand.Chosen c, int workers, Consumer<TlcProgress> progress) {
        return Tlc.check(d, c.run().apply(d), workers, patch(d, c), progress);
    }

    /** The spec's files as the chosen configuration has them: a user's .cfg text in place of the default one. */
    static java.util.function.BiFunction<String, String, String> patch(Design d, TlcCommand.Chosen c) {
        RunConfig rc = c.run().apply(d);
        String cfgName = SpecDesign.of(d).map(sd -> sd.configName(rc) + ".cfg").getOrElse("");
        return (file, text) -> c.cfgText().isDefined() && file.equals(cfgName) ? c.cfgText().get() : text;
    }

    /**
     * At most one progress line every few seconds on stderr, as check's other
     * phases do. The rate is the one the closing rows use: distinct states
     * per second of wall time since the run started (TLC's own figure counts
     * from its own start, after the JVM's).
     */
    static Consumer<TlcProgress> progressTo(PrintWriter err, String design) {
        long start = System.nanoTime();
        long[] last = {start};
        return p -> {
            long now = System.nanoTime();
            if (now - last[0] > 5_000_000_000L) {
                last[0] = now;
                synchronized (err) {
                    err.printf("tlc: %s: %d distinct states, %d generated, queue %d, %.0f distinct/s%n", design,
                            p.distinct(), p.generated(), p.queue(), p.distinct() / ((now - start) / 1e9));
                    err.flush();
                }
            }
        };
    }

    /**
     * The spec phase of one design: TLC's run at the default bounds, or with
     * {@code conformance} the exhaustive graph run (which is also the
     * design's TLC run), or, when TLC stopped on a violation there, TLC's own
     * run with the trace; or why none ran.
     */
    record Result(String design, Option<GraphComparison> graphs, Option<TlcResult> tlc, Option<String> error) {
        boolean clean() {
            return error.isEmpty() && (graphs.isDefined()
                    ? graphs.get().exhaustive().agrees() && graphs.get().invariants().agrees()
                    : tlc.exists(TlcResult::passed));
        }

        boolean failedToRun() {
            return error.isDefined();
        }

        Option<TlcResult> violated() {
            return tlc.filter(t -> !t.passed());
        }

        Option<String> difference() {
            return graphs.flatMap(g -> g.exhaustive().difference().orElse(g.invariants().difference()));
        }

        List<String[]> rows() {
            if (error.isDefined()) {
                return List.<String[]>of(new String[]{TLC, design, "-", "-", "-", "-", "ERROR: " + error.get()});
            }
            if (tlc.isDefined()) {
                TlcResult r = tlc.get();
                // transitions = TLC's "states generated" less the initial state, which TLC counts too
                return List.<String[]>of(r.passed()
                        ? new String[]{TLC, design, r.distinct() + " states", (r.generated() - 1) + " transitions",
                                String.format("%.0f distinct/s", r.statesPerSecond()), "every invariant", "clean"}
                        : new String[]{TLC, design, r.distinct() + " states", r.generated() + " generated",
                                String.format("%.0f distinct/s", r.statesPerSecond()), "depth " + r.depth(),
                                "VIOLATION " + r.violation().get().name()});
            }
            GraphComparison g = graphs.get();
            ConformanceReport ex = g.exhaustive();
            ConformanceReport inv = g.invariants();
            return List.of(
                    new String[]{TLC, design, ex.states() + " states", ex.edges() + " transitions",
                            String.format("%.0f distinct/s", ex.states() / Math.max(ex.tlcSeconds(), 1e-3)),
                            "every invariant", "clean"},
                    new String[]{CONFORMANCE, design, ex.states() + " states", ex.edges() + " edges",
                            String.format("%.1f s", ex.seconds()), "graphs 1:1, invariant verdicts",
                            ex.agrees() && inv.agrees() ? "clean" : "DIFFERENCE"});
        }
    }

    /**
     * TLC at the design's default bounds; with {@code conformance}, one graph
     * run serves TLC and both exhaustive conformance checks (about half as
     * long again as TLC alone, and the Java model's exploration on top).
     */
    static Result run(Design d, boolean conformance, Consumer<TlcProgress> progress) {
        RunConfig rc = RunConfig.defaultFor(d);
        if (!conformance) {
            return plain(d, rc, progress);
        }
        Either<String, GraphComparison> g = Conformance.graphs(d, rc, true, (f, t) -> t, progress);
        if (g.isRight()) {
            return new Result(d.name(), Option.of(g.get()), Option.none(), Option.none());
        }
        // the graph run stops on a violation without a usable trace: rerun plain TLC for it
        Result plain = plain(d, rc, progress);
        return plain.violated().isDefined() ? plain
                : new Result(d.name(), Option.none(), Option.none(), Option.of(g.getLeft()));
    }

    private static Result plain(Design d, RunConfig rc, Consumer<TlcProgress> progress) {
        Either<String, TlcResult> t = Tlc.check(d, rc, 1, progress);
        return t.isRight() ? new Result(d.name(), Option.none(), Option.of(t.get()), Option.none())
                : new Result(d.name(), Option.none(), Option.none(), Option.of(t.getLeft()));
    }
}
