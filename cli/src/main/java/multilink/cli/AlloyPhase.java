package multilink.cli;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.properties.StepGen;
import multilink.spec.alloy.AlloyChecks;
import multilink.spec.alloy.AlloyResult;

import java.io.PrintWriter;

/**
 * check's Alloy phase (spec/README.md, "Alloy"): keys.als (distinct attach
 * targets get distinct trampoline keys, per design), refs.als (the model's
 * reference invariants imply no dangling reference; satisfiable; each one
 * needed), and the link: states the model reaches on check's own random steps
 * (StepGen, check's seed) judged by refs.als. One row per command. A known
 * finding (H10, sdt-observer's SDT keys) is listed with its ids and does not
 * fail check; an unexpected collision, a counterexample or a disagreement is
 * a violation, printed as objects and references.
 */
final class AlloyPhase {
    static final String TASK = "alloy";

    /** The phase's results, or the one-line reason Alloy could not run. */
    record Result(List<AlloyResult> results, String error) {
        List<String[]> rows() {
            if (error != null) {
                return List.<String[]>of(new String[]{TASK, "-", "-", "-", "-", "-", "ERROR"});
            }
            return results.map(r -> new String[]{TASK, r.name(), r.scope(), r.time(), r.result(),
                    r.status() == AlloyResult.Status.KNOWN ? "known finding " + r.finding() : r.finding(),
                    r.status() == AlloyResult.Status.VIOLATION ? r.verdict() : "clean"});
        }

        /** Prints what a reader needs (known findings' ids, violations readably); the exit code of the phase. */
        int report(PrintWriter out, PrintWriter err) {
            if (error != null) {
                err.println("multilink: check: alloy: " + error);
                return Main.EXIT_INTERNAL;
            }
            for (AlloyResult r : results.filter(r -> r.status() != AlloyResult.Status.CLEAN)) {
                out.println("alloy: " + r.detail().stripTrailing());
            }
            out.flush();
            return results.exists(AlloyResult::violation) ? Main.EXIT_VIOLATION : Main.EXIT_OK;
        }
    }

    private AlloyPhase() {
    }

    /** The link judges the states of the designs check explores: each, and each with its fixes on. */
    static Result run(List<Design> chosen, long seed, PrintWriter err) {
        List<Design> designs = chosen.flatMap(x -> x.knownFindings().isEmpty() ? List.of(x) : List.of(x, x.withFixes()));
        err.println("check: Alloy: keys.als, refs.als, and " + AlloyChecks.STATES + " states the model reaches ("
                + AlloyChecks.CHAINS + " chains x " + AlloyChecks.LENGTH + " steps per design, seed " + seed
                + ") judged by refs.als");
        err.flush();
        long t0 = System.nanoTime();
        try {
            List<AlloyResult> results = AlloyChecks.run(designs, Scenarios.world(CheckCommand.EXPLORE_WORLD),
                    d -> StepGen.of(d)::next, seed, part -> { });
            err.printf(java.util.Locale.ROOT, "check: Alloy: %d commands and %d model states in %.1f s%n",
                    results.size() - 1, AlloyChecks.STATES, (System.nanoTime() - t0) / 1e9);
            err.flush();
            return new Result(results, null);
        } catch (RuntimeException e) {
            return new Result(List.empty(), String.valueOf(e.getMessage()));
        }
    }
}
