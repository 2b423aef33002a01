package multilink.live;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;

import java.io.PrintWriter;

/**
 * {@code live x86}: sample configurations, realise them on the guest kernel (one boot per CPU model), and hold
 * every trampoline the kernel built against x86gen's image for the same configuration and addresses.
 */
public final class LiveX86 {
    private LiveX86() {
    }

    /** One boot's share of the run. */
    public record BootInfo(CpuModel cpu, int jobs, long millis, Accel accel, Map<String, String> facts) { }

    public record Result(KernelLine line, long seed, LiveSampler.Sample sample, List<ImageOutcome> outcomes,
                         List<BootInfo> boots) {
        public int count(Class<? extends ImageOutcome> kind) {
            return outcomes.count(kind::isInstance);
        }
    }

    public static Either<String, Result> run(KernelLine line, long seed, int count, LiveCache cache, PrintWriter err) {
        var guest = GuestBuilder.build(line, cache, err);
        if (guest.isLeft()) {
            return Either.left(guest.getLeft());
        }
        var catalogue = Probe.catalogue(guest.get(), cache, err);
        if (catalogue.isLeft()) {
            return Either.left(catalogue.getLeft());
        }
        LiveSampler.Sample sample = LiveSampler.sample(line, catalogue.get(), seed, count);
        List<ImageOutcome> outcomes = List.empty();
        List<BootInfo> boots = List.empty();
        for (CpuModel cpu : CpuModel.values()) {
            List<LiveConfig> batch = sample.configs().filter(c -> c.config().cpu().returnThunk() == cpu.returnThunk());
            if (batch.isEmpty()) {
                continue;
            }
            err.println("live: " + line.name() + ": booting on " + cpu.qemuCpu() + " for " + batch.size()
                    + " configurations");
            err.flush();
            var boot = Qemu.boot(guest.get(), cpu, "jobs", batch.map(LiveConfig::job).mkString(), batch.size(), cache,
                    err);
            if (boot.isLeft()) {
                return Either.left(boot.getLeft());
            }
            var out = GuestOutput.parse(boot.get().output());
            if (out.isLeft()) {
                return Either.left(out.getLeft());
            }
            GuestOutput o = out.get();
            boots = boots.append(new BootInfo(cpu, batch.size(), boot.get().millis(), boot.get().accel(), o.facts()));
            for (LiveConfig c : batch) {
                outcomes = outcomes.append(ImageComparison.compare(c, o.jobs().get(String.valueOf(c.index())),
                        o.symbols(), cache.runsDir()));
            }
        }
        return Either.right(new Result(line, seed, sample, outcomes.sortBy(o -> o.config().index()), boots));
    }
}
