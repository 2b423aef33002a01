package multilink.x86;

import io.vavr.collection.List;

/**
 * A generated trampoline: its bytes, the instructions they decode to, the address-dependent fields, the frame it
 * builds, and which addresses were placeholders (then the bytes are unlinked).
 */
public record TrampolineImage(TrampolineConfig config, List<Insn> insns, List<Relocation> relocations,
                              FrameLayout layout, long imageAddress, List<String> placeholders) {

    public byte[] bytes() {
        byte[] out = new byte[size()];
        for (Insn i : insns) {
            System.arraycopy(i.bytes(), 0, out, i.offset(), i.length());
        }
        return out;
    }

    public int size() {
        return insns.isEmpty() ? 0 : insns.last().end();
    }

    public boolean linked() {
        return placeholders.isEmpty();
    }

    public String hex() {
        return Hex.of(bytes(), "");
    }

    /** One line per instruction: image offset, bytes, Intel syntax; an UNLINKED header names the placeholders. */
    public String listing() {
        StringBuilder sb = new StringBuilder();
        if (!linked()) {
            sb.append("; UNLINKED: placeholder addresses for ").append(placeholders.mkString(", ")).append('\n');
        }
        for (Insn i : insns) {
            sb.append(i).append('\n');
        }
        return sb.toString();
    }
}
