package multilink.model.world;

import io.vavr.collection.List;

/**
 * A BPF program already loaded when the world starts (say an XDP program),
 * whose subprograms fentry/fexit/freplace progs can target through
 * {@code attach_prog_fd}. The world holds one reference to it through its
 * user fd, which {@code close_prog} may drop.
 *
 * @param id       its prog id (used in trampoline keys, kernel-facts section 5)
 * @param name     a name for traces
 * @param subprogs the global functions in its BTF, by name
 */
public record TargetProgDef(int id, String name, List<String> subprogs) {
}
