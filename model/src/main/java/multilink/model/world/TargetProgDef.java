package multilink.model.world;

import io.vavr.collection.List;
import multilink.model.state.ProgType;

/**
 * A BPF program already loaded when the world starts (say an XDP program),
 * whose subprograms fentry/fexit/freplace progs can target through
 * {@code attach_prog_fd}. The world holds one reference to it through its
 * user fd, which {@code close_prog} may drop.
 *
 * @param id                its prog id (used in trampoline keys, kernel-facts section 5)
 * @param name              a name for traces
 * @param subprogs          the global functions in its BTF, by name
 * @param type              its type and expected attach type: {@link ProgType#TARGET} for a
 *                          program that is no tracing prog (XDP, say), else the tracing type
 *                          ({@code saved_dst_prog_type}/{@code _attach_type} compare these)
 * @param tailCallReachable {@code aux->tail_call_reachable}: a trampoline on one of its
 *                          subprogs is built with {@code BPF_TRAMP_F_TAIL_CALL_CTX}
 */
public record TargetProgDef(int id, String name, List<String> subprogs, ProgType type, boolean tailCallReachable) {

    /** A non-tracing program (XDP) without tail calls. */
    public TargetProgDef(int id, String name, List<String> subprogs) {
        this(id, name, subprogs, ProgType.TARGET, false);
    }
}
