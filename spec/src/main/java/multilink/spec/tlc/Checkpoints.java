package multilink.spec.tlc;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.nio.file.Path;

/**
 * How often TLC writes a checkpoint of its queue and fingerprint set, and the
 * checkpoint a run continues from. TLC takes {@code -checkpoint} in whole
 * minutes (default 30) and reads the system property
 * {@code tlc2.TLCGlobals.chkpt} in milliseconds as its default
 * (tlc2.TLCGlobals' static initialiser), so the interval is passed as that
 * property: a test can ask for seconds. One TLC process looks at the clock
 * 3 s after it starts and then once a minute (AbstractChecker.runTLC,
 * ModelChecker.runTLCContinueDoing); the distributed server once per
 * {@code tlc2.tool.distributed.TLCServer.report} milliseconds (60 s).
 * {@code -recover DIR} reads DIR and writes further checkpoints there. A
 * continued run must hash states as the killed one did: one TLC process
 * picks a random fingerprint polynomial ({@code -fp}) per run, and with
 * another one the fingerprints in the checkpoint match nothing, so every
 * state seen before the kill is explored and counted again (measured: 1,916
 * distinct states instead of 1,836; tlaplus/tlaplus#1444). So every run
 * names polynomial {@value #FP} (the distributed server's default). A
 * continued one-process run also needs the killed run's worker count (its
 * trace is a file per worker).
 *
 * @param millis  the interval; 0 turns checkpoints off
 * @param recover the checkpoint directory ({@code meta/<date>} of a killed run) to continue from
 */
public record Checkpoints(long millis, Option<Path> recover) {
    /** The fingerprint polynomial every run uses (TLC's {@code -fp}), so that any run can be continued. */
    public static final int FP = 0;

    /** TLC's own interval when none is given ({@code -checkpoint}'s default). */
    public static final int DEFAULT_MINUTES = 30;

    /** TLC's own default: every 30 minutes, a fresh run. */
    public static final Checkpoints DEFAULT = every(DEFAULT_MINUTES);

    public Checkpoints {
        if (millis < 0) {
            throw new IllegalArgumentException("a checkpoint interval is not negative");
        }
    }

    public static Checkpoints every(int minutes) {
        return new Checkpoints(minutes * 60_000L, Option.none());
    }

    public Checkpoints recoverFrom(Path dir) {
        return new Checkpoints(millis, Option.of(dir));
    }

    /** Options for the TLC JVM. */
    List<String> jvmArgs() {
        return List.of("-Dtlc2.TLCGlobals.chkpt=" + millis);
    }

    /** Options for TLC (or its server) itself. */
    List<String> tlcArgs() {
        return List.of("-fp", Integer.toString(FP))
                .appendAll(recover.map(d -> List.of("-recover", d.toAbsolutePath().toString())).getOrElse(List.empty()));
    }
}
