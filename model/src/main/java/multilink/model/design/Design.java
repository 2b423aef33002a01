package multilink.model.design;

import io.vavr.collection.List;
import io.vavr.control.Either;
import multilink.model.Errno;
import multilink.model.kernel.Tx;
import multilink.model.state.Link;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;

/**
 * The one variation point between designs: how multi (and SDT) progs load,
 * attach and release. Everything else (classic links, progs, modules,
 * trampolines) is the mainline kernel and shared.
 */
public interface Design {
    /** The project's name for the design ("classic", "olsa-v3", ...). */
    String name();

    /** Which multi attach types this kernel knows at load. */
    boolean loadsMulti(ProgType type);

    default boolean loadsSdt() {
        return false;
    }

    /**
     * Seed 001 verifies a multi prog against its first target like a classic
     * prog (a trampoline at load); seed 000 against a BTF's placeholder.
     */
    boolean multiVerifiedAgainstTarget();

    /**
     * {@code CHECK_ATTR}: link_create fails with -EINVAL, before it even looks
     * at the prog fd, when a field this UAPI does not have is non-zero.
     */
    default boolean attrFits(Op.AttachMulti op) {
        return true;
    }

    /** The design's {@code bpf_tracing_multi_attach}; the link_create prog reference is taken. */
    Either<Errno, Integer> attachMulti(Tx tx, Prog prog, Op.AttachMulti op);

    /** The multi link's release op (the prog put and dealloc follow in the caller). */
    void releaseMulti(Tx tx, Link link);

    /** The fault points this design's paths pass through. */
    List<FaultPoint> faultPoints();

    /** Hazards of this design's code the model reproduces, each with how it shows. */
    List<KnownFinding> knownFindings();
}
