package multilink.x86;

import java.util.Set;

/** Everything arch_prepare_bpf_trampoline() receives, plus the kernel line and CPU features that shape its output. */
public record TrampolineConfig(
        KernelProfile profile,
        CpuFeatures cpu,
        TrampolineKind kind,
        FuncModel model,
        int flags,
        TrampLinks links,
        Addresses addresses) {

    public boolean has(TrampFlag f) {
        return (flags & f.mask()) != 0;
    }

    public Set<TrampFlag> flagSet() {
        return TrampFlag.fromMask(flags);
    }

    public TrampolineConfig withAddresses(Addresses a, TrampLinks l) {
        return new TrampolineConfig(profile, cpu, kind, model, flags, l, a);
    }

    public TrampolineConfig withProfile(KernelProfile p) {
        return new TrampolineConfig(p, cpu, kind, model, flags, links, addresses);
    }
}
