package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The global caller entry (seed 003 v2 02/18) over {@link GlobalCallerSampler}'s space: linked at random kernel-text
 * addresses (so every call and jmp rel32 differs) with random variant, mitigations and compiler, in batches against
 * GNU as, llvm-mc and objdump and the facts; and the variant a random function model selects (v2 10/18, 05/18).
 */
class GlobalCallerProperties {
    static final int BATCH = 100;

    @Provide
    Arbitrary<java.util.List<GlobalCallerConfig>> batches() {
        return Arbitraries.randomValue(GlobalCallerSampler::sample).list().ofSize(BATCH);
    }

    @Property(tries = 4, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void linkedEntriesAgreeWithTheReferenceEncodersAndKeepTheFacts(
            @ForAll("batches") java.util.List<GlobalCallerConfig> batch) {
        List<GlobalCallerImage> images = List.ofAll(batch).map(c -> {
            Either<KernelError, GlobalCallerImage> img = GlobalCaller.generate(c);
            assertTrue(img.isRight(), () -> "sampled configuration refused: " + img.getLeft() + "\n" + c.line());
            assertTrue(img.get().linked(), c::line);
            assertEquals(List.empty(), GlobalCallerFacts.violations(img.get()), c.line());
            Statistics.label("nr_args").collect(c.nrArgs());
            Statistics.label("cpu").collect(c.cpu().toString());
            return img.get();
        });
        ReferenceAgreement.assertAllAgree(images);
    }

    /** One argument: a scalar of 1/2/4/8 bytes, or a struct of 1..16 bytes (BTF_FMODEL_STRUCT_ARG). */
    record Arg(int size, boolean struct) {
        /** Eight-byte registers it takes: a struct (size + 7) / 8, a scalar one. */
        int registers() {
            return struct ? (size + 7) / 8 : 1;
        }
    }

    @Provide
    Arbitrary<java.util.List<Arg>> arguments() {
        Arbitrary<Arg> scalar = Arbitraries.of(1, 2, 4, 8).map(s -> new Arg(s, false));
        Arbitrary<Arg> struct = Arbitraries.integers().between(1, 16).map(s -> new Arg(s, true));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, scalar), net.jqwik.api.Tuple.of(1, struct))
                .list().ofMinSize(0).ofMaxSize(12);
    }

    /**
     * The variant is the registers the arguments take when they fit six (the variants 0..6 of v2 02/18); else
     * -EOPNOTSUPP, also above MAX_BPF_FUNC_ARGS (v2 05/18). Counted here per argument, the generator counts extra
     * registers of structs (arch_bpf_get_regs_nr()).
     */
    @Property(tries = 300)
    void theVariantIsTheRegisterCountWhenItFitsSix(@ForAll("arguments") java.util.List<Arg> args) {
        List<Arg> as = List.ofAll(args);
        FuncModel m = new FuncModel(as.size(), as.map(Arg::size), as.map(a -> a.struct() ? FuncModel.BTF_FMODEL_STRUCT_ARG : 0),
                8, 0);
        int regs = as.map(Arg::registers).sum().intValue();
        Either<KernelError, Integer> v = GlobalCaller.variantFor(m);
        Statistics.label("registers").collect(regs <= 6 ? "0..6" : regs <= 12 ? "7..12" : ">12");
        if (regs <= GlobalCaller.MAX_VARIANT) {
            assertEquals(Either.right(regs), v);
            GlobalCallerImage img = GlobalCaller.generate(GlobalCallerConfig.unlinked(regs, CpuFeatures.DEFAULT,
                    NakedCompiler.GCC)).get();
            assertEquals(regs, img.insns().count(i -> i.op() instanceof Op.StoreRsp));
        } else {
            assertEquals(Errno.EOPNOTSUPP, v.getLeft().errno());
        }
    }
}
