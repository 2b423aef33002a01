package multilink.model.kernel;

import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.step.Op;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;

/**
 * BPF_PROG_LOAD of a tracing, ext or multi prog, reduced to
 * {@code check_attach_btf_id} (kernel/bpf/verifier.c, kernel-facts 2.1).
 * A failed load frees everything it took, so it changes nothing.
 */
public final class ProgLoad {
    private ProgLoad() {
    }

    public static Either<Errno, Integer> load(Tx tx, Design design, Op.Load op) {
        ProgType type = op.type();
        if (type == ProgType.TARGET || (type.multi() && !design.loadsMulti(type))
                || (type == ProgType.SDT && !design.loadsSdt())) {
            // unknown expected_attach_type for this kernel
            return Either.left(Errno.EINVAL);
        }
        if (op.sleepable() && type == ProgType.FREPLACE) {
            return Either.left(Errno.EINVAL);
        }
        var before = tx.state();
        int id = tx.freeProgId();
        Option<Integer> dstProg = Option.none();
        Option<String> attachBtf = Option.none();
        Option<String> mod = Option.none();
        if (op.target() instanceof Target.Subprog sp) {
            if (tx.state().progByFd(sp.prog()).isEmpty()) {
                // bpf_prog_load: attach_prog_fd that is no prog is tried as a BTF fd
                // (btf_get_by_fd, since 5.11); that fails too: -EINVAL, not -EBADF
                return Either.left(Errno.EINVAL);
            }
        }
        if ((type == ProgType.SDT) != (op.target() instanceof Target.SdtProbe)) {
            // only an SDT observer names a probe, and it names nothing else
            return Either.left(Errno.EINVAL);
        }
        if (op.target() instanceof Target.SdtProbe probe) {
            return loadSdt(tx, id, op, probe);
        }
        if (type.multi() && !design.multiVerifiedAgainstTarget()) {
            // seed 000/merged: verified against the BTF's placeholder; a module
            // BTF pins its module here (ENOENT while it goes away)
            if (!(op.target() instanceof Target.Func f) || tx.state().world().function(f.name()).isEmpty()) {
                return Either.left(Errno.EINVAL);
            }
            KernelFunc fn = tx.state().world().function(f.name()).get();
            if (fn.module().isDefined() && !tx.moduleTryGet(fn.module().get())) {
                return Either.left(Errno.ENOENT);
            }
            mod = fn.module();
            attachBtf = Option.of(fn.btf());
            tx.btfGet(fn.btf());
            tx.putProg(new Prog(id, type, Option.of(op.target()), op.sleepable(), true, 1, attachBtf, mod,
                    Option.none(), Option.none()));
            tx.event("bpf_prog_load", "prog " + id, 1);
            return Either.right(id);
        }
        Either<Errno, AttachTarget.Info> info = AttachTarget.check(tx, type, op.sleepable(), op.target());
        if (info.isLeft()) {
            tx.set(before);
            return Either.left(info.getLeft());
        }
        mod = info.get().module();
        if (op.target() instanceof Target.Func f) {
            KernelFunc fn = tx.state().world().function(f.name()).get();
            // check_attach_btf_id: btf_id_deny for any BPF_PROG_TYPE_TRACING prog (the *_MULTI
            // types too); noreturn_deny names BPF_TRACE_FEXIT and BPF_MODIFY_RETURN only, so
            // seed 001's FEXIT_MULTI/MODIFY_RETURN_MULTI pass it (kernel/bpf/verifier.c:22994-23001
            // in 6.12; noreturn_deny itself came later than seed 001, upstream cfe816d469dc, 2025-03,
            // and 6.1 has none): the deny lists only reach dong-v1's multi links through H14.
            boolean deny = fn.denied() && type.tracing();
            boolean noret = fn.noreturn() && !type.multi() && (type.kind() == multilink.model.state.TrampKind.FEXIT
                    || type.kind() == multilink.model.state.TrampKind.MODIFY_RETURN);
            if (deny || noret) {
                tx.set(before);
                return Either.left(Errno.EINVAL);
            }
            attachBtf = Option.of(fn.btf());
            tx.btfGet(fn.btf());
        } else {
            Target.Subprog sp = (Target.Subprog) op.target();
            tx.progInc(sp.prog());
            dstProg = Option.of(sp.prog());
        }
        if (!tx.trampolineGet(op.target())) {
            tx.set(before);
            return Either.left(Errno.ENOMEM);
        }
        // bpf_prog_load: a tracing prog verified against a tracing prog is marked for its whole
        // life (kernel/bpf/syscall.c:2821-2832 in 6.12)
        tx.putProg(new Prog(id, type, Option.of(op.target()), op.sleepable(), true, 1, attachBtf, mod, dstProg,
                Option.of(op.target()), AttachTarget.tracesATracingProg(tx.state(), type, op.target())));
        tx.event("bpf_prog_load", "prog " + id, 1);
        return Either.right(id);
    }

    /**
     * An SDT observer (seed 004; the load side is not in the seed, see
     * SdtObserver): the probe must be one of the target prog's, which the
     * prog keeps as {@code aux->dst_prog} for its whole life; no trampoline yet.
     */
    private static Either<Errno, Integer> loadSdt(Tx tx, int id, Op.Load op, Target.SdtProbe probe) {
        if (tx.state().progByFd(probe.prog()).isEmpty()) {
            return Either.left(Errno.EINVAL);
        }
        boolean known = tx.state().world().targetProg(probe.prog()).exists(t -> t.probe(probe.probe()).isDefined());
        if (!known || op.sleepable()) {
            return Either.left(Errno.EINVAL);
        }
        tx.progInc(probe.prog());
        tx.putProg(new Prog(id, op.type(), Option.of(probe), false, true, 1, Option.none(), Option.none(),
                Option.of(probe.prog()), Option.none()));
        tx.event("bpf_prog_load", "prog " + id, 1);
        return Either.right(id);
    }
}
