package multilink.spec.replay;

import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The walks' configs: the run's constants and VIEW, the walk as INIT and
 * NEXT, the run's invariants for the checked walk only, never its action
 * property; a config without a VIEW cannot keep the walk's counter out of the
 * state and is refused.
 */
class ReplayModuleTest {
    private static final String RUN = String.join("\n",
            "CONSTANTS",
            "    MaxProgs = 2",
            "INIT Init",
            "NEXT Next",
            "VIEW View",
            "INVARIANTS",
            "    REF_PROG NO_DANGLING",
            "    NO_UNDERFLOW",
            "PROPERTY FAILED_SYSCALL_CHANGES_NOTHING");

    @Test
    void theCheckedWalkKeepsTheInvariantsAndNoWalkKeepsTheProperty() {
        assertEquals(Either.right(String.join("\n",
                        "CONSTANTS", "    MaxProgs = 2", "INIT ReplayInit", "NEXT ReplayNext", "VIEW View",
                        "INVARIANTS", "    REF_PROG NO_DANGLING", "    NO_UNDERFLOW", "")),
                ReplayModule.config(RUN, "ReplayInit", "ReplayNext", true));
        assertEquals(Either.right(String.join("\n",
                        "CONSTANTS", "    MaxProgs = 2", "INIT CompactInit", "NEXT CompactNext", "VIEW View", "")),
                ReplayModule.config(RUN, "CompactInit", "CompactNext", false));
    }

    @Test
    void aConfigWithoutViewIsRefused() {
        assertEquals(Either.left("the run's config has no VIEW line; the walk needs one to leave replayAt out"),
                ReplayModule.config(RUN.replace("VIEW View\n", ""), "ReplayInit", "ReplayNext", true));
    }
}
