package multilink.spec.graph;

/**
 * The states a count has seen, as 64-bit fingerprints of their canonical
 * text in an open-addressing table of primitive longs (linear probing, at
 * most half full): 8 to 16 bytes a state where a set of the texts themselves
 * costs hundreds, which is what lets {@link StateCounter} count the deep
 * bounds in a few GB. Two states with the same fingerprint count as one:
 * for n states, assuming fingerprints behave like uniform random 64-bit
 * values, the chance of any such pair is at most n(n-1)/2^65 (about
 * 2.7e-6 at ten million states; {@link StateCount#collisionBound()}). TLC takes the same risk with its own
 * 64-bit fingerprints and prints its estimate at the end of a run.
 * Not thread-safe: callers synchronise.
 */
final class FingerprintSet {
    /** Stands in for the fingerprint 0, which marks an empty slot. */
    private static final long ZERO = 0x9E3779B97F4A7C15L;

    private long[] slots;
    private long size;

    FingerprintSet(int expected) {
        int cap = 16;
        while (cap < 2L * expected && cap < (1 << 30)) {
            cap <<= 1;
        }
        slots = new long[cap];
    }

    /** Adds the fingerprint; whether it was new. */
    boolean add(long fp) {
        long f = fp == 0 ? ZERO : fp;
        if (insert(slots, f)) {
            if (++size * 2 > slots.length) {
                grow();
            }
            return true;
        }
        return false;
    }

    boolean contains(long fp) {
        long f = fp == 0 ? ZERO : fp;
        int mask = slots.length - 1;
        for (int i = spread(f) & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (slots[i] == f) {
                return true;
            }
        }
        return false;
    }

    long size() {
        return size;
    }

    private static boolean insert(long[] table, long f) {
        int mask = table.length - 1;
        int i = spread(f) & mask;
        while (table[i] != 0) {
            if (table[i] == f) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = f;
        return true;
    }

    private void grow() {
        if (slots.length >= (1 << 30)) {
            throw new IllegalStateException("more than 2^29 states: beyond what a fingerprint count is for");
        }
        long[] bigger = new long[slots.length * 2];
        for (long f : slots) {
            if (f != 0) {
                insert(bigger, f);
            }
        }
        slots = bigger;
    }

    /** The slot of a fingerprint: its high bits folded in, so a table smaller than 2^32 uses all 64. */
    private static int spread(long f) {
        return (int) (f ^ (f >>> 32));
    }

    /**
     * The 64-bit fingerprint of a canonical text: FNV-1a over its chars, then
     * MurmurHash3's finaliser so that texts differing in one late char
     * differ in every bit.
     */
    static long of(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
