package multilink.model.world;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.state.ProgType;

/**
 * A BPF program already loaded when the world starts (say an XDP program),
 * whose subprograms fentry/fexit/freplace progs can target through
 * {@code attach_prog_fd}, and whose SDT probes (seed 004) observer progs can.
 * The world holds one reference to it through its user fd, which
 * {@code close_prog} may drop.
 *
 * @param id                its prog id (used in trampoline keys, kernel-facts section 5)
 * @param name              a name for traces
 * @param subprogs          the global functions in its BTF, by name
 * @param type              its type and expected attach type: {@link ProgType#TARGET} for a
 *                          program that is no tracing prog (XDP, say), else the tracing type
 *                          ({@code saved_dst_prog_type}/{@code _attach_type} compare these)
 * @param tailCallReachable {@code aux->tail_call_reachable}: a trampoline on one of its
 *                          subprogs is built with {@code BPF_TRAMP_F_TAIL_CALL_CTX}
 * @param probes            its SDT probe sites
 */
public record TargetProgDef(int id, String name, List<String> subprogs, ProgType type, boolean tailCallReachable,
                            List<SdtProbe> probes) {

    /** A non-tracing program (XDP) without tail calls or probes. */
    public TargetProgDef(int id, String name, List<String> subprogs) {
        this(id, name, subprogs, ProgType.TARGET, false, List.empty());
    }

    /** A program without SDT probes. */
    public TargetProgDef(int id, String name, List<String> subprogs, ProgType type, boolean tailCallReachable) {
        this(id, name, subprogs, type, tailCallReachable, List.empty());
    }

    /** A non-tracing program (XDP) without tail calls, with SDT probes. */
    public TargetProgDef(int id, String name, List<String> subprogs, List<SdtProbe> probes) {
        this(id, name, subprogs, ProgType.TARGET, false, probes);
    }

    /**
     * The BTF FUNC id of a subprog, the low half of its trampoline key. The
     * model's target progs carry a BTF of their FUNC types alone, numbered from
     * 1 in the order listed; a real one interleaves FUNC_PROTOs and more, which
     * moves the numbers but not the question that matters, whether one of them
     * equals a probe's {@code orig_off} (H10).
     */
    public Option<Integer> btfId(String subprog) {
        int i = subprogs.indexOf(subprog);
        return i < 0 ? Option.none() : Option.of(i + 1);
    }

    /** The subprog whose BTF FUNC id is {@code id}. */
    public Option<String> subprogWithBtfId(int id) {
        return id >= 1 && id <= subprogs.size() ? Option.of(subprogs.get(id - 1)) : Option.none();
    }

    public Option<SdtProbe> probe(String name) {
        return probes.find(p -> p.name().equals(name));
    }
}
