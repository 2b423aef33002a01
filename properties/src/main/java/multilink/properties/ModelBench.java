package multilink.properties;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.world.DefaultWorld;

/**
 * Checked model steps per second: random exploration with every invariant
 * after every step, on the calling thread (one core). Warm-up rounds first,
 * then timed rounds; prints the median. Run outside {@code mvn test}:
 * {@code ./multilink bench} or this main.
 */
public final class ModelBench {
    private ModelBench() {
    }

    /** Median checked steps per second over {@code rounds} timed rounds of every design. */
    public static double stepsPerSecond(int warmup, int rounds, long seed) {
        List<Design> designs = Designs.all();
        for (int i = 0; i < warmup; i++) {
            designs.forEach(d -> Explorer.explore(d, DefaultWorld.get(), seed, 200, 30, c -> { }));
        }
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long steps = 0;
            long t0 = System.nanoTime();
            for (Design d : designs) {
                steps += Explorer.explore(d, DefaultWorld.get(), seed + i, 300, 30, c -> { }).steps();
            }
            rates[i] = steps / ((System.nanoTime() - t0) / 1e9);
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
        System.out.printf("checked steps/s (median of 5, one thread): %.0f%n", stepsPerSecond(2, 5, seed));
    }
}
