package multilink.spec.tlc;

import io.vavr.collection.List;
import io.vavr.control.Either;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * TLC's own distributed mode on one machine: a {@code TLCServer} child JVM
 * holding the queue and the fingerprint set, and {@code workers} child JVMs
 * of {@code TLCWorker}, each with {@code threads} threads, that compute
 * successors and talk to the server over RMI. The server reads the same
 * {@code -tool} options as TLC and prints the same messages, so its result
 * is parsed like a single run's. More machines join by running a
 * {@code TLCWorker} there with the server's host name and port (spec/README.md).
 */
public final class DistributedTlc {
    private static final String SERVER = "tlc2.tool.distributed.TLCServer";
    private static final String WORKER = "tlc2.tool.distributed.TLCWorker";

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

    public static Either<String, TlcResult> run(Path dir, String module, String config, Workers workers,
                                                Consumer<TlcProgress> progress) {
        Either<String, Path> jar = TlcProcess.jar();
        if (jar.isLeft()) {
            return Either.left(jar.getLeft());
        }
        Either<String, Integer> port = freePort();
        if (port.isLeft()) {
            return Either.left(port.getLeft());
        }
        String portProp = "-D" + SERVER + ".port=" + port.get();
        List<String> server = List.of(java(), "-XX:+UseParallelGC", "-Djava.io.tmpdir=" + dir, portProp,
                "-cp", jar.get().toString(), SERVER, "-tool", "-config", config + ".cfg",
                "-metadir", dir.resolve("meta").toString(), module);
        ToolOutput out = new ToolOutput(line -> { }, progress);
        Process s;
        try {
            s = new ProcessBuilder(server.asJava()).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Either.left("cannot start the TLC server: " + e.getMessage());
        }
        java.util.List<Process> started = new java.util.ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (started.isEmpty() && line.startsWith("TLC server at ") && line.contains(" is ready")) {
                    for (int i = 0; i < workers.processes(); i++) {
                        started.add(worker(dir, jar.get(), portProp, workers.threads(), i));
                    }
                }
                out.line(line);
            }
            int exit = s.waitFor();
            for (Process w : started) {
                // a worker says goodbye and exits once the server is done; one that hangs is not waited for
                if (!w.waitFor(30, TimeUnit.SECONDS)) {
                    w.destroyForcibly();
                }
            }
            return started.isEmpty() && exit == 0
                    ? Either.left("the TLC server finished before any worker joined")
                    : out.result(exit);
        } catch (IOException | RuntimeException e) {
            return Either.left("running distributed TLC failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left("interrupted while distributed TLC ran");
        } finally {
            s.destroyForcibly();
            started.forEach(Process::destroyForcibly);
        }
    }

    private static Process worker(Path dir, Path jar, String portProp, int threads, int index) throws IOException {
        List<String> cmd = List.of(java(), "-XX:+UseParallelGC", "-Djava.io.tmpdir=" + dir, portProp,
                "-D" + WORKER + ".threadCount=" + threads, "-cp", jar.toString(), WORKER, "localhost");
        return new ProcessBuilder(cmd.asJava()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker-" + index + ".log").toFile()).start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
