package multilink.model.kernel;

import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;

/**
 * {@code bpf_check_attach_target} (kernel/bpf/verifier.c, kernel-facts 2.1),
 * the checks the model's world can fail, in the kernel's order. On success it
 * has taken one module reference for a module target, which the caller owns
 * ({@code tgt_info.tgt_mod}); on failure it has dropped it again.
 */
public final class AttachTarget {
    private AttachTarget() {
    }

    /** What a successful check hands back: the module it pinned, if any. */
    public record Info(Option<String> module) {
    }

    public static Either<Errno, Info> check(Tx tx, ProgType type, boolean sleepable, Target target) {
        if (target instanceof Target.Subprog sp) {
            return checkSubprog(tx, type, sleepable, sp);
        }
        if (type == ProgType.FREPLACE || !(target instanceof Target.Func f)) {
            // no target prog and EXT; an SDT probe is no function (only an SDT load names one)
            return Either.left(Errno.EINVAL);
        }
        Option<KernelFunc> of = tx.state().world().function(f.name());
        if (of.isEmpty()) {
            return Either.left(Errno.EINVAL);
        }
        KernelFunc fn = of.get();
        if (fn.module().isDefined()) {
            if (!tx.moduleTryGet(fn.module().get())) {
                return Either.left(Errno.ENOENT);
            }
        }
        Option<String> mod = fn.module();
        if (sleepable) {
            if (!fn.sleepableAllowed()) {
                mod.forEach(tx::modulePut);
                return Either.left(Errno.EINVAL);
            }
        } else if (type.kind() == multilink.model.state.TrampKind.MODIFY_RETURN) {
            if ((!fn.fmodRetAllowed() || !fn.returnsInt()) && !tx.on("bug_fmodret_any_func")) {
                mod.forEach(tx::modulePut);
                return Either.left(Errno.EINVAL);
            }
        }
        return Either.right(new Info(mod));
    }

    private static Either<Errno, Info> checkSubprog(Tx tx, ProgType type, boolean sleepable, Target.Subprog sp) {
        Option<Prog> tgt = tx.state().progs().get(sp.prog());
        boolean known = tx.state().world().targetProg(sp.prog())
                .exists(t -> t.subprogs().contains(sp.name()));
        if (tgt.isEmpty() || !known) {
            return Either.left(Errno.EINVAL);
        }
        if (sleepable) {
            // a BPF subprog is not on any sleepable allowlist
            return Either.left(Errno.EINVAL);
        }
        if (type.kind() == multilink.model.state.TrampKind.MODIFY_RETURN) {
            // "can't modify return codes of BPF programs"
            return Either.left(Errno.EINVAL);
        }
        return Either.right(new Info(Option.none()));
    }
}
