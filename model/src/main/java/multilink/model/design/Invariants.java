package multilink.model.design;

import io.vavr.collection.HashSet;
import io.vavr.collection.Set;

/** Every invariant id, for known findings that may break any of them (after a WARN the kernel is tainted). */
final class Invariants {
    static final Set<String> ALL = HashSet.ofAll(multilink.model.invariant.Invariants.ids());

    private Invariants() {
    }
}
