package multilink.cli;

import java.io.PrintWriter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress of long phases on stderr, at most one line every few seconds, so
 * CI logs show the job is alive without drowning in carriage returns. Also
 * times each design for the steps/s column.
 */
final class Progress {
    private static final long EVERY_NS = 5_000_000_000L;

    private final PrintWriter err;
    private final int chains;
    private final ConcurrentHashMap<String, Long> started = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> elapsed = new ConcurrentHashMap<>();
    private long lastPrint = System.nanoTime();

    Progress(PrintWriter err, int chains) {
        this.err = err;
        this.chains = chains;
    }

    void start(String design) {
        started.put(design, System.nanoTime());
    }

    void finish(String design) {
        elapsed.put(design, System.nanoTime() - started.get(design));
    }

    synchronized void chain(String design, int done) {
        long now = System.nanoTime();
        if (now - lastPrint >= EVERY_NS) {
            lastPrint = now;
            err.println("check: " + design + " " + done + "/" + chains + " chains");
            err.flush();
        }
    }

    String rate(String design, long steps) {
        Long ns = elapsed.get(design);
        return ns == null || ns == 0 ? "-" : String.valueOf(Math.round(steps / (ns / 1e9)));
    }
}
