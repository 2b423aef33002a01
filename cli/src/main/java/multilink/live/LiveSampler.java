package multilink.live;

import io.vavr.collection.List;
import multilink.x86.BpfTrampLink;
import multilink.x86.ConfigSampler;
import multilink.x86.KernelFlags;
import multilink.x86.TracingAttach;
import multilink.x86.TrampFlag;
import multilink.x86.TrampLinks;
import multilink.x86.TrampolineConfig;
import multilink.x86.TrampolineKind;

import java.util.Random;

/**
 * Draws configurations with x86gen's {@link ConfigSampler} and keeps those a stock guest can realise, made
 * concrete for that guest:
 * <ul>
 *   <li>tracing only, on a kernel function (struct_ops members and BPF-program targets need programs of their own);
 *   <li>the profile is the guest's and the CPU its build options (IBT, SLS) with the return thunk as drawn: the
 *       drawn model keeps its arguments, so a model wider than the line takes is the kernel's refusal to compare;
 *   <li>sleepable bits cleared (a sleepable fentry needs an error-injection function, and these kernels have none)
 *       and the flags derived again with only IP_ARG as drawn (no jmp entry, live patch or tail calls here);
 *   <li>a function of exactly the drawn model from {@link TargetCatalogue}; none, and the draw is skipped.
 * </ul>
 * The same seed gives the same configurations and targets for the same kernel.
 */
public final class LiveSampler {
    /** Draws per wanted configuration before giving up (most draws have no function of their exact model). */
    static final int DRAWS_PER_CONFIG = 400;

    private LiveSampler() {
    }

    /** What a run drew and kept, then the fixed {@link Probes}; {@code skipped} says why draws were left out. */
    public record Sample(List<LiveConfig> configs, int drawn, io.vavr.collection.Map<String, Integer> skipped) { }

    public static Sample sample(KernelLine line, TargetCatalogue targets, long seed, int count) {
        Random rnd = new Random(seed);
        Random pick = new Random(seed ^ 0x6d6c6976L);
        java.util.List<LiveConfig> out = new java.util.ArrayList<>();
        java.util.Map<String, Integer> skipped = new java.util.TreeMap<>();
        int drawn = 0;
        while (out.size() < count && drawn < count * DRAWS_PER_CONFIG) {
            // no SDT probes: a stock kernel has no BPF_TRAMP_F_SDT_PROBE, and this keeps the recorded runs' draws
            TrampolineConfig c = ConfigSampler.sampleWithoutSdtProbes(rnd);
            drawn++;
            if (c.kind() != TrampolineKind.TRACING) {
                skipped.merge("struct_ops", 1, Integer::sum);
                continue;
            }
            if (c.has(TrampFlag.TAIL_CALL_CTX)) {
                skipped.merge("target is a BPF program", 1, Integer::sum);
                continue;
            }
            TrampLinks l = c.links();
            TrampLinks plain = new TrampLinks(awake(l.fentry()), awake(l.fexit()), awake(l.fmodRet()));
            int flags = KernelFlags.tracing(line.profile(), plain,
                    new TracingAttach(false, false, false, c.has(TrampFlag.IP_ARG), false));
            TrampolineConfig g = new TrampolineConfig(line.profile(), line.cpu(c.cpu().returnThunk()), c.kind(),
                    c.model(), flags, plain, c.addresses());
            var target = targets.pick(g.model(), !plain.fmodRet().isEmpty(), pick);
            if (target.isEmpty()) {
                skipped.merge("no " + (plain.fmodRet().isEmpty() ? "function" : "security hook")
                        + " with the drawn model", 1, Integer::sum);
                continue;
            }
            out.add(new LiveConfig(out.size(), drawn - 1, g, target.get()));
        }
        return new Sample(List.ofAll(out).appendAll(Probes.of(line, targets, out.size())), drawn,
                io.vavr.collection.TreeMap.ofAll(skipped));
    }

    private static List<BpfTrampLink> awake(List<BpfTrampLink> links) {
        return links.map(x -> new BpfTrampLink(x.prog(), x.bpfFunc(), x.cookie(), false));
    }
}
