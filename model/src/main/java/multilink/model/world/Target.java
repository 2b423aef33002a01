package multilink.model.world;

/**
 * What a trampoline is keyed by (kernel-facts section 5,
 * {@code bpf_trampoline_compute_key}). The kernel packs it into a u64:
 * {@code obj_id << 32 | 0x80000000 | btf_id} for a kernel function and
 * {@code prog_id << 32 | btf_id} for a BPF subprog; bit 31 keeps the two apart,
 * which the sealed hierarchy states directly.
 */
public sealed interface Target extends Comparable<Target> {

    /** A kernel function (vmlinux or module BTF). */
    record Func(String name) implements Target {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A global subprog of a loaded BPF program. */
    record Subprog(int prog, String name) implements Target {
        @Override
        public String toString() {
            return "prog" + prog + ":" + name;
        }
    }

    /**
     * Kernel functions before BPF subprogs, then by name (and prog id): the
     * order trampolines are listed in, and the order upstream sorts ids in.
     * Compared field by field: trampoline maps compare keys on every access.
     */
    @Override
    default int compareTo(Target o) {
        if (this instanceof Func a) {
            return o instanceof Func b ? a.name().compareTo(b.name()) : -1;
        }
        Subprog a = (Subprog) this;
        if (!(o instanceof Subprog b)) {
            return 1;
        }
        int c = Integer.compare(a.prog(), b.prog());
        return c != 0 ? c : a.name().compareTo(b.name());
    }
}
