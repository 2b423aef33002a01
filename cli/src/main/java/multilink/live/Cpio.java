package multilink.live;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A newc cpio archive of regular files in the root directory. The kernel unpacks concatenated archives into one
 * initramfs, so a run appends the jobs as a second archive to the cached base one instead of repacking it.
 */
public final class Cpio {
    private Cpio() {
    }

    /** One archive holding {@code name} with {@code data} (mode 0644), then the trailer. */
    public static byte[] single(String name, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, 1, name, 0100644, data);
        entry(out, 2, "TRAILER!!!", 0, new byte[0]);
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, int ino, String name, int mode, byte[] data) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        String header = "070701" + hex(ino) + hex(mode) + hex(0) + hex(0) + hex(1) + hex(0) + hex(data.length)
                + hex(0) + hex(0) + hex(0) + hex(0) + hex(n.length) + hex(0);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(n);
        pad(out);
        out.writeBytes(data);
        pad(out);
    }

    /** newc aligns the name and the data to 4 bytes. */
    private static void pad(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }
}
