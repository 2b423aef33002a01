package multilink.x86;

import io.vavr.collection.List;

/**
 * One assembler source file for many images: each image starts at a 64-byte aligned label {@code imgN}, and
 * branch targets are written relative to that label so no relocation is left for a linker.
 */
final class AsmBatch {
    private AsmBatch() {
    }

    static String label(int k) {
        return "img" + k;
    }

    static String source(List<? extends EncodedImage> images) {
        StringBuilder sb = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (int k = 0; k < images.size(); k++) {
            EncodedImage img = images.get(k);
            sb.append(".p2align 6\n").append(label(k)).append(":\n");
            for (Insn insn : img.insns()) {
                String line = insn.asm().contains("{T}")
                        ? insn.asm().replace("{T}", targetExpr(label(k), insn, img.imageAddress()))
                        : insn.asm();
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static String targetExpr(String label, Insn insn, long imageAddr) {
        long delta = branchTarget(insn.op()) - imageAddr;
        return delta < 0 ? label + "-0x" + Long.toHexString(-delta) : label + "+0x" + Long.toHexString(delta);
    }

    static long branchTarget(Op op) {
        if (op instanceof Op.Call call) {
            return call.target();
        }
        if (op instanceof Op.Jmp jmp) {
            return jmp.target();
        }
        if (op instanceof Op.Jcc jcc) {
            return jcc.target();
        }
        throw new IllegalArgumentException("not a branch: " + op);
    }

    static boolean isBranch(Op op) {
        return op instanceof Op.Call || op instanceof Op.Jmp || op instanceof Op.Jcc;
    }
}
