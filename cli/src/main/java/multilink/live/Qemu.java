package multilink.live;

import io.vavr.collection.List;
import io.vavr.control.Either;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One boot of a guest under qemu. The kernel console goes to the first serial port, the init script's results to
 * the second, each into a file of a scratch directory under the cache that is removed afterwards (the console of
 * a failed boot is kept as {@code last-console-KERNEL.txt} beside it, and the error says so).
 */
public final class Qemu {
    public static final String BINARY = "qemu-system-x86_64";
    private static final long POLL_MS = 2_000;
    private static final long PROGRESS_EVERY_MS = 10_000;

    private Qemu() {
    }

    /** What a boot brought back. */
    public record Boot(String output, long millis, Accel accel, CpuModel cpu) { }

    /**
     * Boots {@code g} on {@code cpu} in {@code mode} ("jobs" or "probe") with {@code jobs} appended as /jobs.txt.
     * Left is one line naming what went wrong.
     */
    public static Either<String, Boot> boot(Guest g, CpuModel cpu, String mode, String jobs, int jobCount,
                                            LiveCache cache, PrintWriter err) {
        Accel accel = Accel.detect();
        Path run;
        try {
            Files.createDirectories(cache.runsDir());
            run = Files.createTempDirectory(cache.runsDir(), "boot-");
        } catch (IOException e) {
            return Either.left("cannot create a scratch directory under " + cache.runsDir() + ": " + e.getMessage());
        }
        try {
            return boot(g, cpu, mode, jobs, jobCount, accel, run, cache, err);
        } finally {
            deleteTree(run);
        }
    }

    private static Either<String, Boot> boot(Guest g, CpuModel cpu, String mode, String jobs, int jobCount,
                                             Accel accel, Path run, LiveCache cache, PrintWriter err) {
        Path initrd = run.resolve("initrd");
        Path console = run.resolve("console.txt");
        Path out = run.resolve("out.txt");
        try (OutputStream o = Files.newOutputStream(initrd)) {
            byte[] base = Files.readAllBytes(g.baseInitramfs());
            o.write(base);
            // the kernel reads an uncompressed archive after a compressed one only from a 4-byte boundary
            o.write(new byte[(4 - base.length % 4) % 4]);
            o.write(Cpio.single("jobs.txt", jobs.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Either.left("cannot write the initramfs: " + e.getMessage());
        }
        List<String> cmd = List.of(BINARY, "-accel", accel.qemuName(), "-cpu", cpu.qemuCpu(), "-m", "1G", "-smp", "1",
                "-no-reboot", "-display", "none", "-monitor", "none", "-nodefaults",
                "-kernel", g.vmlinuz().toString(), "-initrd", initrd.toString(),
                "-append", "console=ttyS0 panic=-1 quiet nokaslr ml_mode=" + mode,
                "-serial", "file:" + console, "-serial", "file:" + out);
        long start = System.nanoTime();
        long timeout = accel.timeoutSeconds(jobCount);
        Process p;
        try {
            p = new ProcessBuilder(cmd.asJava()).redirectErrorStream(true).redirectOutput(run.resolve("qemu.txt").toFile())
                    .start();
        } catch (IOException e) {
            return Either.left(BINARY + " cannot be started: " + e.getMessage());
        }
        try {
            long lastProgress = System.nanoTime();
            while (!p.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                if (now - start > TimeUnit.SECONDS.toNanos(timeout)) {
                    p.destroyForcibly().waitFor();
                    return Either.left("the " + g.line().name() + " guest did not finish within " + timeout + " s ("
                            + GuestOutput.lastJob(read(out)) + "); its console is in " + keep(console, cache, g));
                }
                if (jobCount > 0 && now - lastProgress > TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MS)) {
                    lastProgress = now;
                    err.println("live: " + g.line().name() + " on " + cpu.qemuCpu() + ": "
                            + GuestOutput.jobsDone(read(out)) + "/" + jobCount + " jobs");
                    err.flush();
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Either.left("interrupted");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String text = read(out);
        if (!GuestOutput.complete(text)) {
            String qemu = read(run.resolve("qemu.txt")).lines().filter(l -> !l.isBlank()).findFirst().orElse("");
            return Either.left("the " + g.line().name() + " guest stopped before reporting its results ("
                    + (qemu.isEmpty() ? GuestOutput.lastJob(text) : "qemu: " + qemu) + "); its console is in "
                    + keep(console, cache, g));
        }
        return Either.right(new Boot(text, millis, accel, cpu));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Path keep(Path console, LiveCache cache, Guest g) {
        Path kept = cache.root().resolve("last-console-" + g.line().name() + ".txt");
        try {
            Files.copy(console, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return console;
        }
        return kept;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch directory left behind is harmless: the next boot makes its own
        }
    }
}
