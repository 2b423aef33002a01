package multilink.x86;

import io.vavr.collection.List;

/**
 * A generated trampoline: its bytes, the instructions they decode to, the address-dependent fields, the frame it
 * builds, and which addresses were placeholders (then the bytes are unlinked). Bytes, hex and listing come from
 * {@link EncodedImage}.
 */
public record TrampolineImage(TrampolineConfig config, List<Insn> insns, List<Relocation> relocations,
                              FrameLayout layout, long imageAddress, List<String> placeholders) implements EncodedImage {
}
