package multilink.properties;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.world.DefaultWorld;

/**
 * Checked model steps per second: random exploration with every invariant
 * after every step, on the calling thread (one core). A warm-up of the same
 * work first, then timed one-second rounds; prints the median. Run outside
 * {@code mvn test}: {@code ./multilink bench} or this main (pin it with
 * {@code taskset -c 0} to hold JIT and GC to the same core).
 */
public final class ModelBench {
    private ModelBench() {
    }

    /** Checked steps per second of one timed round: whole explorations of every design until the time is up. */
    private static double round(double seconds, long seed) {
        List<Design> designs = Designs.all();
        long steps = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long s = seed;
        while (System.nanoTime() < end) {
            for (Design d : designs) {
                steps += Explorer.explore(d, DefaultWorld.get(), s, 100, 30, c -> { }).steps();
            }
            s++;
        }
        return steps / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Median checked steps per second over {@code rounds} rounds of one
     * second, after {@code warmupSeconds} of the same work: on one core the
     * JIT needs several seconds before the model runs at its steady speed.
     */
    public static double stepsPerSecond(double warmupSeconds, int rounds, long seed) {
        round(warmupSeconds, seed);
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            rates[i] = round(1.0, seed + 1000L * (i + 1));
        }
        java.util.Arrays.sort(rates);
        return rates[rounds / 2];
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1L;
        for (Design d : Designs.all()) {
            Explorer.Report r = Explorer.explore(d, DefaultWorld.get(), seed, 1000, 30, c -> { });
            System.out.println(d.name() + ": " + r.steps() + " steps, known " + r.known() + ", errnos " + r.errnos()
                    + r.broken().map(b -> "\n  BROKEN " + b.violation() + "\n  trace: " + b.trace().mkString("\n    ", "\n    ", ""))
                    .getOrElse(""));
        }
        System.out.printf("checked steps/s (one thread, median of 5 one-second rounds after 10 s warm-up): %.0f%n",
                stepsPerSecond(10, 5, seed));
    }
}
