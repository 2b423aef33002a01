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

    static void release(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // exiting: the hook runs anyway
        }
    }
}
