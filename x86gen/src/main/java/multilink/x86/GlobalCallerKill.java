package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The kill of a global caller seeded bug ({@link Mutation#globalCaller()}): {@link GlobalCallerSampler}
 * configurations from {@code new Random(seed)}, each built with the bug and put through {@link GlobalCallerFacts}
 * and the reference encoders (one batch per round of 64, 128, then 256 configurations, holding the bugged images up
 * to the facts' first failure and the bug-free images of the round) until one fails.
 */
final class GlobalCallerKill {
    /** The check names of {@link X86Mutants.Result#caughtBy()} for these bugs besides the reference encoders. */
    static final String FACT = "global caller: ";

    private GlobalCallerKill() {
    }

    static Either<String, X86Mutants.Result> kill(X86Mutant m, Mutation mutation, long seed, int configs) {
        long start = System.nanoTime();
        Random rnd = new Random(seed);
        List<GlobalCallerConfig> all = List.fill(configs, () -> GlobalCallerSampler.sample(rnd));
        int from = 0;
        int size = 64;
        while (from < configs) {
            List<GlobalCallerConfig> chunk = all.subSequence(from, Math.min(configs, from + size));
            List<Either<KernelError, GlobalCallerImage>> bugged = chunk.map(c -> GlobalCaller.generate(c, mutation));
            List<Either<KernelError, GlobalCallerImage>> clean = chunk.map(GlobalCaller::generate);
            int factsFirst = bugged.indexWhere(g -> g.isLeft() || !GlobalCallerFacts.violations(g.get()).isEmpty());
            int limit = factsFirst < 0 ? chunk.size() : factsFirst + 1;
            List<Integer> checked = List.range(0, limit).filter(i -> bugged.get(i).isRight());
            List<Integer> cleanChecked = List.range(0, chunk.size()).filter(i -> clean.get(i).isRight());
            List<GlobalCallerImage> batch = checked.map(i -> bugged.get(i).get())
                    .appendAll(cleanChecked.map(i -> clean.get(i).get()));
            Either<String, CheckReport> ref = ReferenceEncoders.checkAll(batch);
            if (ref.isLeft()) {
                return Either.left(ref.getLeft());
            }
            Set<Integer> failed = new HashSet<>(ref.get().failedImages().asJava());
            Option<Integer> refFirst = checked.zipWithIndex().find(ci -> failed.contains(ci._2)).map(ci -> ci._1);
            int first = refFirst.map(r -> factsFirst < 0 ? r : Math.min(r, factsFirst)).getOrElse(factsFirst);
            if (first >= 0) {
                int pos = checked.indexOf(first);
                List<String> mismatches = pos < 0 ? List.empty()
                        : ref.get().mismatches().filter(s -> s.contains(" image " + pos + " @"));
                int cleanPos = checked.size() + cleanChecked.indexOf(first);
                boolean cleanRef = ref.get().mismatches().exists(s -> s.contains(" image " + cleanPos + " @"));
                Either<KernelError, GlobalCallerImage> g = bugged.get(first);
                Either<KernelError, GlobalCallerImage> c = clean.get(first);
                List<FactViolation> facts = g.map(GlobalCallerFacts::violations).getOrElse(List.empty());
                List<String> checks = (g.isLeft() ? List.of(X86Mutants.REFUSAL) : List.<String>empty())
                        .appendAll(mismatches.isEmpty() ? List.empty() : List.of(X86Mutants.REFERENCE))
                        .appendAll(facts.map(v -> FACT + v.fact()).distinct());
                String evidence = g.isLeft() ? g.getLeft().toString()
                        : mismatches.headOption().orElse(() -> facts.headOption().map(Object::toString)).getOrElse("");
                boolean cleanAgrees = c.isRight() && GlobalCallerFacts.violations(c.get()).isEmpty() && !cleanRef;
                return Either.right(new X86Mutants.Result(m, seed, true, checks, from + first + 1,
                        Option.some(chunk.get(first).line()), Option.some(evidence),
                        Option.some(g.fold(e -> "; the generator refuses: " + e + "\n", GlobalCallerImage::listing)),
                        cleanAgrees, (System.nanoTime() - start) / 1_000_000));
            }
            from += chunk.size();
            size = Math.min(2 * size, 256);
        }
        return Either.right(new X86Mutants.Result(m, seed, false, List.empty(), configs, Option.none(), Option.none(),
                Option.none(), true, (System.nanoTime() - start) / 1_000_000));
    }
}
