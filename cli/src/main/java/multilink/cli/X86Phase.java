package multilink.cli;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.x86.CheckReport;
import multilink.x86.ConfigSampler;
import multilink.x86.KernelError;
import multilink.x86.TrampolineConfig;
import multilink.x86.TrampolineImage;

import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * check's x86 phase: configurations from {@link ConfigSampler} with a seed derived from check's, each generated
 * and compared instruction by instruction with GNU as, llvm-mc and objdump, a batch per tool run (one tool run
 * costs about as much as checking a hundred images). Batches run on all cores; the result depends only on the seed.
 */
final class X86Phase {
    static final int BATCH = 200;
    static final String TASK = "x86 reference";

    /**
     * @param failed  sample positions of the images with a disagreement or a refusal, ascending
     * @param finding the smallest of them, for the user to read
     */
    record Result(long seed, int images, int instructions, int gas, int llvm, int objdump, int mismatches,
                  List<Integer> failed, Option<X86Finding> finding) {
        boolean clean() {
            return failed.isEmpty();
        }
    }

    private X86Phase() {
    }

    /** Mixed so the phase's configurations do not follow the model phase's random sequence. */
    static long seedFor(long checkSeed) {
        return checkSeed * 0x9E3779B97F4A7C15L + 0x86;
    }

    /** Left: a reference tool failed to run (the one line it gave). */
    static Either<String, Result> run(X86Backend backend, long checkSeed, int n, Progress progress)
            throws InterruptedException, ExecutionException {
        long seed = seedFor(checkSeed);
        Random rnd = new Random(seed);
        List<TrampolineConfig> configs = List.fill(n, () -> ConfigSampler.sample(rnd));
        List<Either<KernelError, TrampolineImage>> generated = configs.map(backend.generator());
        // sample positions of the images that were built; a refusal of a sampled configuration is itself a failure
        List<Tuple2<TrampolineImage, Integer>> built = generated.zipWithIndex().filter(e -> e._1.isRight())
                .map(e -> e.map1(Either::get));
        List<List<Tuple2<TrampolineImage, Integer>>> batches = built.grouped(BATCH).toList();
        progress.start(TASK);
        List<Either<String, CheckReport>> reports = checkBatches(backend, batches, progress);
        progress.finish(TASK);
        Option<String> broken = reports.find(Either::isLeft).map(Either::getLeft);
        if (broken.isDefined()) {
            return Either.left(broken.get());
        }
        List<CheckReport> ok = reports.map(Either::get);
        List<Integer> failed = ok.zip(batches)
                .flatMap(rb -> rb._1.failedImages().map(k -> rb._2.get(k)._2))
                .appendAll(generated.zipWithIndex().filter(e -> e._1.isLeft()).map(e -> e._2))
                .sorted();
        Option<X86Finding> finding = failed.minBy(i -> generated.get(i).map(img -> img.insns().size()).getOrElse(0))
                .map(i -> finding(backend, i, configs.get(i), generated.get(i), ok.zip(batches)));
        return Either.right(new Result(seed, built.size(), ok.map(CheckReport::instructions).sum().intValue(),
                ok.map(CheckReport::gasChecked).sum().intValue(), ok.map(CheckReport::llvmChecked).sum().intValue(),
                ok.map(CheckReport::decodedChecked).sum().intValue(), ok.map(r -> r.mismatches().size()).sum().intValue()
                + generated.count(Either::isLeft), failed, finding));
    }

    private static List<Either<String, CheckReport>> checkBatches(
            X86Backend backend, List<List<Tuple2<TrampolineImage, Integer>>> batches, Progress progress)
            throws InterruptedException, ExecutionException {
        AtomicInteger done = new AtomicInteger();
        return Parallel.run("check-x86", batches.map(b -> () -> {
            Either<String, CheckReport> r = backend.reference().apply(b.map(Tuple2::_1));
            progress.advance(TASK, done.incrementAndGet());
            return r;
        }));
    }

    /** The image checked alone, so the listing shows its own disagreements; its batch's lines if alone it agrees. */
    private static X86Finding finding(X86Backend backend, int index, TrampolineConfig config,
                                      Either<KernelError, TrampolineImage> generated,
                                      List<Tuple2<CheckReport, List<Tuple2<TrampolineImage, Integer>>>> batches) {
        if (generated.isLeft()) {
            return new X86Finding(index, config, "; the generator refuses this sampled configuration: "
                    + X86Command.errno(generated.getLeft()) + "\n");
        }
        TrampolineImage img = generated.get();
        Either<String, CheckReport> alone = backend.reference().apply(List.of(img));
        if (alone.isRight() && !alone.get().ok()) {
            return new X86Finding(index, config, X86Render.listing(img, alone.toOption()));
        }
        String inBatch = batches.flatMap(rb -> rb._2.zipWithIndex().filter(e -> e._1._2 == index)
                        .flatMap(e -> rb._1.mismatches().filter(m -> m.contains(" image " + e._2 + " @"))))
                .map(m -> "; mismatch in its batch: " + m + "\n").mkString();
        return new X86Finding(index, config, X86Render.listing(img, Option.none())
                + "; checked alone it agrees (" + alone.fold(s -> s, CheckReport::toString) + ")\n" + inBatch);
    }
}
