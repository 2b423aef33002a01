package multilink.x86;

import java.util.EnumSet;
import java.util.Set;

/** BPF_TRAMP_F_* bits as include/linux/bpf.h defines them; the Java name drops the BPF_TRAMP_F_ prefix. */
public enum TrampFlag {
    RESTORE_REGS(0),
    CALL_ORIG(1),
    SKIP_FRAME(2),
    IP_ARG(3),
    RET_FENTRY_RET(4),
    ORIG_STACK(5),
    SHARE_IPMODIFY(6),
    TAIL_CALL_CTX(7),
    INDIRECT(8);

    private final int bit;

    TrampFlag(int bit) {
        this.bit = bit;
    }

    public int mask() {
        return 1 << bit;
    }

    public String kernelName() {
        return "BPF_TRAMP_F_" + name();
    }

    public static int maskOf(Set<TrampFlag> flags) {
        int m = 0;
        for (TrampFlag f : flags) {
            m |= f.mask();
        }
        return m;
    }

    /** Flags set in {@code mask}; bits that name no flag are ignored here and checked by the validator. */
    public static Set<TrampFlag> fromMask(int mask) {
        EnumSet<TrampFlag> set = EnumSet.noneOf(TrampFlag.class);
        for (TrampFlag f : values()) {
            if ((mask & f.mask()) != 0) {
                set.add(f);
            }
        }
        return set;
    }

    public static int allBits() {
        return maskOf(EnumSet.allOf(TrampFlag.class));
    }
}
