package multilink.x86;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the image for a configuration given as JSON (a file, or standard input with "-"): hex, listing and
 * relocations. With --check it also runs the reference encoders. Exit status 0 on success, 1 for a kernel errno,
 * 2 for unusable input or a failed check.
 */
public final class X86GenMain {
    private X86GenMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: X86GenMain <config.json | -> [--check]");
            System.exit(2);
        }
        String json = args[0].equals("-")
                ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(args[0]));
        boolean check = args.length > 1 && args[1].equals("--check");
        var parsed = ConfigJson.parse(json);
        if (parsed.isLeft()) {
            System.err.println("bad configuration: " + parsed.getLeft());
            System.exit(2);
        }
        var image = X86Gen.generate(parsed.get());
        if (image.isLeft()) {
            System.out.println("kernel rejects: " + image.getLeft());
            System.exit(1);
        }
        TrampolineImage img = image.get();
        System.out.println("; " + (img.linked() ? "linked" : "unlinked") + " image at " + Hex.imm(img.imageAddress())
                + ", " + img.size() + " bytes");
        System.out.println("hex: " + img.hex());
        System.out.print(img.listing());
        System.out.println("; relocations");
        img.relocations().forEach(r -> System.out.println("; " + r));
        if (check) {
            var report = ReferenceEncoders.check(img);
            System.out.println("; reference check: " + report.fold(s -> "error: " + s, CheckReport::toString));
            if (report.isLeft() || !report.get().ok()) {
                System.exit(2);
            }
        }
    }
}
