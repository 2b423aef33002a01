package multilink.x86;

import io.vavr.collection.List;

import java.util.Random;

/**
 * Seeded configurations from the space the kernel can produce: every kernel line, tracing (6 in 7) and
 * struct_ops, 0..12 arguments with struct arguments up to 16 bytes, 0..3 programs per kind with cookies of every
 * immediate form and sleepable bits, and the flag sets {@link KernelFlags} derives. The same Random state gives
 * the same configurations; the tests' jqwik generator draws from here too. On a line with BPF_TRAMP_F_SDT_PROBE
 * (mainline), half the tracing configurations whose target is a BPF program are SDT probes instead.
 */
public final class ConfigSampler {
    private static final int[] SMALL_SIZES = {1, 2, 4};
    private static final int[] RET_SIZES = {0, 1, 4, 8};
    private static final int MAX_PROGS_PER_KIND = 3;
    private static final int MAX_STRUCT_SIZE = 16;

    private ConfigSampler() {
    }

    public static TrampolineConfig sample(Random rnd) {
        return draw(rnd, true);
    }

    /**
     * {@link #sample} without SDT probes: the configurations, and the Random stream, the sampler gave before
     * BPF_TRAMP_F_SDT_PROBE (seed 004). For users that need a trampoline of a function on a released kernel (the
     * live runs: their recorded results stay reproducible) or that carry a configuration across kernel lines.
     */
    public static TrampolineConfig sampleWithoutSdtProbes(Random rnd) {
        return draw(rnd, false);
    }

    private static TrampolineConfig draw(Random rnd, boolean sdtProbes) {
        KernelProfile p = KernelProfile.values()[rnd.nextInt(KernelProfile.values().length)];
        return rnd.nextInt(7) < 6 ? tracing(p, rnd, sdtProbes) : structOps(p, rnd);
    }

    private static TrampolineConfig tracing(KernelProfile p, Random rnd, boolean sdtProbes) {
        boolean toBpfProg = rnd.nextInt(4) == 0;
        if (sdtProbes && toBpfProg && p.sdtProbe() && rnd.nextBoolean()) {
            return sdtProbe(p, rnd);
        }
        CpuFeatures cpu = cpu(rnd);
        FuncModel m = model(rnd, ModelShapes.maxArgs(toBpfProg), ModelShapes.maxSlots(p, toBpfProg));
        TrampLinks l = links(rnd);
        int bits = rnd.nextInt(16);
        TracingAttach a = new TracingAttach(toBpfProg, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0,
                (bits & 8) != 0);
        return new TrampolineConfig(p, cpu, TrampolineKind.TRACING, m, KernelFlags.tracing(p, l, a), l,
                Addresses.NONE);
    }

    /**
     * An SDT probe in a BPF program (seed 004): 0..MAX_BPF_FUNC_ARGS arguments, each in a BPF register R1..R9 (one
     * register may carry several arguments), 1..3 fentry-style programs, IP_ARG 1 in 3.
     */
    private static TrampolineConfig sdtProbe(KernelProfile p, Random rnd) {
        CpuFeatures cpu = cpu(rnd);
        List<Integer> regs = List.fill(rnd.nextInt(ConfigValidator.MAX_BPF_FUNC_ARGS + 1), () -> 1 + rnd.nextInt(9));
        TrampLinks l = new TrampLinks(List.fill(1 + rnd.nextInt(MAX_PROGS_PER_KIND), () -> link(rnd)), List.empty(),
                List.empty());
        return new TrampolineConfig(p, cpu, TrampolineKind.TRACING, FuncModel.sdtProbe(regs),
                KernelFlags.sdtProbe(rnd.nextInt(3) == 0), l, Addresses.NONE);
    }

    private static TrampolineConfig structOps(KernelProfile p, Random rnd) {
        CpuFeatures cpu = cpu(rnd);
        FuncModel m = model(rnd, ModelShapes.maxArgs(false), ModelShapes.maxSlots(p, false));
        TrampLinks l = new TrampLinks(List.of(link(rnd)), List.empty(), List.empty());
        return new TrampolineConfig(p, cpu, TrampolineKind.STRUCT_OPS, m, KernelFlags.structOps(p, m), l,
                Addresses.NONE);
    }

    private static CpuFeatures cpu(Random rnd) {
        return new CpuFeatures(rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean());
    }

    private static FuncModel model(Random rnd, int maxArgs, int maxSlots) {
        List<Integer> raw = List.fill(rnd.nextInt(maxArgs + 1), () -> argSize(rnd));
        return ModelShapes.fit(raw, maxSlots, RET_SIZES[rnd.nextInt(RET_SIZES.length)]);
    }

    /** 8 bytes most often (pointers, longs), then the narrow integers, then by-value structs (negative). */
    private static int argSize(Random rnd) {
        int r = rnd.nextInt(14);
        if (r < 8) {
            return 8;
        }
        return r < 12 ? SMALL_SIZES[rnd.nextInt(SMALL_SIZES.length)] : -(1 + rnd.nextInt(MAX_STRUCT_SIZE));
    }

    /** At least one program: with none attached the kernel builds no trampoline. */
    private static TrampLinks links(Random rnd) {
        TrampLinks l;
        do {
            l = new TrampLinks(progs(rnd), progs(rnd), progs(rnd));
        } while (l.total() == 0);
        return l;
    }

    private static List<BpfTrampLink> progs(Random rnd) {
        return List.fill(rnd.nextInt(MAX_PROGS_PER_KIND + 1), () -> link(rnd));
    }

    private static BpfTrampLink link(Random rnd) {
        return BpfTrampLink.unlinked(cookie(rnd), rnd.nextInt(3) == 0);
    }

    /**
     * Zero 4 in 9; otherwise each form emit_mov_imm64() picks: mov r32, sign-extended imm32 (movabs in 6.1), movabs.
     */
    private static long cookie(Random rnd) {
        int r = rnd.nextInt(9);
        if (r < 4) {
            return 0;
        }
        if (r < 6) {
            return 1 + Math.floorMod(rnd.nextLong(), 0xffffffffL);
        }
        return r < 7 ? rnd.nextInt() | Integer.MIN_VALUE : rnd.nextLong();
    }
}
