package multilink.spec.graph;

import multilink.model.design.Design;
import multilink.model.state.KState;
import multilink.spec.bounds.StepSpace;
import multilink.spec.canon.CanonicalState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * {@link JavaExplorer}'s breadth-first search over the same steps and
 * canonical states, counting instead of recording: it keeps a fingerprint of
 * every state seen ({@link FingerprintSet}) and the states of the last few
 * levels, and no edge. That is what a run TLC cannot
 * finish in CI needs to be sized (spec/README.md, "Deep runs"): JavaExplorer
 * keeps every transition and ran out of an 8 GB heap on the deep bounds.
 * Most transitions are failed syscalls back to the same state, and most of
 * the rest lead to a state of a recent level: those are told by the model's
 * own equality, so only the others are rendered to canonical text and
 * fingerprinted.
 */
public final class StateCounter {
    private StateCounter() {
    }

    /** Where a count is: the level being expanded (the initial state's is 1) and the totals so far. */
    public record Progress(int level, long distinct, long transitions, long frontier, double seconds) {
    }

    /**
     * Counts the run's distinct states, transitions and depth, expanding
     * each level with {@code threads} threads, and hands a progress line to
     * {@code progress} every {@code everySeconds}.
     */
    public static StateCount count(Design design, StepSpace space, int threads, double everySeconds,
                                   Consumer<Progress> progress) throws InterruptedException {
        long t0 = System.nanoTime();
        Successors successors = new Successors(design, space);
        KState init = KState.initial(space.bounds().world());
        FingerprintSet seen = new FingerprintSet(1 << 16);
        seen.add(FingerprintSet.of(CanonicalState.key(init)));
        LongAdder transitions = new LongAdder();
        HashSet<KState> first = new HashSet<>();
        first.add(Successors.normalised(init));
        Level[] now = {new Level(1, java.util.List.of(init), java.util.List.of(first))};
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("count-progress"));
        long every = Math.max(1, Math.round(everySeconds * 1000));
        clock.scheduleAtFixedRate(() -> {
            long distinct;
            synchronized (seen) {
                distinct = seen.size();
            }
            Level l = now[0];
            progress.accept(new Progress(l.depth, distinct, transitions.sum(), l.frontier.size(),
                    (System.nanoTime() - t0) / 1e9));
        }, every, every, TimeUnit.MILLISECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("count-worker"));
        try {
            while (true) {
                Level level = now[0];
                ConcurrentHashMap<KState, Boolean> found = new ConcurrentHashMap<>();
                ArrayList<KState> next = new ArrayList<>();
                AtomicInteger cursor = new AtomicInteger();
                ArrayList<Future<?>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    parts.add(pool.submit(() -> expand(level, cursor, successors, seen, found, next, transitions)));
                }
                for (Future<?> f : parts) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
                if (next.isEmpty()) {
                    break;
                }
                // the oldest level drops out of the cache; its states stay in the fingerprint set
                ArrayList<HashSet<KState>> recent = new ArrayList<>();
                recent.add(new HashSet<>(found.keySet()));
                recent.addAll(level.recent.subList(0, Math.min(WINDOW - 1, level.recent.size())));
                now[0] = new Level(level.depth + 1, next, recent);
            }
        } finally {
            pool.shutdownNow();
            clock.shutdownNow();
        }
        long distinct;
        synchronized (seen) {
            distinct = seen.size();
        }
        return new StateCount(distinct, transitions.sum(), now[0].depth, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * One level of the search: its states (each once, in no particular
     * order), and the normalised states of it and the levels before it, up
     * to {@link #WINDOW} levels in all, newest first.
     */
    private record Level(int depth, java.util.List<KState> frontier, java.util.List<HashSet<KState>> recent) {
        boolean has(KState norm) {
            for (HashSet<KState> l : recent) {
                if (l.contains(norm)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final int BLOCK = 64;

    /**
     * How many levels' states (the one being expanded and those before it;
     * the next level's are kept as they are found) tell a successor seen
     * without rendering it.
     * Measured on sdt-observer's default config (11,866 states): 2 levels
     * rendered 19,333 successors, 4 levels 14,639, 6 levels 13,859, all
     * 13,589 (some states with the same canonical text differ in the model);
     * rendering was two thirds of the time with 2. A level's states cost
     * little, since each shares most of its structure with its predecessor.
     */
    private static final int WINDOW = 8;

    /** A worker's share of a level: blocks of its states, until none is left. */
    private static void expand(Level level, AtomicInteger cursor, Successors successors, FingerprintSet seen,
                               ConcurrentHashMap<KState, Boolean> found, ArrayList<KState> next,
                               LongAdder transitions) {
        ArrayList<KState> mine = new ArrayList<>();
        long[] tried = {0};
        int n = level.frontier.size();
        for (int from = cursor.getAndAdd(BLOCK); from < n; from = cursor.getAndAdd(BLOCK)) {
            for (int k = from; k < Math.min(n, from + BLOCK); k++) {
                KState s = level.frontier.get(k);
                successors.of(s, (i, out) -> {
                    tried[0]++;
                    KState norm = Successors.normalised(out.state());
                    if (level.has(norm) || found.containsKey(norm)) {
                        return;
                    }
                    long fp = FingerprintSet.of(CanonicalState.key(out.state()));
                    boolean added;
                    synchronized (seen) {
                        added = seen.add(fp);
                    }
                    if (added) {
                        found.put(norm, Boolean.TRUE);
                        mine.add(out.state());
                    }
                });
            }
            transitions.add(tried[0]);
            tried[0] = 0;
        }
        synchronized (next) {
            next.addAll(mine);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
