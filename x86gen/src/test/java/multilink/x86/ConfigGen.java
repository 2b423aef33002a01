package multilink.x86;

import io.vavr.collection.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for configurations the kernel can produce: models of 0..12 arguments (struct arguments up to 16
 * bytes), 0..3 programs per kind with varied cookies and sleepable bits, and the flag sets bpf_trampoline_update()
 * and bpf_struct_ops_prepare_trampoline() derive, per kernel line.
 */
final class ConfigGen {
    private ConfigGen() {
    }

    static Arbitrary<TrampolineConfig> configs() {
        return Arbitraries.of(KernelProfile.values()).flatMap(ConfigGen::configs);
    }

    static Arbitrary<TrampolineConfig> configs(KernelProfile p) {
        return Arbitraries.frequencyOf(
                Tuple.of(6, tracing(p)),
                Tuple.of(1, structOps(p)));
    }

    static Arbitrary<CpuFeatures> cpus() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(CpuFeatures::new);
    }

    static Arbitrary<Integer> argSize() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(8)),
                Tuple.of(4, Arbitraries.of(1, 2, 4)),
                Tuple.of(2, Arbitraries.integers().between(1, 16).map(s -> -s)));
    }

    /** Negative sizes from {@link #argSize} mark struct arguments. */
    static Arbitrary<FuncModel> models(KernelProfile p, int maxArgs, int maxSlots) {
        return argSize().list().ofMinSize(0).ofMaxSize(maxArgs).flatMap(raw -> {
            List<Integer> sizes = List.empty();
            List<Integer> flags = List.empty();
            int slots = 0;
            for (int r : raw) {
                int size = Math.abs(r);
                int s = (size + 7) / 8;
                if (slots + s > maxSlots) {
                    break;
                }
                slots += s;
                sizes = sizes.append(size);
                flags = flags.append(r < 0 ? FuncModel.BTF_FMODEL_STRUCT_ARG : 0);
            }
            FuncModel m = new FuncModel(sizes.size(), sizes, flags, 8, 0);
            return Arbitraries.of(0, 1, 4, 8).map(ret -> m.withRet(ret, 0));
        });
    }

    static Arbitrary<Long> cookies() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.longs().between(1, 0xffffffffL)),
                Tuple.of(1, Arbitraries.longs().between(Integer.MIN_VALUE, -1)),
                Tuple.of(2, Arbitraries.longs()));
    }

    static Arbitrary<BpfTrampLink> links() {
        return Combinators.combine(cookies(), Arbitraries.of(false, false, true)).as(BpfTrampLink::unlinked);
    }

    private static Arbitrary<TrampolineConfig> tracing(KernelProfile p) {
        boolean sixOnly = p == KernelProfile.V6_1;
        Arbitrary<Boolean> bpfTarget = Arbitraries.of(false, false, false, true);
        return bpfTarget.flatMap(toBpfProg -> {
            int maxSlots = sixOnly ? 6 : (toBpfProg ? 5 : 12);
            Arbitrary<FuncModel> model = models(p, toBpfProg ? 5 : 12, maxSlots);
            Arbitrary<TrampLinks> links = Combinators.combine(
                    links().list().ofMaxSize(3), links().list().ofMaxSize(3), links().list().ofMaxSize(3))
                    .as((a, b, c) -> new TrampLinks(List.ofAll(a), List.ofAll(b), List.ofAll(c)))
                    .filter(l -> l.total() > 0);
            Arbitrary<Integer> extraBits = Arbitraries.integers().between(0, 15);
            return Combinators.combine(cpus(), model, links, extraBits).as((cpu, m, l, bits) ->
                    new TrampolineConfig(p, cpu, TrampolineKind.TRACING, m, tracingFlags(p, l, toBpfProg, bits), l,
                            Addresses.NONE));
        });
    }

    /** The flag sets bpf_trampoline_update() produces; {@code bits} chooses among the optional ones. */
    static int tracingFlags(KernelProfile p, TrampLinks l, boolean toBpfProg, int bits) {
        int flags;
        boolean callOrig = !l.fexit().isEmpty() || !l.fmodRet().isEmpty();
        if (callOrig) {
            flags = TrampFlag.CALL_ORIG.mask();
            boolean jmpEntry = p == KernelProfile.MAINLINE && !toBpfProg && (bits & 1) != 0;
            if (!jmpEntry) {
                flags |= TrampFlag.SKIP_FRAME.mask();
            }
            if (!toBpfProg && (bits & 2) != 0) {
                flags |= TrampFlag.SHARE_IPMODIFY.mask() | TrampFlag.ORIG_STACK.mask();
            }
        } else {
            flags = TrampFlag.RESTORE_REGS.mask();
        }
        if ((bits & 4) != 0) {
            flags |= TrampFlag.IP_ARG.mask();
        }
        if (toBpfProg && p != KernelProfile.V6_1 && (bits & 8) != 0) {
            flags |= TrampFlag.TAIL_CALL_CTX.mask();
        }
        return flags;
    }

    private static Arbitrary<TrampolineConfig> structOps(KernelProfile p) {
        int maxSlots = p == KernelProfile.V6_1 ? 6 : 12;
        return Combinators.combine(cpus(), models(p, 12, maxSlots), links()).as((cpu, m, link) -> {
            int flags = (p == KernelProfile.V6_1 ? 0 : TrampFlag.INDIRECT.mask())
                    | (m.retSize() > 0 ? TrampFlag.RET_FENTRY_RET.mask() : 0);
            return new TrampolineConfig(p, cpu, TrampolineKind.STRUCT_OPS, m, flags,
                    new TrampLinks(List.of(link), List.empty(), List.empty()), Addresses.NONE);
        });
    }
}
