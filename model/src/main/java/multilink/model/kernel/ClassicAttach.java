package multilink.model.kernel;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.state.Link;
import multilink.model.state.LinkEntry;
import multilink.model.state.LinkType;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.state.TrampNode;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.world.Target;

/**
 * {@code bpf_tracing_prog_attach} (kernel/bpf/syscall.c, kernel-facts 2.2) and
 * the classic link's release. Shared by every design: the multi designs change
 * only how multi progs attach.
 */
public final class ClassicAttach {
    private ClassicAttach() {
    }

    /** Runs with the link_create reference on {@code prog} already taken. */
    public static Either<Errno, Integer> attach(Tx tx, Prog prog, Op.Attach op) {
        ProgType type = prog.type();
        if (!(type == ProgType.FENTRY || type == ProgType.FEXIT || type == ProgType.FMOD_RET
                || type == ProgType.FREPLACE)) {
            return Either.left(Errno.EINVAL);
        }
        Option<Integer> tgtFdProg = Option.none();
        if (op.retarget().isDefined()) {
            // target_fd + target_btf_id: EXT only; a kernel function has no target_fd
            if (!(op.retarget().get() instanceof Target.Subprog sp) || type != ProgType.FREPLACE) {
                return Either.left(Errno.EINVAL);
            }
            if (tx.state().progByFd(sp.prog()).isEmpty()) {
                return Either.left(Errno.EBADF);
            }
            tx.progInc(sp.prog());
            tgtFdProg = Option.of(sp.prog());
        }
        Either<Errno, Integer> r = attachLocked(tx, prog, op, tgtFdProg);
        if (r.isLeft()) {
            // out_put_prog: only the fd-acquired target
            tgtFdProg.forEach(tx::progPut);
        }
        return r;
    }

    private static Either<Errno, Integer> attachLocked(Tx tx, Prog prog, Op.Attach op, Option<Integer> tgtFdProg) {
        if (tx.fails(FaultPoint.LINK_ALLOC)) {
            return Either.left(FaultPoint.LINK_ALLOC.errno());
        }
        Option<Target> dstTramp = prog.dstTrampoline();
        Target key;
        if (dstTramp.isEmpty() && tgtFdProg.isEmpty()) {
            // re-attach: TRACING only, and only to the load-time target (needs attach_btf)
            if (!prog.type().tracing() || prog.attachBtf().isEmpty()) {
                return Either.left(Errno.EINVAL);
            }
            key = prog.attachTarget().get();
        } else {
            key = op.retarget().getOrElse(() -> dstTramp.get());
        }
        Target tr;
        Option<Integer> tgtProg;
        if (dstTramp.isEmpty() || !dstTramp.get().equals(key)) {
            Either<Errno, AttachTarget.Info> info = AttachTarget.check(tx, prog.type(), prog.sleepable(), key);
            if (info.isLeft()) {
                return Either.left(info.getLeft());
            }
            if (info.get().module().isDefined()) {
                // swap prog->aux->mod; not undone if the attach fails later
                if (!tx.on("bug_mod_swap_no_put")) {
                    prog.mod().forEach(tx::modulePut);
                }
                tx.putProg(tx.prog(prog.id()).withMod(info.get().module()));
            }
            if (!tx.trampolineGet(key)) {
                return Either.left(Errno.ENOMEM);
            }
            tr = key;
            tgtProg = tgtFdProg;
        } else {
            tr = dstTramp.get();
            tgtProg = prog.dstProg();
        }
        int linkId = tx.freeLinkId();
        if (tx.fails(FaultPoint.LINK_PRIME)) {
            putIfNotDst(tx, prog.id(), tr);
            return Either.left(tx.faultErrno(FaultPoint.LINK_PRIME));
        }
        TrampNode node = new TrampNode(linkId, prog.id(), op.cookie());
        Errno err = Trampolines.linkProg(tx, tr, node, prog.type().kind(), DirectFentryOps.INSTANCE);
        if (!err.ok()) {
            // bpf_link_cleanup: the link is dropped without release
            putIfNotDst(tx, prog.id(), tr);
            if (tx.on("bug_cleanup_puts_prog")) {
                tx.progPut(prog.id());
            }
            return Either.left(err);
        }
        Prog cur = tx.prog(prog.id());
        if (cur.dstProg().isDefined() && (tgtFdProg.isDefined() || !cur.dstTrampoline().contains(tr))
                && !tx.on("bug_attach_keeps_dst_prog")) {
            tx.progPut(cur.dstProg().get());
        }
        cur = tx.prog(prog.id());
        if (cur.dstTrampoline().isDefined() && !cur.dstTrampoline().contains(tr)
                && !tx.on("bug_attach_keeps_dst_tramp")) {
            tx.trampolinePut(cur.dstTrampoline().get());
        }
        tx.putProg(tx.prog(prog.id()).withDst(Option.none(), Option.none()));
        Link link = new Link(linkId, LinkType.TRACING, prog.id(), List.of(new LinkEntry(tr, op.cookie())), tgtProg,
                List.empty(), List.empty(), List.empty());
        tx.set(tx.state().withLinks(tx.state().links().put(linkId, link)));
        tx.event("bpf_link_settle", "link " + linkId, -1);
        return Either.right(linkId);
    }

    /** out_unlock: {@code if (tr && tr != prog->aux->dst_trampoline) bpf_trampoline_put(tr)}. */
    private static void putIfNotDst(Tx tx, int prog, Target tr) {
        if (!tx.prog(prog).dstTrampoline().contains(tr) && !tx.on("bug_attach_err_no_tramp_put")) {
            tx.trampolinePut(tr);
        }
    }

    /** {@code bpf_tracing_link_release}: unlink (WARN on error), put the trampoline and the target prog. */
    public static void release(Tx tx, Link link) {
        LinkEntry e = unlinkOrWarn(tx, link);
        if (!tx.on("bug_release_no_tramp_put")) {
            tx.trampolinePut(e.tramp());
        }
        if (!tx.on("bug_release_no_tgt_prog_put")) {
            link.tgtProg().forEach(tx::progPut);
        }
    }

    /**
     * The unlink a one-entry link's release starts with: {@code WARN_ON_ONCE}
     * on its error (tracing and SDT links alike). Returns the entry.
     */
    static LinkEntry unlinkOrWarn(Tx tx, Link link) {
        LinkEntry e = link.entries().head();
        if (tx.trampoline(e.tramp()).isDefined()) {
            Errno err = Trampolines.unlinkProg(tx, e.tramp(), new TrampNode(link.id(), link.prog(), e.cookie()),
                    tx.linkKind(link), DirectFentryOps.INSTANCE);
            if (!err.ok()) {
                tx.warn(multilink.model.state.Warning.Kind.UNLINK_FAILED, "link " + link.id() + ": " + err);
            }
        }
        return e;
    }
}
