package multilink.cli;

import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;

/**
 * A scenario or counterexample file, the one format for both.
 *
 * @param description     free text for readers
 * @param design          the design's name ("olsa-v3")
 * @param world           "default", "small", "explore" (the default world with BPF_MAX_TRAMP_LINKS 2) or
 *                        "tlc" (small plus target prog 1 with subprog_a: the TLC runs' world)
 * @param badFds          names that deliberately never bind: they stand for fds
 *                        that were never valid, so the syscall sees EBADF
 * @param steps           the syscalls in order
 * @param expectViolation the invariants the run is expected to break (at whichever step)
 */
public record Scenario(Option<String> description, String design, String world, List<String> badFds,
                       List<ScenarioStep> steps, Option<SortedSet<String>> expectViolation) {

    public Scenario withDesign(String d) {
        return new Scenario(description, d, world, badFds, steps, expectViolation);
    }
}
