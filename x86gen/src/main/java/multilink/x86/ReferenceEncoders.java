package multilink.x86;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Checks images against the reference encoders: the listing's source lines are assembled with GNU as and with
 * llvm-mc (one run each per batch) and compared byte for byte per instruction; the image bytes are disassembled
 * with objdump (one run per batch) and compared with the listing text.
 */
public final class ReferenceEncoders {
    /** Tool names; tests substitute missing ones. */
    record Toolchain(String as, String llvmMc, String objdump, String objcopy, String nm) {
        static final Toolchain DEFAULT = new Toolchain("as", "llvm-mc", "objdump", "objcopy", "nm");
    }

    static final List<String> GAS_FLAGS = List.of("--64");
    static final List<String> LLVM_MC_FLAGS = List.of("-triple=x86_64", "-x86-asm-syntax=intel", "-filetype=obj");
    static final List<String> OBJDUMP_FLAGS =
            List.of("-D", "-b", "binary", "-mi386:x86-64", "-M", "intel", "--insn-width=16");
    private static final int IMAGE_ALIGN = 64;

    private ReferenceEncoders() {
    }

    public static Either<String, CheckReport> check(EncodedImage image) {
        return checkAll(List.of(image));
    }

    /** All images in one batch: one as, one llvm-mc and one objdump process. */
    public static Either<String, CheckReport> checkAll(List<? extends EncodedImage> images) {
        return checkAll(images, Toolchain.DEFAULT);
    }

    /**
     * The first reference tool not on PATH, as the one line {@link #checkAll} would return, so a caller can refuse
     * before it starts work whose result it could not check.
     */
    public static Option<String> missingTool() {
        return locate(Toolchain.DEFAULT).swap().toOption();
    }

    static Either<String, CheckReport> checkAll(List<? extends EncodedImage> images, Toolchain tools) {
        return locate(tools).flatMap(t -> inTempDir(images, t));
    }

    private static Either<String, Toolchain> locate(Toolchain tools) {
        return ToolRunner.locate(tools.as(), "GNU as")
                .flatMap(as -> ToolRunner.locate(tools.llvmMc(), "llvm-mc")
                        .flatMap(mc -> ToolRunner.locate(tools.objdump(), "objdump")
                                .flatMap(od -> ToolRunner.locate(tools.objcopy(), "objcopy")
                                        .flatMap(oc -> ToolRunner.locate(tools.nm(), "nm")
                                                .map(nm -> new Toolchain(as, mc, od, oc, nm))))));
    }

    private static Either<String, CheckReport> inTempDir(List<? extends EncodedImage> images, Toolchain t) {
        Path dir;
        try {
            dir = Files.createTempDirectory("x86gen-ref");
        } catch (IOException e) {
            return Either.left("cannot create a temporary directory: " + e.getMessage());
        }
        try {
            return runBatch(images, t, dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static Either<String, CheckReport> runBatch(List<? extends EncodedImage> images, Toolchain t, Path dir) {
        Path src = dir.resolve("batch.s");
        Path bin = dir.resolve("images.bin");
        int[] fileOffsets = new int[images.size()];
        try {
            Files.writeString(src, AsmBatch.source(images));
            Files.write(bin, concatenate(images, fileOffsets));
        } catch (IOException e) {
            return Either.left("cannot write the batch files: " + e.getMessage());
        }
        Path gasObj = dir.resolve("gas.o");
        Path llvmObj = dir.resolve("llvm.o");
        return ToolRunner.run(dir, List.of(t.as()).appendAll(GAS_FLAGS).appendAll(List.of("-o", gasObj.toString(), src.toString())))
                .flatMap(x -> ToolRunner.run(dir, List.of(t.llvmMc()).appendAll(LLVM_MC_FLAGS)
                        .appendAll(List.of("-o", llvmObj.toString(), src.toString()))))
                .flatMap(x -> ObjectText.read(dir, gasObj, t.objcopy(), t.nm()))
                .flatMap(gas -> ObjectText.read(dir, llvmObj, t.objcopy(), t.nm())
                        .flatMap(llvm -> ToolRunner.run(dir, List.of(t.objdump()).appendAll(OBJDUMP_FLAGS).append(bin.toString()))
                                .map(Decoded::parse)
                                .map(decoded -> compare(images, gas, llvm, decoded, fileOffsets))));
    }

    private static byte[] concatenate(List<? extends EncodedImage> images, int[] fileOffsets) {
        int total = 0;
        for (int k = 0; k < images.size(); k++) {
            fileOffsets[k] = total;
            total += (images.get(k).size() + IMAGE_ALIGN - 1) / IMAGE_ALIGN * IMAGE_ALIGN;
        }
        byte[] out = new byte[total];
        Arrays.fill(out, (byte) 0xcc);
        for (int k = 0; k < images.size(); k++) {
            byte[] b = images.get(k).bytes();
            System.arraycopy(b, 0, out, fileOffsets[k], b.length);
        }
        return out;
    }

    private static CheckReport compare(List<? extends EncodedImage> images, ObjectText gas, ObjectText llvm,
                                       Map<Integer, Decoded> decoded, int[] fileOffsets) {
        ArrayList<String> mismatches = new ArrayList<>();
        List<Integer> failed = List.empty();
        int insns = 0;
        int gasN = 0;
        int llvmN = 0;
        int decN = 0;
        for (int k = 0; k < images.size(); k++) {
            EncodedImage img = images.get(k);
            String label = AsmBatch.label(k);
            int before = mismatches.size();
            for (Insn insn : img.insns()) {
                insns++;
                gasN += compareBytes("GNU as", gas, label, insn, k, mismatches);
                llvmN += compareBytes("llvm-mc", llvm, label, insn, k, mismatches);
                decN += compareDecoded(decoded, fileOffsets[k], img.imageAddress(), insn, k, mismatches);
            }
            if (mismatches.size() > before) {
                failed = failed.append(k);
            }
        }
        return new CheckReport(images.size(), insns, gasN, llvmN, decN, List.ofAll(mismatches), failed);
    }

    private static int compareBytes(String tool, ObjectText ref, String label, Insn insn, int k, ArrayList<String> out) {
        int base = ref.labels().get(label).getOrElse(-1);
        if (base < 0) {
            out.add(tool + ": label " + label + " missing");
            return 0;
        }
        int start = base + insn.offset();
        byte[] expected = insn.bytes();
        if (start + expected.length > ref.text().length) {
            out.add(mismatch(tool, k, insn, "reference ends early"));
            return 0;
        }
        byte[] actual = Arrays.copyOfRange(ref.text(), start, start + expected.length);
        boolean same = insn.prefixOrderFree() ? samePrefixSetThenEqual(expected, actual) : Arrays.equals(expected, actual);
        if (!same) {
            out.add(mismatch(tool, k, insn, "reference bytes " + Hex.of(actual, " ")));
        }
        return 1;
    }

    /** Legacy prefixes 66/2E in any order, then identical opcode and operand bytes. */
    private static boolean samePrefixSetThenEqual(byte[] a, byte[] b) {
        int pa = legacyPrefixes(a);
        int pb = legacyPrefixes(b);
        if (pa != pb) {
            return false;
        }
        byte[] sa = Arrays.copyOf(a, pa);
        byte[] sb = Arrays.copyOf(b, pb);
        Arrays.sort(sa);
        Arrays.sort(sb);
        return Arrays.equals(sa, sb) && Arrays.equals(Arrays.copyOfRange(a, pa, a.length), Arrays.copyOfRange(b, pb, b.length));
    }

    private static int legacyPrefixes(byte[] b) {
        int n = 0;
        while (n < b.length && (b[n] == 0x66 || b[n] == 0x2E)) {
            n++;
        }
        return n;
    }

    private static int compareDecoded(Map<Integer, Decoded> decoded, int fileOffset, long imageAddr, Insn insn, int k,
                                      ArrayList<String> out) {
        Decoded d = decoded.get(fileOffset + insn.offset()).getOrNull();
        if (d == null) {
            out.add(mismatch("objdump", k, insn, "no instruction starts here"));
            return 0;
        }
        String expected = Decoded.normalise(expectedText(insn, fileOffset, imageAddr));
        if (d.length() != insn.length() || !d.text().equals(expected)) {
            out.add(mismatch("objdump", k, insn, "decoded " + d.length() + " bytes as '" + d.text() + "'"));
        }
        return 1;
    }

    /** The listing text with branch targets moved to where the image sits in the disassembled file. */
    private static String expectedText(Insn insn, int fileOffset, long imageAddr) {
        if (!AsmBatch.isBranch(insn.op())) {
            return insn.text();
        }
        long inFile = fileOffset + AsmBatch.branchTarget(insn.op()) - imageAddr;
        String mnemonic = insn.text().substring(0, insn.text().indexOf(' '));
        return mnemonic + " " + Hex.imm(inFile);
    }

    private static String mismatch(String tool, int k, Insn insn, String detail) {
        return String.format("%s image %d @%04x [%s] %s: %s", tool, k, insn.offset(), insn.hex(), insn.text(), detail);
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
