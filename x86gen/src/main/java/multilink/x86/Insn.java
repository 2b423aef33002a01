package multilink.x86;

import java.util.Arrays;

/**
 * One emitted instruction: where it sits, its bytes, what it does, its Intel-syntax text (as objdump -M intel
 * prints it, lower case) and the source line that makes GNU as and llvm-mc produce the same form. In that source
 * line {@code {T}} stands for the branch target, written relative to the image start by the batch writer.
 *
 * @param prefixOrderFree the kernel's legacy prefixes come in an order no assembler syntax produces (66 2E); they
 *                        are compared as a set, the rest of the bytes exactly
 */
public record Insn(int offset, byte[] bytes, Op op, String text, String asm, boolean prefixOrderFree) {
    public Insn {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public int end() {
        return offset + bytes.length;
    }

    public String hex() {
        return Hex.of(bytes, " ");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Insn other && offset == other.offset && Arrays.equals(bytes, other.bytes)
                && op.equals(other.op) && text.equals(other.text) && asm.equals(other.asm)
                && prefixOrderFree == other.prefixOrderFree;
    }

    @Override
    public int hashCode() {
        return offset * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return String.format("%04x: %-32s %s", offset, hex(), text);
    }
}
