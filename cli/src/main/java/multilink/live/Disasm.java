package multilink.live;

import io.vavr.collection.List;
import io.vavr.control.Either;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * objdump's reading of raw image bytes at their kernel address, and the first instruction where two images part,
 * as a kernel developer would line them up: address, bytes and Intel text, one line per side.
 */
public final class Disasm {
    private Disasm() {
    }

    /** The first differing instruction of two images: a line for each side. */
    public record FirstDifference(String kernel, String x86gen) { }

    /** objdump -D of {@code bytes} loaded at {@code vma}: one "addr: bytes text" line per instruction. */
    public static Either<String, List<String>> objdump(byte[] bytes, long vma, Path scratch) {
        try {
            Files.createDirectories(scratch);
            Path f = Files.createTempFile(scratch, "image-", ".bin");
            try {
                Files.write(f, bytes);
                Process p = new ProcessBuilder("objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel",
                        "--insn-width=16", "--adjust-vma=0x" + Long.toHexString(vma), f.toString())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return Either.left("objdump failed: " + out.lines().findFirst().orElse(""));
                }
                return Either.right(insnLines(out));
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            return Either.left("objdump cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left("interrupted");
        }
    }

    /** The instruction lines of objdump's output, whitespace normalised: "ffffffffc0203000: 55 push rbp". */
    static List<String> insnLines(String objdump) {
        return List.ofAll(objdump.lines()
                .filter(l -> l.matches("^\\s*[0-9a-f]+:\t.*"))
                .map(l -> {
                    String[] parts = l.split("\t");
                    String addr = parts[0].strip();
                    String bytes = parts.length > 1 ? parts[1].strip() : "";
                    String text = parts.length > 2 ? parts[2].strip().replaceAll("\\s+", " ") : "";
                    return addr + " " + bytes + (text.isEmpty() ? "" : "  " + text);
                }).toList());
    }

    /** The first line where the two listings differ; the shorter side reads "(end of image)". */
    public static FirstDifference first(List<String> kernel, List<String> x86gen) {
        int n = Math.max(kernel.size(), x86gen.size());
        for (int i = 0; i < n; i++) {
            String k = i < kernel.size() ? kernel.get(i) : "(end of image)";
            String x = i < x86gen.size() ? x86gen.get(i) : "(end of image)";
            if (!k.equals(x)) {
                return new FirstDifference(k, x);
            }
        }
        return new FirstDifference("(same)", "(same)");
    }
}
