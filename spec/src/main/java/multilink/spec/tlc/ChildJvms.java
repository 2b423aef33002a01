package multilink.spec.tlc;

import java.util.function.Supplier;

/**
 * TLC's JVMs end with the JVM that started them. A SIGTERM to the cli would
 * otherwise leave TLC running, writing checkpoints into the run directory
 * that a {@code --recover} is about to continue from (SIGKILL cannot be
 * caught: the killed run then keeps its TLC until TLC's output pipe breaks).
 */
final class ChildJvms {
    private ChildJvms() {
    }

    /** Kills what {@code processes} gives when this JVM exits, until {@link #release}. */
    static Thread killOnExit(Supplier<java.util.List<Process>> processes) {
        Thread hook = new Thread(() -> processes.get().forEach(Process::destroyForcibly), "tlc-child-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already exiting: the children go with the pipes
        }
        return hook;
    }

    /**
     * Runs a started child JVM to its end: each line it prints goes to
     * {@code lines}, and it (with whatever {@code others} gives) is killed if
     * this JVM exits first. The child's exit code, or why its output could not
     * be read ({@code what} names the child in that line); the child is gone
     * either way when this returns.
     */
    static io.vavr.control.Either<String, Integer> run(Process p, String what, java.util.function.Consumer<String> lines,
                                                       Supplier<java.util.List<Process>> others) {
        Thread hook = killOnExit(() -> {
            java.util.List<Process> all = new java.util.ArrayList<>(others.get());
            all.add(p);
            return all;
        });
        try (java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.accept(line);
            }
            return io.vavr.control.Either.right(p.waitFor());
        } catch (java.io.IOException | RuntimeException e) {
            return io.vavr.control.Either.left("reading " + what + "'s output failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return io.vavr.control.Either.left("interrupted while " + what + " ran");
        } finally {
            p.destroyForcibly();
            release(hook);
        }
    }

    static void release(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // exiting: the hook runs anyway
        }
    }
}
