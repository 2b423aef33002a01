package multilink.model.state;

/**
 * A design's own kernel objects, kept beside the shared ones in
 * {@link KState}: what a design whose objects no other design has (seed
 * 003's per-function metadata and global trampolines, say) keeps between
 * syscalls. The shared code never looks inside. The spec keeps the same
 * value in its variable {@code dobjects} (KernelState.tla), and the
 * conformance checks compare the two through {@link #tla()}: an
 * implementation is an immutable value (a record), equal exactly when the
 * kernel objects are.
 */
public interface DesignObjects {
    /** No objects of a design's own: the boot state, and every preset so far. */
    DesignObjects NONE = new None();

    /**
     * The value as the spec's {@code dobjects} holds it, in TLA+ syntax
     * (records, functions {@code ("k" :> v @@ ...)}, sequences and sets of
     * strings and numbers, as TLC prints them); {@code <<>>} for none.
     */
    String tla();

    /**
     * The kernel functions whose entry the design's own ftrace ops call (the
     * direct entries it registered): a classic trampoline's register there
     * fails with -EBUSY, as {@code register_ftrace_direct} finds the ip taken.
     * The spec reads the same set as the field {@code direct} of
     * {@code dobjects}, which a design with such sites must have.
     */
    default io.vavr.collection.Set<multilink.model.world.Target> directSites() {
        return io.vavr.collection.HashSet.empty();
    }

    /**
     * The targets a link's entries name, for a design that keeps a link's
     * entries among its own objects (the shared {@link Link#entries()} name
     * trampolines, which such a link may not have): what reports about the
     * links' targets (coverage's overlapping multi links) read besides them.
     */
    default io.vavr.collection.Set<multilink.model.world.Target> linkTargets(int link) {
        return io.vavr.collection.HashSet.empty();
    }

    /** The empty slot. */
    record None() implements DesignObjects {
        @Override
        public String tla() {
            return "<<>>";
        }
    }
}
