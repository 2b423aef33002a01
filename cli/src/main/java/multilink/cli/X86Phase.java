package multilink.cli;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.x86.CheckReport;
import multilink.x86.ConfigSampler;
import multilink.x86.EncodedImage;
import multilink.x86.GlobalCaller;
import multilink.x86.GlobalCallerConfig;
import multilink.x86.GlobalCallerImage;
import multilink.x86.GlobalCallerSampler;
import multilink.x86.KernelError;
import multilink.x86.TrampolineConfig;
import multilink.x86.TrampolineImage;

import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * check's x86 phase: configurations from {@link ConfigSampler} with a seed derived from check's, each generated
 * and compared instruction by instruction with GNU as, llvm-mc and objdump, a batch per tool run (one tool run
 * costs about as much as checking a hundred images), then a batch of seed 003 v2's global caller entries from
 * {@link GlobalCallerSampler} (a stream of its own, so adding them changed no trampoline sample). Batches run on
 * all cores; the result depends only on the seed.
 */
final class X86Phase {
    static final int BATCH = 200;
    static final String TASK = "x86 reference";

    /**
     * @param images        trampoline images built
     * @param globalCallers global caller images built
     * @param failed        sample positions of the trampolines with a disagreement or a refusal, ascending
     * @param failedGlobal  the same for the global callers
     * @param finding       the smallest failing trampoline, else the smallest failing global caller, for the user
     */
    record Result(long seed, int images, int globalCallers, int instructions, int gas, int llvm, int objdump,
                  int mismatches, List<Integer> failed, List<Integer> failedGlobal, Option<X86Finding> finding) {
        boolean clean() {
            return failed.isEmpty() && failedGlobal.isEmpty();
        }
    }

    private X86Phase() {
    }

    /** Mixed so the phase's configurations do not follow the model phase's random sequence. */
    static long seedFor(long checkSeed) {
        return checkSeed * 0x9E3779B97F4A7C15L + 0x86;
    }

    /** Global callers sampled beside {@code images} trampolines: at least one per variant on average. */
    static int globalCallers(int images) {
        return Math.max(GlobalCaller.MAX_VARIANT + 1, images / 25);
    }

    /** Tool runs of a phase of {@code images} trampolines: their batches and the global callers' one. */
    static int batches(int images) {
        return (images + BATCH - 1) / BATCH + 1;
    }

    /** Left: a reference tool failed to run (the one line it gave). */
    static Either<String, Result> run(X86Backend backend, long checkSeed, int n, Progress progress)
            throws InterruptedException, ExecutionException {
        long seed = seedFor(checkSeed);
        Random rnd = new Random(seed);
        List<TrampolineConfig> configs = List.fill(n, () -> ConfigSampler.sample(rnd));
        Random globalRnd = new Random(~seed);
        List<GlobalCallerConfig> globalConfigs = List.fill(globalCallers(n), () -> GlobalCallerSampler.sample(globalRnd));
        List<Either<KernelError, TrampolineImage>> generated = configs.map(backend.generator());
        List<Either<KernelError, GlobalCallerImage>> globals = globalConfigs.map(backend.globalCaller());
        List<Tuple2<EncodedImage, Integer>> builtImages = built(generated);
        List<Tuple2<EncodedImage, Integer>> builtGlobals = built(globals);
        List<List<Tuple2<EncodedImage, Integer>>> batches = builtImages.grouped(BATCH).toList().append(builtGlobals);
        progress.start(TASK);
        List<Either<String, CheckReport>> reports = checkBatches(backend, batches, progress);
        progress.finish(TASK);
        Option<String> broken = reports.find(Either::isLeft).map(Either::getLeft);
        if (broken.isDefined()) {
            return Either.left(broken.get());
        }
        List<CheckReport> ok = reports.map(Either::get);
        List<Tuple2<CheckReport, List<Tuple2<EncodedImage, Integer>>>> checked = ok.zip(batches);
        List<Integer> failed = failedPositions(checked.init(), generated);
        List<Integer> failedGlobal = failedPositions(List.of(checked.last()), globals);
        Option<X86Finding> finding = smallest(failed, generated)
                .map(i -> finding(backend, i, generated.get(i), checked.init(),
                        why -> X86Finding.trampoline(i, configs.get(i), why),
                        img -> X86Render.listing(img, Option.none()),
                        (img, report) -> X86Render.listing(img, Option.of(report))))
                .orElse(() -> smallest(failedGlobal, globals)
                        .map(i -> finding(backend, i, globals.get(i), List.of(checked.last()),
                                why -> X86Finding.globalCaller(i, globalConfigs.get(i), why),
                                img -> X86Render.listing(img, X86Render.summary(img), Option.none()),
                                (img, report) -> X86Render.listing(img, X86Render.summary(img), Option.of(report)))));
        return Either.right(new Result(seed, builtImages.size(), builtGlobals.size(),
                ok.map(CheckReport::instructions).sum().intValue(),
                ok.map(CheckReport::gasChecked).sum().intValue(), ok.map(CheckReport::llvmChecked).sum().intValue(),
                ok.map(CheckReport::decodedChecked).sum().intValue(), ok.map(r -> r.mismatches().size()).sum().intValue()
                + generated.count(Either::isLeft) + globals.count(Either::isLeft), failed, failedGlobal, finding));
    }

    /** The images that were built, each with its sample position; a refusal of a sampled configuration is itself a failure. */
    private static <I extends EncodedImage> List<Tuple2<EncodedImage, Integer>> built(
            List<Either<KernelError, I>> generated) {
        return generated.zipWithIndex().filter(e -> e._1.isRight()).map(e -> new Tuple2<>(e._1.get(), e._2));
    }

    /** Sample positions of the images the reference disagreed with, and of the refused configurations, ascending. */
    private static <I extends EncodedImage> List<Integer> failedPositions(
            List<Tuple2<CheckReport, List<Tuple2<EncodedImage, Integer>>>> checked,
            List<Either<KernelError, I>> generated) {
        return checked.flatMap(rb -> rb._1.failedImages().map(k -> rb._2.get(k)._2))
                .appendAll(generated.zipWithIndex().filter(e -> e._1.isLeft()).map(e -> e._2))
                .sorted();
    }

    private static <I extends EncodedImage> Option<Integer> smallest(List<Integer> failed,
                                                                    List<Either<KernelError, I>> generated) {
        return failed.minBy(i -> generated.get(i).map(img -> img.insns().size()).getOrElse(0));
    }

    private static List<Either<String, CheckReport>> checkBatches(
            X86Backend backend, List<List<Tuple2<EncodedImage, Integer>>> batches, Progress progress)
            throws InterruptedException, ExecutionException {
        AtomicInteger done = new AtomicInteger();
        return Parallel.run("check-x86", batches.map(b -> () -> {
            // every sampled global caller refused: nothing for the tools, the refusals are failures of their own
            Either<String, CheckReport> r = b.isEmpty()
                    ? Either.right(new CheckReport(0, 0, 0, 0, 0, List.empty(), List.empty()))
                    : backend.reference().apply(b.map(Tuple2::_1));
            progress.advance(TASK, done.incrementAndGet());
            return r;
        }));
    }

    /** The image checked alone, so the listing shows its own disagreements; its batch's lines if alone it agrees. */
    private static <I extends EncodedImage> X86Finding finding(
            X86Backend backend, int index, Either<KernelError, I> generated,
            List<Tuple2<CheckReport, List<Tuple2<EncodedImage, Integer>>>> batches, Function<String, X86Finding> of,
            Function<I, String> listing, BiFunction<I, CheckReport, String> checked) {
        if (generated.isLeft()) {
            return of.apply("; the generator refuses this sampled configuration: "
                    + X86Command.errno(generated.getLeft()) + "\n");
        }
        I img = generated.get();
        Either<String, CheckReport> alone = backend.reference().apply(List.of(img));
        if (alone.isRight() && !alone.get().ok()) {
            return of.apply(checked.apply(img, alone.get()));
        }
        String inBatch = batches.flatMap(rb -> rb._2.zipWithIndex().filter(e -> e._1._2 == index)
                        .flatMap(e -> rb._1.mismatches().filter(m -> m.contains(" image " + e._2 + " @"))))
                .map(m -> "; mismatch in its batch: " + m + "\n").mkString();
        return of.apply(listing.apply(img) + "; checked alone it agrees (" + alone.fold(s -> s, CheckReport::toString)
                + ")\n" + inBatch);
    }
}
