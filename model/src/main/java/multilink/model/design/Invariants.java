package multilink.model.design;

import io.vavr.collection.HashSet;
import io.vavr.collection.Set;

/** Invariant ids as designs name them in their known findings (see multilink.model.invariant). */
final class Invariants {
    static final Set<String> ALL = HashSet.of("REF_BTF", "REF_MODULE", "REF_PROG", "REF_TRAMPOLINE", "NO_UNDERFLOW",
            "NO_DANGLING", "FTRACE_MATCHES_TRAMPOLINES", "IMAGE_MATCHES_PROGS", "IMAGE_OWNED", "TRAMP_LINK_LIMIT",
            "EXTENSION_EXCLUSIVE", "FAILED_SYSCALL_CHANGES_NOTHING", "QUIESCENT_IS_EMPTY", "LINKINFO_MATCHES",
            "NO_KERNEL_WARN", "NO_MEMORY_LEAK", "FREE_MATCHES_ALLOC");

    private Invariants() {
    }
}
