package multilink.cli;

import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;
import multilink.model.world.World;

/**
 * A scenario or counterexample file, the one format for both.
 *
 * @param description     free text for readers
 * @param design          the design's name ("olsa-v3")
 * @param world           a preset's name ("default", "small", "explore": the default world with
 *                        BPF_MAX_TRAMP_LINKS 2, "tlc": small plus target prog 1 with subprog_a, the
 *                        TLC runs' world), or "inline" for a world the file defines
 * @param badFds          names that deliberately never bind: they stand for fds
 *                        that were never valid, so the syscall sees EBADF
 * @param steps           the syscalls in order
 * @param expectViolation the invariants the run is expected to break (at whichever step)
 * @param inline          the world the file defines itself ({@link WorldJson}), if it does
 */
public record Scenario(Option<String> description, String design, String world, List<String> badFds,
                       List<ScenarioStep> steps, Option<SortedSet<String>> expectViolation, Option<World> inline) {

    /** The world name for a world the file defines itself. */
    public static final String INLINE = "inline";

    public Scenario(Option<String> description, String design, String world, List<String> badFds,
                    List<ScenarioStep> steps, Option<SortedSet<String>> expectViolation) {
        this(description, design, world, badFds, steps, expectViolation, Option.none());
    }

    public Scenario withDesign(String d) {
        return new Scenario(description, d, world, badFds, steps, expectViolation, inline);
    }
}
