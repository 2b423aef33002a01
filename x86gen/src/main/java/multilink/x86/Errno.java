package multilink.x86;

/** The kernel errno values the trampoline generator can return; numbers as in include/uapi/asm-generic/errno*.h and include/linux/errno.h. */
public enum Errno {
    E2BIG(7),
    ENOMEM(12),
    EFAULT(14),
    EINVAL(22),
    ERANGE(34),
    /** bpf_gtrampoline_link_prog(): no global caller for the target's register count (seed 003 v2 05/18). */
    EOPNOTSUPP(95),
    /** Kernel-internal (not uapi); returned by the x86 JIT for too many argument slots. */
    ENOTSUPP(524);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The positive errno number; the kernel returns its negation. */
    public int number() {
        return number;
    }
}
