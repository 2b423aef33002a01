package multilink.live;

import java.nio.file.Path;

/**
 * A built guest: the kernel package's files and the initramfs compiled for it.
 *
 * @param line      the kernel line
 * @param kernelDir vmlinuz, config, vmlinux.btf
 * @param buildDir  base.cpio.gz (busybox, /init, the loader, the iterator), funcs.txt (the BTF functions)
 */
public record Guest(KernelLine line, Path kernelDir, Path buildDir) {
    public Path vmlinuz() {
        return kernelDir.resolve("vmlinuz");
    }

    public Path baseInitramfs() {
        return buildDir.resolve("base.cpio.gz");
    }

    public Path functions() {
        return buildDir.resolve("funcs.txt");
    }

    /** The functions ftrace can patch, from a probe boot (kept with the kernel: it depends on nothing else). */
    public Path traceable() {
        return kernelDir.resolve("traceable.txt");
    }
}
