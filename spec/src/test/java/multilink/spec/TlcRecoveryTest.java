package multilink.spec;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Designs;
import multilink.spec.tlc.Checkpoints;
import multilink.spec.tlc.DistributedTlc;
import multilink.spec.tlc.TlcJob;
import multilink.spec.tlc.TlcProcess;
import multilink.spec.tlc.TlcProgress;
import multilink.spec.tlc.TlcResult;
import multilink.spec.tlc.TlcWatch;
import multilink.spec.tlc.Workspace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed after a checkpoint and continued with TLC's -recover ends
 * with the distinct states of a run that was never stopped, in one TLC
 * process and as a TLC server. The killed run gets SIGKILL (the server: at
 * its first progress report after a checkpoint with states on the queue; one
 * process: at its first checkpoint, 3 s into the search, so its bounds are
 * larger); the continued one starts from more than the initial state. The
 * uninterrupted run runs meanwhile.
 */
class TlcRecoveryTest {
    static final RunConfig SMALL = RunConfig.DEFAULT.withLimits(1, 2);

    @Test
    void aKilledRunContinuesFromItsCheckpointToTheSameStates() {
        RunConfig bounds = RunConfig.DEFAULT.withLimits(2, 1);
        var classic = Designs.byName("classic+fixes").get();
        var whole = CompletableFuture.supplyAsync(() -> Tlc.check(classic, bounds, 1, p -> { }));
        Either<String, TlcJob> job = Tlc.prepare(classic, bounds, (f, t) -> t, Workspace.base(), "-recovery");
        assertTrue(job.isRight(), () -> job.getLeft());
        AtomicReference<Path> checkpoint = new AtomicReference<>();
        TlcWatch killer = new TlcWatch(p -> { }, cp -> {
            checkpoint.set(cp);
            kill("tlc2.TLC", job.get());
        }, line -> { });
        Either<String, TlcResult> killed = TlcProcess.run(job.get(), 1, new Checkpoints(1_000, Option.none()),
                List.empty(), killer);
        assertTrue(checkpoint.get() != null, () -> "the run ended before its first checkpoint: " + killed);
        assertTrue(killed.isLeft(), () -> "a killed run has no result: " + killed);

        List<TlcProgress>[] seen = new List[]{List.empty()};
        Either<String, TlcResult> resumed = TlcProcess.run(job.get(), 1, Checkpoints.DEFAULT.recoverFrom(
                checkpoint.get()), List.empty(), TlcWatch.progress(p -> seen[0] = seen[0].append(p)));
        assertTrue(resumed.isRight(), () -> resumed.getLeft());
        assertTrue(resumed.get().passed(), () -> resumed.get().toString());
        assertTrue(seen[0].head().distinct() > 1, () -> "it started from the initial state: " + seen[0]);
        Either<String, TlcResult> w = whole.join();
        assertTrue(w.isRight(), () -> w.getLeft());
        assertEquals(w.get().distinct(), resumed.get().distinct(), "the states seen before the kill count once");
    }

    /** SIGKILL to the children of this JVM that run {@code mainClass} in {@code job}'s directory. */
    private static void kill(String mainClass, TlcJob job) {
        ProcessHandle.current().children()
                .filter(h -> {
                    List<String> words = List.of(h.info().commandLine().orElse("").split(" "));
                    return words.contains(mainClass) && words.contains("-Djava.io.tmpdir=" + job.dir());
                })
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aKilledServerRunContinuesFromItsCheckpointToTheSameStates() {
        var classic = Designs.byName("classic+fixes").get();
        var whole = CompletableFuture.supplyAsync(() -> Tlc.check(classic, SMALL, 1, p -> { }));

        Either<String, TlcJob> job = Tlc.prepare(classic, SMALL, (f, t) -> t, Workspace.base(), "-recovery");
        assertTrue(job.isRight(), () -> job.getLeft());
        Checkpoints everySecond = new Checkpoints(1_000, Option.none());
        AtomicReference<Path> checkpoint = new AtomicReference<>();
        AtomicReference<TlcProgress> killedAt = new AtomicReference<>();
        TlcWatch killer = new TlcWatch(p -> {
            if (checkpoint.get() != null && killedAt.get() == null && p.distinct() > 1 && p.queue() > 0) {
                killedAt.set(p);
                kill("tlc2.tool.distributed.TLCServer", job.get());
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
        Either<String, TlcResult> w = whole.join();
        assertTrue(w.isRight(), () -> w.getLeft());
        assertEquals(w.get().distinct(), resumed.get().distinct());
    }
}
