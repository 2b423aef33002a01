package multilink.x86;

/** x86-64 general registers in hardware encoding order (the low three bits go into ModRM, bit 3 into REX). */
public enum Reg {
    RAX("rax", "eax", "ax", "al"),
    RCX("rcx", "ecx", "cx", "cl"),
    RDX("rdx", "edx", "dx", "dl"),
    RBX("rbx", "ebx", "bx", "bl"),
    RSP("rsp", "esp", "sp", "spl"),
    RBP("rbp", "ebp", "bp", "bpl"),
    RSI("rsi", "esi", "si", "sil"),
    RDI("rdi", "edi", "di", "dil"),
    R8("r8", "r8d", "r8w", "r8b"),
    R9("r9", "r9d", "r9w", "r9b"),
    R10("r10", "r10d", "r10w", "r10b"),
    R11("r11", "r11d", "r11w", "r11b"),
    R12("r12", "r12d", "r12w", "r12b"),
    R13("r13", "r13d", "r13w", "r13b"),
    R14("r14", "r14d", "r14w", "r14b"),
    R15("r15", "r15d", "r15w", "r15b");

    /** Native argument registers in ABI order; the kernel reaches r9 through its X86_REG_R9 pseudo register. */
    static final Reg[] ARGS = {RDI, RSI, RDX, RCX, R8, R9};

    private final String[] names;

    Reg(String... names) {
        this.names = names;
    }

    int low3() {
        return ordinal() & 7;
    }

    /** is_ereg(): needs a REX extension bit. */
    boolean extended() {
        return ordinal() >= 8;
    }

    /** Name at an access width of 8, 4, 2 or 1 bytes. */
    String name(int width) {
        switch (width) {
            case 8: return names[0];
            case 4: return names[1];
            case 2: return names[2];
            case 1: return names[3];
            default: throw new IllegalArgumentException("width " + width);
        }
    }

    @Override
    public String toString() {
        return names[0];
    }
}
