package multilink.live;

import multilink.x86.TrampFlag;

/** BPF_TRAMP_F_* masks as names for report lines. */
final class Flags {
    private Flags() {
    }

    static String names(int mask) {
        var s = TrampFlag.fromMask(mask).stream().map(TrampFlag::name).sorted().toList();
        return s.isEmpty() ? "none" : String.join(",", s);
    }
}
