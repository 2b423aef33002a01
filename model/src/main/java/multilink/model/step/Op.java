package multilink.model.step;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.state.ProgType;
import multilink.model.world.Target;

/**
 * A syscall (or environment event) of the model. Progs and links are named
 * by id; an id whose fd is not open stands for a bad fd.
 */
public sealed interface Op {

    /** BPF_PROG_LOAD of a tracing prog verified against {@code target}. */
    record Load(ProgType type, Target target, boolean sleepable) implements Op {
    }

    /** close() of a prog fd. */
    record CloseProg(int prog) implements Op {
    }

    /**
     * BPF_LINK_CREATE for a classic tracing/ext prog: {@code bpf_tracing_prog_attach}.
     * {@code retarget} is the {@code target_fd}+{@code target_btf_id} pair, only
     * meaningful for freplace re-targeting.
     */
    record Attach(int prog, Option<Target> retarget, long cookie) implements Op {
    }

    /**
     * BPF_LINK_CREATE for a multi prog. {@code cnt} overrides the count the
     * kernel reads (to test the limits without huge arrays); {@code cookies}
     * and {@code targets} map one to one.
     */
    record AttachMulti(int prog, List<Target> targets, Option<List<Long>> cookies, int flags,
                       Option<Integer> cnt) implements Op {
        public int count() {
            return cnt.getOrElse(targets.size());
        }
    }

    /** close() of a link fd: release and, after the grace period, dealloc. */
    record CloseLink(int link) implements Op {
    }

    /** BPF_LINK_DETACH. */
    record DetachLink(int link) implements Op {
    }

    /**
     * BPF_LINK_UPDATE: {@code newProg} for the link's prog; {@code oldProg} the
     * {@code old_prog_fd} (0: none given), {@code flags} (BPF_F_REPLACE is 4).
     */
    record UpdateLink(int link, int newProg, int oldProg, int flags) implements Op {
        /** {@code BPF_F_REPLACE} (include/uapi/linux/bpf.h: 1U << 2). */
        public static final int BPF_F_REPLACE = 1 << 2;
    }

    /** delete_module(). */
    record UnloadModule(String module) implements Op {
    }
}
