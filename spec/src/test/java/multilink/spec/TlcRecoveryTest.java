package multilink.spec;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Designs;
import multilink.spec.tlc.Checkpoints;
import multilink.spec.tlc.DistributedTlc;
import multilink.spec.tlc.TlcJob;
import multilink.spec.tlc.TlcProgress;
import multilink.spec.tlc.TlcResult;
import multilink.spec.tlc.TlcWatch;
import multilink.spec.tlc.Workspace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed after a checkpoint and continued with TLC's -recover ends
 * with the distinct states of a run that was never stopped. The killed run is
 * a TLC server (its checkpoint clock is looked at every second here, where
 * one TLC process looks first 3 s in, when a run this small is nearly done),
 * killed with SIGKILL at its first progress report after a checkpoint that
 * has states on the queue; the continued one starts from more than the
 * initial state.
 */
class TlcRecoveryTest {
    static final RunConfig SMALL = RunConfig.DEFAULT.withLimits(1, 2);

    @Test
    void aKilledServerRunContinuesFromItsCheckpointToTheSameStates() throws Exception {
        var classic = Designs.byName("classic+fixes").get();
        Either<String, TlcResult> whole = Tlc.check(classic, SMALL, 1, p -> { });
        assertTrue(whole.isRight(), () -> whole.getLeft());

        Either<String, TlcJob> job = Tlc.prepare(classic, SMALL, (f, t) -> t, Workspace.base(), "-recovery");
        assertTrue(job.isRight(), () -> job.getLeft());
        Checkpoints everySecond = new Checkpoints(1_000, Option.none());
        AtomicReference<Path> checkpoint = new AtomicReference<>();
        AtomicReference<TlcProgress> killedAt = new AtomicReference<>();
        TlcWatch killer = new TlcWatch(p -> {
            if (checkpoint.get() != null && killedAt.get() == null && p.distinct() > 1 && p.queue() > 0) {
                killedAt.set(p);
                // the server, not its workers: the children of this JVM that run TLCServer
                ProcessHandle.current().children()
                        .filter(h -> h.info().commandLine().orElse("").contains("tlc2.tool.distributed.TLCServer"))
                        .forEach(ProcessHandle::destroyForcibly);
            }
        }, checkpoint::set, line -> { });
        var served = new DistributedTlc.Serving(0, Option.none(), 1, 1, port -> { });
        Either<String, TlcResult> killed = DistributedTlc.serve(job.get(), served, everySecond, killer);
        assertTrue(killedAt.get() != null, () -> "the run ended before it was killed: " + killed);
        assertTrue(killed.isLeft(), () -> "a killed run has no result: " + killed);
        assertTrue(Files.isDirectory(checkpoint.get()), "the checkpoint is kept: " + checkpoint.get());

        List<TlcProgress>[] seen = new List[]{List.empty()};
        Either<String, TlcResult> resumed = DistributedTlc.serve(job.get(), served,
                everySecond.recoverFrom(checkpoint.get()), TlcWatch.progress(p -> seen[0] = seen[0].append(p)));
        assertTrue(resumed.isRight(), () -> resumed.getLeft());
        assertTrue(resumed.get().passed(), () -> resumed.get().toString());
        assertTrue(seen[0].head().distinct() > 1, () -> "it started from the initial state: " + seen[0]);
        assertEquals(whole.get().distinct(), resumed.get().distinct());
    }
}
