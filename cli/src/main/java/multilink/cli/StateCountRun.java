package multilink.cli;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.spec.RunConfig;
import multilink.spec.SpecDesign;
import multilink.spec.StateManifest;
import multilink.spec.bounds.Bounds;
import multilink.spec.bounds.StepSpace;
import multilink.spec.graph.StateCount;
import multilink.spec.graph.StateCounter;

import java.io.PrintWriter;

/**
 * {@code ./multilink tlc --count}: the size of a run's state space, counted
 * on the Java model over TLC's step space (the exhaustive conformance holds
 * the two graphs equal at the default bounds) with a fingerprint per state
 * and no edges, so that a deep run TLC takes hours over can be sized in
 * minutes: its distinct states, transitions (TLC's generated minus one) and
 * depth, from which TLC's time follows at TLC's measured rate. Writes no
 * file.
 */
final class StateCountRun {
    /** Seconds between progress lines. */
    static final double EVERY_SECONDS = 10;

    private StateCountRun() {
    }

    /** Counts each design's run (its fixes on, as TLC checks it); the table on stdout, progress on stderr. */
    static int run(List<Design> chosen, TlcCommand.Chosen c, int threads, StateManifest manifest, PrintWriter out,
                   PrintWriter err) throws InterruptedException {
        TextTable table = TextTable.of("design", "config", "distinct", "transitions", "generated", "depth",
                "seconds", "distinct/s", "transitions/s");
        List<String> notes = List.empty();
        for (Design asked : chosen) {
            Design d = c.checked(asked);
            if (SpecDesign.of(d).isEmpty()) {
                table = table.row(d.name(), c.label(), "-", "-", "-", "-", "-", "-", "n/a: no TLA+ module yet");
                continue;
            }
            RunConfig run = c.run().apply(d);
            err.println("tlc: count: " + d.name() + ", config " + c.label() + " (" + run.maxProgs() + " progs, "
                    + run.maxLinks() + " links), the model over TLC's step space, " + threads + " thread(s)");
            err.flush();
            StateCount n = StateCounter.count(d, StepSpace.of(d, Bounds.of(d, run)), threads, EVERY_SECONDS, p -> {
                synchronized (err) {
                    err.printf("tlc: count: %s: level %d, %d distinct, %d transitions, %d in the level, %.0f s, "
                                    + "%.0f distinct/s%n", d.name(), p.level(), p.distinct(), p.transitions(),
                            p.frontier(), p.seconds(), p.seconds() > 0 ? p.distinct() / p.seconds() : 0);
                    err.flush();
                }
            });
            table = table.row(d.name(), c.label(), String.valueOf(n.distinct()), String.valueOf(n.transitions()),
                    String.valueOf(n.generated()), String.valueOf(n.depth()), String.format("%.1f", n.seconds()),
                    String.format("%.0f", n.distinctPerSecond()), String.format("%.0f", n.transitionsPerSecond()));
            notes = notes.append(manifest.judge(d, run, n.distinct()) + "; two states sharing a fingerprint: "
                    + String.format("chance at most %.1e", n.collisionBound()));
        }
        out.print(table.render());
        notes.forEach(l -> out.println("  " + l));
        out.flush();
        return Main.EXIT_OK;
    }
}
