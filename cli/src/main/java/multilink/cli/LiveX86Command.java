package multilink.cli;

import multilink.live.ImageOutcome;
import multilink.live.KernelLine;
import multilink.live.LiveCache;
import multilink.live.LiveX86;
import multilink.live.X86LiveReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;

/**
 * {@code ./multilink live x86}: sampled trampolines built by the guest kernel, compared byte for byte with
 * x86gen's images at the same addresses.
 */
@Command(name = "x86", mixinStandardHelpOptions = true,
        description = "Attach sampled configurations on a stock kernel and compare its trampolines with x86gen's.")
final class LiveX86Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kernel", paramLabel = "K", required = true, description = "6.1 or 6.12 (Debian 12 packages).")
    String kernel;

    @Option(names = "--count", paramLabel = "N", defaultValue = "200",
            description = "Configurations to realise and compare (default 200).")
    int count;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the sampler (default: random, printed).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write each difference here as KERNEL-N.json (x86gen's configuration) and KERNEL-N.txt.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var line = KernelLine.byName(kernel);
        if (line.isLeft()) {
            err.println("multilink: " + line.getLeft());
            return Main.EXIT_USAGE;
        }
        if (count < 1) {
            err.println("multilink: --count must be at least 1");
            return Main.EXIT_USAGE;
        }
        long s = seed != null ? seed : new SecureRandom().nextLong();
        err.println("live x86: seed " + s + " (replay with --seed " + s + ")");
        err.flush();
        var r = LiveX86.run(line.get(), s, count, LiveCache.standard(), err);
        if (r.isLeft()) {
            err.println("multilink: " + r.getLeft());
            return Main.EXIT_USAGE;
        }
        o.print(X86LiveReport.render(r.get()));
        var files = X86LiveReport.files(r.get());
        if (out != null && !files.isEmpty()) {
            var w = AtomicFiles.writeAll(out, files);
            if (w.isLeft()) {
                err.println("multilink: " + w.getLeft());
                return Main.EXIT_USAGE;
            }
            o.println("  differences written to " + out + " (" + files.size() + " files)");
        }
        o.flush();
        boolean clean = r.get().outcomes().forAll(x -> x instanceof ImageOutcome.Identical
                || x instanceof ImageOutcome.RefusedAlike);
        return clean ? Main.EXIT_OK : Main.EXIT_VIOLATION;
    }
}
