package multilink.model.world;

/**
 * What a trampoline is keyed by (kernel-facts section 5,
 * {@code bpf_trampoline_compute_key}). The kernel packs it into a u64:
 * {@code obj_id << 32 | 0x80000000 | btf_id} for a kernel function and
 * {@code prog_id << 32 | btf_id} for a BPF subprog; bit 31 keeps the two apart,
 * which the sealed hierarchy states directly. An SDT probe (seed 004) is keyed
 * like a subprog, {@code prog_id << 32 | orig_off}, with nothing that keeps the
 * two apart: {@code multilink.model.kernel.SdtAttach#key} says which key an
 * SDT attach really looks up.
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

    /** An SDT probe site of a loaded BPF program (seed 004). */
    record SdtProbe(int prog, String probe) implements Target {
        @Override
        public String toString() {
            return "prog" + prog + "@" + probe;
        }
    }

    /**
     * Kernel functions before BPF subprogs, subprogs before SDT probes, then by name (and prog id): the
     * order trampolines are listed in, and the order upstream sorts ids in.
     * Compared field by field: trampoline maps compare keys on every access.
     */
    @Override
    default int compareTo(Target o) {
        int rank = rank(this) - rank(o);
        if (rank != 0) {
            return rank;
        }
        if (this instanceof Func a) {
            return a.name().compareTo(((Func) o).name());
        }
        if (this instanceof Subprog a) {
            Subprog b = (Subprog) o;
            int c = Integer.compare(a.prog(), b.prog());
            return c != 0 ? c : a.name().compareTo(b.name());
        }
        SdtProbe a = (SdtProbe) this;
        SdtProbe b = (SdtProbe) o;
        int c = Integer.compare(a.prog(), b.prog());
        return c != 0 ? c : a.probe().compareTo(b.probe());
    }

    private static int rank(Target t) {
        return t instanceof Func ? 0 : t instanceof Subprog ? 1 : 2;
    }
}
