package multilink.cli;

import io.vavr.collection.List;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Independent tasks on one thread per core; results come back in task order, so output never depends on timing. */
final class Parallel {
    private Parallel() {
    }

    static <T> List<T> run(String threadName, List<Callable<T>> tasks) throws InterruptedException, ExecutionException {
        int threads = Math.max(1, Math.min(tasks.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            // a user's ^C must not wait for a worker
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = tasks.map(pool::submit);
            List<T> out = List.empty();
            for (Future<T> f : futures) {
                out = out.append(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
