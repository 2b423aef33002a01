package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;

import java.util.Random;

/**
 * Throughput of the generator and of the reference check over a fixed pool of {@link ConfigSampler}
 * configurations (seed {@value #SEED}), so runs are comparable. {@link #generation} and {@link #reference} return
 * the figures (the cli's bench uses them); {@code java -cp <classpath> multilink.x86.X86Bench [seconds]} prints
 * them.
 */
public final class X86Bench {
    public static final long SEED = 42;
    public static final int POOL = 4096;
    public static final int BATCH = 200;

    /** Images generated single-threaded in {@code seconds} after the warm-up. */
    public record Generation(long images, long bytes, double seconds) {
        public double imagesPerSecond() {
            return images / seconds;
        }
    }

    /** Batches checked against GNU as, llvm-mc and objdump; wall clock includes generation and the tool processes. */
    public record Reference(int batches, long images, long instructions, double seconds) {
        public double instructionsPerSecond() {
            return instructions / seconds;
        }

        public double imagesPerSecond() {
            return images / seconds;
        }
    }

    private X86Bench() {
    }

    public static List<TrampolineConfig> pool() {
        Random rnd = new Random(SEED);
        return List.fill(POOL, () -> ConfigSampler.sample(rnd));
    }

    public static Generation generation(List<TrampolineConfig> pool, double warmupSeconds, double seconds) {
        long warm = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; System.nanoTime() < warm; i++) {
            X86Gen.generate(pool.get(i % pool.size()));
        }
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long images = 0;
        long bytes = 0;
        while (System.nanoTime() < deadline) {
            bytes += X86Gen.generate(pool.get((int) (images % pool.size()))).map(TrampolineImage::size).getOrElse(0);
            images++;
        }
        return new Generation(images, bytes, (System.nanoTime() - start) / 1e9);
    }

    /** At least one batch; Left when a tool is missing or fails, or when a check disagrees (then the figure lies). */
    public static Either<String, Reference> reference(List<TrampolineConfig> pool, double seconds) {
        long checked = 0;
        long images = 0;
        int batches = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline || batches == 0) {
            List<TrampolineImage> batch = pool.drop(batches * BATCH % pool.size()).take(BATCH)
                    .flatMap(c -> X86Gen.generate(c).toOption());
            Either<String, CheckReport> r = ReferenceEncoders.checkAll(batch);
            if (r.isLeft() || !r.get().ok()) {
                return Either.left(r.fold(s -> s, CheckReport::toString));
            }
            checked += r.get().instructions();
            images += batch.size();
            batches++;
        }
        return Either.right(new Reference(batches, images, checked, (System.nanoTime() - start) / 1e9));
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        List<TrampolineConfig> pool = pool();
        System.out.printf("x86gen benchmark: %d distinct configurations, fixed seed %d, %d cores, %s%n",
                pool.size(), SEED, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        Generation g = generation(pool, 2, seconds);
        System.out.printf("generate: %d images (%d bytes) in %.2f s single-threaded after 2 s warm-up = %.0f images/s%n",
                g.images(), g.bytes(), g.seconds(), g.imagesPerSecond());
        Either<String, Reference> ref = reference(pool, seconds);
        if (ref.isLeft()) {
            System.out.println("reference check: " + ref.getLeft());
            return;
        }
        Reference r = ref.get();
        System.out.printf("reference check: %d batches of %d images, %d instructions, each compared with GNU as, "
                        + "llvm-mc and objdump, in %.2f s (wall clock, including generation and process start) "
                        + "= %.0f instructions/s, %.0f images/s%n", r.batches(), BATCH, r.instructions(), r.seconds(),
                r.instructionsPerSecond(), r.imagesPerSecond());
    }
}
