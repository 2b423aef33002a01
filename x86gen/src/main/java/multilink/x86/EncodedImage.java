package multilink.x86;

import io.vavr.collection.List;

/**
 * Machine code as instructions at an address: what the reference encoders check and the listing prints. The BPF
 * trampoline ({@link TrampolineImage}) and the global caller entry ({@link GlobalCallerImage}) are both.
 */
public interface EncodedImage {
    List<Insn> insns();

    List<Relocation> relocations();

    /** Where the first instruction sits (branch targets in {@link Insn#op()} are absolute). */
    long imageAddress();

    /** The addresses that were left out and replaced by placeholders (then the bytes are unlinked). */
    List<String> placeholders();

    default byte[] bytes() {
        byte[] out = new byte[size()];
        for (Insn i : insns()) {
            System.arraycopy(i.bytes(), 0, out, i.offset(), i.length());
        }
        return out;
    }

    default int size() {
        return insns().isEmpty() ? 0 : insns().last().end();
    }

    default boolean linked() {
        return placeholders().isEmpty();
    }

    default String hex() {
        return Hex.of(bytes(), "");
    }

    /** One line per instruction: image offset, bytes, Intel syntax; an UNLINKED header names the placeholders. */
    default String listing() {
        StringBuilder sb = new StringBuilder();
        if (!linked()) {
            sb.append("; UNLINKED: placeholder addresses for ").append(placeholders().mkString(", ")).append('\n');
        }
        for (Insn i : insns()) {
            sb.append(i).append('\n');
        }
        return sb.toString();
    }
}
