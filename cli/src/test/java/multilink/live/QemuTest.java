package multilink.live;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A guest that does not boot is one line naming what qemu said, and its scratch directory is gone. */
class QemuTest {
    @TempDir
    Path dir;

    @Test
    void aKernelQemuCannotLoadIsOneLine() throws Exception {
        Assumptions.assumeTrue(Availability.onPath(Qemu.BINARY), "needs " + Qemu.BINARY);
        Path kdir = Files.createDirectories(dir.resolve("kernel"));
        Path bdir = Files.createDirectories(dir.resolve("build"));
        Files.writeString(kdir.resolve("vmlinuz"), "not a kernel\n");
        Files.write(bdir.resolve("base.cpio.gz"), new byte[0]);
        Guest g = new Guest(KernelLine.byName("6.1").get(), kdir, bdir);
        LiveCache cache = new LiveCache(dir.resolve("cache"));
        StringWriter err = new StringWriter();
        var r = Qemu.boot(g, CpuModel.PLAIN, "jobs", "", 1, cache, new PrintWriter(err));
        assertTrue(r.isLeft());
        String line = r.getLeft();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("the 6.1 guest stopped before reporting its results (qemu: "), line);
        assertTrue(line.endsWith("last-console-6.1.txt"), line);
        try (var s = Files.list(cache.runsDir())) {
            assertEquals(0, s.count(), "the boot's scratch directory is removed");
        }
    }
}
