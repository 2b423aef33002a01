package multilink.live;

import io.vavr.collection.List;
import io.vavr.control.Either;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds a guest once per kernel and harness version: unpacks the harness's C sources and scripts from the
 * classpath and runs {@code guest.sh}, which installs missing tools with apt, downloads the kernel package and
 * compiles the loader and BPF programs against that kernel's BTF. The sources' hash names the build directory,
 * so editing loader.c rebuilds and an unchanged harness reuses what is cached.
 */
public final class GuestBuilder {
    /** The files of the guest, as resources beside this class's package (cli/src/main/resources/multilink/live). */
    static final List<String> SOURCES = List.of("guest.sh", "init", "loader.c", "tramp_iter.bpf.c", "target.bpf.c",
            "btf_funcs.c");

    private GuestBuilder() {
    }

    public static Either<String, Guest> build(KernelLine line, LiveCache cache, PrintWriter err) {
        try {
            String hash = sourceHash();
            Path src = unpack(cache.sourceDir(hash));
            Path kdir = cache.kernelDir(line);
            Path bdir = cache.buildDir(line, hash);
            Guest g = new Guest(line, kdir, bdir);
            if (Files.isRegularFile(g.baseInitramfs()) && Files.isRegularFile(kdir.resolve("vmlinux.btf"))) {
                return Either.right(g);
            }
            err.println("live: building the " + line.name() + " guest in " + bdir + " (once)");
            err.flush();
            return run(List.of("bash", src.resolve("guest.sh").toString(), src.toString(), kdir.toString(),
                    bdir.toString(), line.pkg(), line.version()), err).map(x -> g);
        } catch (IOException e) {
            return Either.left("cannot prepare the cache " + cache.root() + ": " + e.getMessage());
        }
    }

    /** Runs guest.sh, passing its "live:" progress lines on; its last stderr line is the error when it fails. */
    private static Either<String, Void> run(List<String> cmd, PrintWriter err) throws IOException {
        Process p = new ProcessBuilder(cmd.asJava()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String last = "";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                if (l.startsWith("live: ")) {
                    err.println(l);
                    err.flush();
                }
                if (!l.isBlank()) {
                    last = l.strip();
                }
            }
        }
        try {
            int code = p.waitFor();
            return code == 0 ? Either.right(null) : Either.left("building the guest failed: " + last);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            return Either.left("interrupted while building the guest");
        }
    }

    /**
     * The sources in {@code dir}, written to a temporary sibling first and renamed into place, so a run in another
     * checkout sharing the cache never reads a half-written file (the hash in the name says the content).
     */
    private static Path unpack(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), ".src-");
        for (String name : SOURCES) {
            try (InputStream in = resource(name)) {
                Files.copy(in, tmp.resolve(name));
            }
        }
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Qemu.deleteTree(tmp);
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
        return dir;
    }

    static InputStream resource(String name) throws IOException {
        InputStream in = GuestBuilder.class.getResourceAsStream("/multilink/live/" + name);
        if (in == null) {
            throw new IOException("the harness resource " + name + " is missing from the classpath");
        }
        return in;
    }

    /** The first 12 hex digits of the SHA-256 over every source, in order. */
    static String sourceHash() throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String name : SOURCES) {
                try (InputStream in = resource(name)) {
                    md.update(name.getBytes(StandardCharsets.UTF_8));
                    md.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
