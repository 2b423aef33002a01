package multilink.x86;

import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The seeded-bug catalogue of the trampoline generator and the check that kills each one: {@link ConfigSampler}
 * configurations from a seed, each built with the bug active and put through the reference encoders (GNU as,
 * llvm-mc, objdump, as check's x86 phase does), the instruction-sequence facts of {@link StructuralFacts} and the
 * frame facts of {@link FrameFacts}, until one of them fails. The global caller entry's bugs (seed 003 v2 02/18)
 * are killed the same way on {@link GlobalCallerSampler} configurations with {@link GlobalCallerFacts}
 * ({@link GlobalCallerKill}). Nothing here is shared between calls: the bug travels
 * with each generator call, so kills may run in parallel.
 */
public final class X86Mutants {
    /** The check names a {@link Result} gives besides the facts ({@code structural: <fact>}, {@code frame: <fact>}). */
    public static final String REFERENCE = "reference encoders";
    public static final String REFUSAL = "generator refusal";
    public static final String STRUCTURAL = "structural: ";
    public static final String FRAME = "frame: ";
    /** Configurations a kill may try; every catalogue entry dies long before (see the README's table). */
    public static final int DEFAULT_CONFIGS = 2000;

    private static final int FIRST_BATCH = 64;
    private static final int MAX_BATCH = 256;

    /**
     * One kill attempt.
     *
     * @param caught       a check failed on a configuration within the budget
     * @param caughtBy     every check that fails on the first such configuration: {@link #REFERENCE},
     *                     {@link #REFUSAL}, {@code structural: <fact>}, {@code frame: <fact>}
     * @param configsTried configurations generated up to and including the one that shows the bug (all of them when
     *                     it is not caught)
     * @param config       that configuration as {@link ConfigJson#write} JSON ({@code ./multilink x86 --config}); for
     *                     a global caller bug ({@link #isGlobalCaller}) its {@link GlobalCallerConfig#line()}
     * @param evidence     the first mismatch or violation on it, one line
     * @param listing      the image the seeded bug gives for it (or the refusal)
     * @param cleanAgrees  the generator without the bug passes the same checks on that configuration (else the
     *                     catch is a false alarm)
     * @param millis       wall clock of the attempt
     */
    public record Result(X86Mutant mutant, long seed, boolean caught, List<String> caughtBy, int configsTried,
                         Option<String> config, Option<String> evidence, Option<String> listing, boolean cleanAgrees,
                         long millis) {
    }

    private X86Mutants() {
    }

    /** The catalogue, in a fixed order. */
    public static List<X86Mutant> all() {
        return List.of(Mutation.values()).filter(m -> m != Mutation.NONE).map(X86Mutants::mutant);
    }

    public static Option<X86Mutant> byName(String name) {
        return all().find(m -> m.name().equals(name));
    }

    /** The image with {@code m} active; Left the errno (a seeded bug may also make the generator refuse). */
    public static Either<KernelError, TrampolineImage> generate(X86Mutant m, TrampolineConfig c) {
        return TrampolineGenerator.generate(c, mutation(m));
    }

    /**

    /**
     * Tries the first {@code configs} configurations of {@code new Random(seed)} (check's x86 phase passes its
     * derived seed) until a check fails. Left only when a reference tool is missing or fails to run.
     */
    public static Either<String, Result> kill(X86Mutant m, long seed, int configs) {
        return kill(List.of(m), seed, configs).map(List::head);
    }

    /** {@link #kill} for the whole catalogue. */
    public static Either<String, List<Result>> killAll(long seed, int configs) {
        return kill(all(), seed, configs);
    }

    /**
     * {@link #kill} for several seeded bugs at once, in rounds over growing chunks of the same configurations: each
     * round builds the chunk with every bug still alive, runs the facts, and sends the images that need it (with
     * the bug-free images of the chunk) to the reference encoders in one batch, since starting the tools costs more
     * than checking a few hundred images. A result's time is the wall clock until the round that caught it.
     */
    public static Either<String, List<Result>> kill(List<X86Mutant> mutants, long seed, int configs) {
        List<X86Mutant> distinct = mutants.distinct();
        Either<String, List<Result>> tramp = killTrampoline(distinct.filter(m -> !mutation(m).globalCaller()), seed,
                configs);
        Either<String, List<Result>> gc = Either.sequenceRight(distinct.filter(m -> mutation(m).globalCaller())
                .map(m -> GlobalCallerKill.kill(m, mutation(m), seed, configs))).map(List::ofAll);
        return tramp.flatMap(t -> gc.map(g -> {
            List<Result> found = t.appendAll(g);
            return mutants.map(m -> found.find(r -> r.mutant().equals(m)).get());
        }));
    }

    /** The image of the global caller entry with {@code m} active (bugs of the trampoline do not change it). */
    public static Either<KernelError, GlobalCallerImage> generateGlobalCaller(X86Mutant m, GlobalCallerConfig c) {
        return GlobalCaller.generate(c, mutation(m));
    }

    /** The seeded bug is in the global caller entry: its kill samples {@link GlobalCallerSampler} configurations. */
    public static boolean isGlobalCaller(X86Mutant m) {
        return mutation(m).globalCaller();
    }

    private static Either<String, List<Result>> killTrampoline(List<X86Mutant> mutants, long seed, int configs) {
        if (mutants.isEmpty()) {
            return Either.right(List.empty());
        }
        long start = System.nanoTime();
        Random rnd = new Random(seed);
        List<TrampolineConfig> all = List.fill(configs, () -> ConfigSampler.sample(rnd));
        Map<X86Mutant, Result> results = new HashMap<>();
        List<X86Mutant> alive = mutants.distinct();
        int from = 0;
        int size = FIRST_BATCH;
        while (!alive.isEmpty() && from < configs) {
            List<TrampolineConfig> chunk = all.subSequence(from, Math.min(configs, from + size));
            Either<String, List<Option<Found>>> round = round(chunk, alive.map(X86Mutants::mutation));
            if (round.isLeft()) {
                return Either.left(round.getLeft());
            }
            int base = from;
            long millis = millisSince(start);
            alive.zip(round.get()).forEach(mf -> mf._2.forEach(f -> results.put(mf._1, new Result(mf._1, seed, true,
                    f.checks, base + f.index + 1, Option.some(ConfigJson.write(f.config)), Option.some(f.evidence),
                    Option.some(f.listing), f.cleanAgrees, millis))));
            alive = alive.filter(m -> !results.containsKey(m));
            from += chunk.size();
            size = Math.min(2 * size, MAX_BATCH);
        }
        long millis = millisSince(start);
        return Either.right(mutants.map(m -> results.getOrDefault(m, new Result(m, seed, false, List.empty(), configs,
                Option.none(), Option.none(), Option.none(), true, millis))));
    }

    /** The checks a kill runs, by name, that fail on one generated configuration, in a fixed order. */
    static List<String> failingChecks(Either<KernelError, TrampolineImage> generated, boolean referenceDisagrees) {
        if (generated.isLeft()) {
            return List.of(REFUSAL);
        }
        TrampolineImage img = generated.get();
        List<String> refs = referenceDisagrees ? List.of(REFERENCE) : List.empty();
        return refs.appendAll(LinkedHashSet.ofAll(StructuralFacts.sequenceViolations(img).map(v -> STRUCTURAL + v.fact())))
                .appendAll(LinkedHashSet.ofAll(FrameFacts.violations(img).map(v -> FRAME + v.fact())));
    }

    private record Found(int index, TrampolineConfig config, List<String> checks, String evidence, String listing,
                         boolean cleanAgrees) {
    }

    /** One generator's images of a chunk and the first one the facts reject or the generator refuses (-1: none). */
    private record Built(List<Either<KernelError, TrampolineImage>> images, int factsFirst) {
        /** The reference check matters up to the facts' first failure: an earlier image it rejects comes first. */
        List<Integer> toCheck() {
            int limit = factsFirst < 0 ? images.size() : factsFirst + 1;
            return List.range(0, limit).filter(i -> images.get(i).isRight());
        }
    }

    private static Built build(List<TrampolineConfig> chunk, Mutation mutation) {
        List<Either<KernelError, TrampolineImage>> images = chunk.map(c -> TrampolineGenerator.generate(c, mutation));
        return new Built(images, images.indexWhere(g -> g.isLeft() || !StructuralFacts.violations(g.get()).isEmpty()));
    }

    /**
     * For each bug, the first configuration of the chunk on which a check fails. The facts run first (no
     * processes); then one reference batch holds every bug's images up to its facts' first failure and the bug-free
     * images of the chunk.
     */
    private static Either<String, List<Option<Found>>> round(List<TrampolineConfig> chunk, List<Mutation> mutations) {
        List<Built> built = mutations.map(m -> build(chunk, m));
        Built clean = build(chunk, Mutation.NONE);
        List<List<Integer>> checked = built.map(Built::toCheck);
        List<Integer> cleanChecked = List.range(0, chunk.size()).filter(i -> clean.images().get(i).isRight());
        List<TrampolineImage> batch = built.zip(checked).flatMap(bc -> bc._2.map(i -> bc._1.images().get(i).get()))
                .appendAll(cleanChecked.map(i -> clean.images().get(i).get()));
        Either<String, CheckReport> ref = ReferenceEncoders.checkAll(batch);
        if (ref.isLeft()) {
            return Either.left(ref.getLeft());
        }
        CheckReport report = ref.get();
        Set<Integer> failed = new HashSet<>(report.failedImages().asJava());
        int cleanBase = checked.map(List::size).sum().intValue();
        int offset = 0;
        List<Option<Found>> out = List.empty();
        for (int k = 0; k < built.size(); k++) {
            Built b = built.get(k);
            List<Integer> positions = checked.get(k);
            int base = offset;
            Option<Integer> refFirst = positions.zipWithIndex().find(pi -> failed.contains(base + pi._2)).map(pi -> pi._1);
            int first = refFirst.map(r -> b.factsFirst() < 0 ? r : Math.min(r, b.factsFirst())).getOrElse(b.factsFirst());
            out = out.append(first < 0 ? Option.none() : Option.some(found(chunk, b, first,
                    lines(report, positions.indexOf(first), base), clean,
                    lines(report, cleanChecked.indexOf(first), cleanBase))));
            offset += positions.size();
        }
        return Either.right(out);
    }

    /** The mismatch lines of batch position {@code base + k} (none when {@code k < 0}: not in the batch). */
    private static List<String> lines(CheckReport report, int k, int base) {
        return k < 0 ? List.empty() : report.mismatches().filter(s -> s.contains(" image " + (base + k) + " @"));
    }

    private static Found found(List<TrampolineConfig> chunk, Built b, int first, List<String> mismatches, Built clean,
                               List<String> cleanMismatches) {
        Either<KernelError, TrampolineImage> g = b.images().get(first);
        List<String> checks = failingChecks(g, !mismatches.isEmpty());
        String evidence = g.isLeft() ? g.getLeft().toString()
                : mismatches.headOption().orElse(() -> StructuralFacts.violations(g.get()).headOption().map(Object::toString))
                .getOrElse("");
        String listing = g.fold(e -> "; the generator refuses: " + e + "\n", TrampolineImage::listing);
        Either<KernelError, TrampolineImage> c = clean.images().get(first);
        boolean cleanAgrees = c.isRight() && StructuralFacts.violations(c.get()).isEmpty() && cleanMismatches.isEmpty();
        return new Found(first, chunk.get(first), checks, evidence, listing, cleanAgrees);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static X86Mutant mutant(Mutation m) {
        return new X86Mutant(m.mutantName(), m.kernelPlace(), m.description());
    }

    private static Mutation mutation(X86Mutant m) {
        for (Mutation x : Mutation.values()) {
            if (x != Mutation.NONE && x.mutantName().equals(m.name())) {
                return x;
            }
        }
        throw new IllegalArgumentException("no seeded bug named " + m.name() + "; X86Mutants.all() lists them");
    }
}
