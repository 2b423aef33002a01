package multilink.x86;

/**
 * Addresses used when a configuration leaves one out. They have the shape of real x86-64 kernel addresses (so the
 * generator picks the same instruction forms as for real ones: movabs for heap pointers, sign-extended imm32 for
 * kernel text) and every call stays within rel32 reach. An image built with any of them is reported as unlinked.
 */
public final class Placeholders {
    /** The trampoline image (bpf_prog_pack area in the module mapping). */
    public static final long IMAGE = 0xffffffffc0000000L;
    /** struct bpf_tramp_image *im (direct-map heap). */
    public static final long IM = 0xffff888000100000L;
    /** The traced function (kernel text). */
    public static final long FUNC_ADDR = 0xffffffff81000000L;
    /** struct bpf_prog of program k (vmalloc area): PROG_BASE + 0x1000 * (k + 1). */
    public static final long PROG_BASE = 0xffffc90000000000L;
    /** JITed entry of program k (module mapping): BPF_FUNC_BASE + 0x1000 * k. */
    public static final long BPF_FUNC_BASE = 0xffffffffc0100000L;
    /** Kernel helper i (in KernelSymbol order): HELPER_BASE + 0x100 * i. */
    public static final long HELPER_BASE = 0xffffffff81100000L;

    private Placeholders() {
    }

    public static long prog(int k) {
        return PROG_BASE + 0x1000L * (k + 1);
    }

    public static long bpfFunc(int k) {
        return BPF_FUNC_BASE + 0x1000L * k;
    }

    public static long helper(KernelSymbol s) {
        return HELPER_BASE + 0x100L * s.ordinal();
    }
}
