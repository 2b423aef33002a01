package multilink.x86;

import io.vavr.collection.List;

/**
 * Result of one reference-encoder run over a batch of images.
 *
 * @param images         images checked
 * @param instructions   instructions in those images
 * @param gasChecked     instructions whose bytes were compared with GNU as
 * @param llvmChecked    instructions whose bytes were compared with llvm-mc
 * @param decodedChecked instructions whose objdump decoding was compared with the listing
 * @param mismatches     one line per disagreement (empty when everything agrees)
 * @param failedImages   positions in the batch of the images with a disagreement, ascending, each once
 */
public record CheckReport(int images, int instructions, int gasChecked, int llvmChecked, int decodedChecked,
                          List<String> mismatches, List<Integer> failedImages) {
    public boolean ok() {
        return mismatches.isEmpty();
    }

    @Override
    public String toString() {
        return String.format("%d images, %d instructions; GNU as %d, llvm-mc %d, objdump %d; %d mismatches%s",
                images, instructions, gasChecked, llvmChecked, decodedChecked, mismatches.size(),
                mismatches.isEmpty() ? "" : ": " + mismatches.take(5).mkString("; "));
    }
}
