package multilink.cli;

import java.io.PrintWriter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress of long phases on stderr, at most one line every few seconds, so
 * CI logs show the job is alive without drowning in carriage returns. Also
 * times each task (a design, or the x86 phase) for the rate column.
 */
final class Progress {
    private static final long EVERY_NS = 5_000_000_000L;

    private final PrintWriter err;
    private final int total;
    private final String unit;
    private final ConcurrentHashMap<String, Long> started = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> elapsed = new ConcurrentHashMap<>();
    private long lastPrint = System.nanoTime();

    /** {@code total} units (chains, batches) per task. */
    Progress(PrintWriter err, int total, String unit) {
        this.err = err;
        this.total = total;
        this.unit = unit;
    }

    void start(String task) {
        started.put(task, System.nanoTime());
    }

    void finish(String task) {
        elapsed.put(task, System.nanoTime() - started.get(task));
    }

    synchronized void advance(String task, int done) {
        long now = System.nanoTime();
        if (now - lastPrint >= EVERY_NS) {
            lastPrint = now;
            err.println("check: " + task + " " + done + "/" + total + " " + unit);
            err.flush();
        }
    }

    /** Work per second of a finished task, rounded; "-" before it finished. */
    String rate(String task, long work) {
        Long ns = elapsed.get(task);
        return ns == null || ns == 0 ? "-" : String.valueOf(Math.round(work / (ns / 1e9)));
    }
}
