package multilink.model.kernel;

import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.LinkType;
import multilink.model.state.ModuleObj;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.Btfs;

/** The model's syscall entry: {@code (design, state, step) -> outcome}, a pure function. */
public final class Syscalls {
    private Syscalls() {
    }

    public static Outcome step(Design design, KState state, Step step) {
        return step(design, design.switches(), state, step);
    }

    /**
     * The same with another switch set than the design's own: how checkers
     * run a design with fixes on while keeping the design's own code (a
     * user's subclass, say).
     */
    public static Outcome step(Design design, io.vavr.collection.Set<String> switches, KState state, Step step) {
        Tx tx = new Tx(state, step.fault(), switches);
        Either<Errno, Option<Integer>> r = dispatch(design, tx, step.op());
        tx.finish();
        Errno errno = r.isLeft() ? r.getLeft() : Errno.OK;
        return new Outcome(tx.state(), errno, tx.events(), r.getOrElse(Option.none()), tx.faultFired(),
                tx.passes());
    }

    private static Either<Errno, Option<Integer>> dispatch(Design design, Tx tx, Op op) {
        if (op instanceof Op.Load l) {
            return ProgLoad.load(tx, design, l).map(Option::of);
        } else if (op instanceof Op.CloseProg c) {
            return closeProg(tx, c);
        } else if (op instanceof Op.Attach a) {
            return linkCreate(tx, a.prog(), false, p -> p.type() == ProgType.SDT
                    ? SdtAttach.attach(tx, p)
                    : ClassicAttach.attach(tx, p, a));
        } else if (op instanceof Op.AttachMulti m) {
            if (!design.attrFits(tx, m)) {
                return Either.left(Errno.EINVAL);
            }
            return linkCreate(tx, m.prog(), true, p -> design.attachMulti(tx, p, m));
        } else if (op instanceof Op.CloseLink c) {
            return closeLink(design, tx, c.link());
        } else if (op instanceof Op.DetachLink d) {
            // no tracing link type has a .detach op: bpf_link_detach returns -EOPNOTSUPP
            return Either.left(tx.state().links().containsKey(d.link()) ? Errno.EOPNOTSUPP : Errno.EBADF);
        } else if (op instanceof Op.UnloadModule u) {
            return unloadModule(tx, u.module());
        } else if (op instanceof Op.UpdateLink u) {
            return Either.left(linkUpdate(tx, u));
        }
        throw new IllegalArgumentException("unknown op " + op);
    }

    private static Either<Errno, Option<Integer>> closeProg(Tx tx, Op.CloseProg c) {
        Option<Prog> p = tx.state().progByFd(c.prog());
        if (p.isEmpty()) {
            return Either.left(Errno.EBADF);
        }
        tx.putProg(p.get().withFdOpen(false));
        if (!tx.on("bug_close_prog_no_put")) {
            tx.progPut(c.prog());
        }
        return Either.right(Option.none());
    }

    /**
     * {@code link_create} (kernel-facts 2.0): take the prog, check that the
     * requested attach type is the prog's, dispatch, and put the prog on error.
     */
    private static Either<Errno, Option<Integer>> linkCreate(Tx tx, int progId, boolean multi,
            java.util.function.Function<Prog, Either<Errno, Integer>> attach) {
        Option<Prog> p = tx.state().progByFd(progId);
        if (p.isEmpty()) {
            return Either.left(Errno.EBADF);
        }
        tx.progInc(progId);
        Prog prog = tx.prog(progId);
        Either<Errno, Integer> r = prog.type().multi() != multi
                ? Either.left(Errno.EINVAL)
                : attach.apply(prog);
        if (r.isLeft() && !tx.on("bug_link_create_no_put")) {
            tx.progPut(progId);
        }
        return r.map(Option::of);
    }

    /** The last put of a link: release, then {@code bpf_prog_put(link->prog)}, then dealloc. */
    private static Either<Errno, Option<Integer>> closeLink(Design design, Tx tx, int linkId) {
        Option<Link> l = tx.state().links().get(linkId);
        if (l.isEmpty()) {
            return Either.left(Errno.EBADF);
        }
        Link link = l.get();
        if (link.type().equals(LinkType.TRACING)) {
            ClassicAttach.release(tx, link);
        } else if (link.type().equals(LinkType.SDT)) {
            SdtAttach.release(tx, link);
        } else {
            design.releaseMulti(tx, link);
        }
        tx.set(tx.state().withLinks(tx.state().links().remove(linkId)));
        tx.progPut(link.prog());
        tx.event("bpf_link_dealloc", "link " + linkId, -1);
        return Either.right(Option.none());
    }

    /**
     * {@code link_update} (kernel/bpf/syscall.c:5355-5409 in 6.12): the flags,
     * the link fd, the new prog fd, the old prog fd, then the link's ops. No
     * tracing link has {@code update_prog} or {@code update_map}
     * ({@code bpf_tracing_link_lops}, syscall.c:3295-3300; the multi links' lops
     * of seeds 000 and 001 neither), so every path ends in an errno, -EINVAL
     * at the latest, and the prog references it took are put again: nothing
     * changes.
     */
    private static Errno linkUpdate(Tx tx, Op.UpdateLink u) {
        if ((u.flags() & ~Op.UpdateLink.BPF_F_REPLACE) != 0) {
            return Errno.EINVAL;
        }
        if (!tx.state().links().containsKey(u.link())) {
            return Errno.EBADF;
        }
        if (tx.state().progByFd(u.newProg()).isEmpty()) {
            return Errno.EBADF;
        }
        if ((u.flags() & Op.UpdateLink.BPF_F_REPLACE) != 0) {
            // fd 0 is no BPF prog: __bpf_prog_get's f_op check gives -EINVAL
            if (u.oldProg() == 0) {
                return Errno.EINVAL;
            }
            if (tx.state().progByFd(u.oldProg()).isEmpty()) {
                return Errno.EBADF;
            }
        } else if (u.oldProg() != 0) {
            return Errno.EINVAL;
        }
        // link->ops->update_prog is NULL
        return Errno.EINVAL;
    }

    /** {@code delete_module}: -EWOULDBLOCK (= EAGAIN) while referenced; the module drops its BTF. */
    private static Either<Errno, Option<Integer>> unloadModule(Tx tx, String name) {
        KState s = tx.state();
        Option<ModuleObj> m = s.modules().get(name).filter(ModuleObj::live);
        if (m.isEmpty()) {
            return Either.left(Errno.ENOENT);
        }
        if (m.get().refcnt() > 0 && !tx.on("bug_unload_ignores_refs")) {
            return Either.left(Errno.EAGAIN);
        }
        tx.set(s.withModules(s.modules().put(name, new ModuleObj(name, 0, false))));
        tx.event("delete_module", name, -1);
        tx.btfPut(Btfs.ofModule(name));
        return Either.right(Option.none());
    }
}
