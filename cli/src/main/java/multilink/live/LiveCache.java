package multilink.live;

import java.nio.file.Path;

/**
 * Where the harness keeps what it downloads and builds: {@code ~/.cache/multilink/live} (or
 * {@code $XDG_CACHE_HOME/multilink/live}), so a second run boots at once. Nothing goes into the repository or the
 * current directory. Tests pass their own root.
 */
public record LiveCache(Path root) {
    public static LiveCache standard() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new LiveCache(base.resolve("multilink").resolve("live"));
    }

    /** The kernel package's files (vmlinuz, config, BTF), shared by every version of the harness. */
    public Path kernelDir(KernelLine k) {
        return root.resolve("kernel-" + k.name() + "-" + k.version());
    }

    /** The guest built from the harness sources with this hash, for this kernel. */
    public Path buildDir(KernelLine k, String sourceHash) {
        return root.resolve("guest-" + k.name() + "-" + sourceHash);
    }

    /** The harness's C sources and scripts, unpacked from the classpath. */
    public Path sourceDir(String sourceHash) {
        return root.resolve("src-" + sourceHash);
    }

    /** Scratch directories of running boots; each is removed when its boot ends. */
    public Path runsDir() {
        return root.resolve("runs");
    }
}
