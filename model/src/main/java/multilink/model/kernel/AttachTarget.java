package multilink.model.kernel;

import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Switches;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.state.TrampKind;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;

/**
 * {@code bpf_check_attach_target} (kernel/bpf/verifier.c, kernel-facts 2.1),
 * the checks the model's world can fail, in the kernel's order. On success it
 * has taken one module reference for a module target, which the caller owns
 * ({@code tgt_info.tgt_mod}); on failure it has dropped it again. Under
 * {@code trampmod} (6.1) it takes none: there the trampoline pins the module.
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
        if (fn.module().isDefined() && tx.on(Switches.TRAMPMOD)) {
            // 6.1 takes no module reference here: the symbol is looked up with
            // kallsyms_lookup_name(), which no longer finds a module that went away
            // (6.1 kernel/bpf/verifier.c:15343-15348); the trampoline pins it later
            if (!tx.state().moduleLive(fn.module().get())) {
                tx.event("kallsyms_lookup_name", f.name() + " (module gone)", -1);
                return Either.left(Errno.ENOENT);
            }
        } else if (fn.module().isDefined()) {
            if (!tx.moduleTryGet(fn.module().get())) {
                return Either.left(Errno.ENOENT);
            }
        }
        Option<String> mod = tx.on(Switches.TRAMPMOD) ? Option.none() : fn.module();
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

    /**
     * The saved-dst check of {@code bpf_check_attach_target}: a prog verified
     * against a BPF prog's subprog ({@code check_attach_btf_id} saves the target
     * prog's type and expected attach type in {@code saved_dst_prog_type} /
     * {@code saved_dst_attach_type}) may only attach where the target is a prog
     * of that same type, never to a kernel function: -EINVAL
     * (kernel/bpf/verifier.c:22754-22757 and 22976-22979 in 6.12; the same in
     * 6.1, verifier.c:15325). Classic attaches never re-run the check for a
     * tracing prog; seed 001 runs it for every target of a multi link. A prog
     * verified against a kernel function saved nothing and passes.
     */
    public static boolean savedDstMismatch(Tx tx, Prog prog, Target target) {
        Option<ProgType> saved = prog.attachTarget().flatMap(t -> t instanceof Target.Subprog sp
                ? progType(tx.state(), sp.prog()) : Option.none());
        if (saved.isEmpty()) {
            return false;
        }
        Option<ProgType> now = target instanceof Target.Subprog sp ? progType(tx.state(), sp.prog()) : Option.none();
        return !now.contains(saved.get());
    }

    /**
     * A prog's type and expected attach type as the kernel sees it: a world's
     * preloaded prog is {@link ProgType#TARGET} in the state, its own type in
     * the world's definition; a prog a step loaded has its own.
     */
    public static Option<ProgType> progType(multilink.model.state.KState s, int id) {
        return s.world().targetProg(id).map(d -> d.type()).orElse(() -> s.progs().get(id).map(Prog::type));
    }

    /** {@code aux->attach_tracing_prog} would be set: a tracing prog verified against a tracing prog. */
    public static boolean tracesATracingProg(multilink.model.state.KState s, ProgType type, Target target) {
        return type.tracing() && target instanceof Target.Subprog sp
                && progType(s, sp.prog()).exists(ProgType::tracing);
    }

    /** The global functions of a prog: a world prog's own list; a prog a step loaded has its main only. */
    private static boolean hasSubprog(multilink.model.state.KState s, Target.Subprog sp) {
        return s.world().targetProg(sp.prog()).map(t -> t.subprogs().contains(sp.name()))
                .getOrElse(() -> sp.name().equals(MAIN));
    }

    /** The subprog name that stands for a loaded prog's main function (subprog 0). */
    public static final String MAIN = "main";

    private static Either<Errno, Info> checkSubprog(Tx tx, ProgType type, boolean sleepable, Target.Subprog sp) {
        Option<Prog> tgt = tx.state().progs().get(sp.prog());
        if (tgt.isEmpty() || !hasSubprog(tx.state(), sp)) {
            // "Subprog %s doesn't exist"
            return Either.left(Errno.EINVAL);
        }
        ProgType tgtType = progType(tx.state(), sp.prog()).get();
        if (type.tracing() && tgt.get().attachTracingProg()) {
            // "Cannot nest tracing program attach more than once" (verifier.c:22621-22630 in 6.12)
            return Either.left(Errno.EINVAL);
        }
        if (type == ProgType.FREPLACE && (tgtType == ProgType.FREPLACE || tgtType.kind() == TrampKind.FENTRY
                || tgtType.kind() == TrampKind.FEXIT) && tgtType != ProgType.TARGET) {
            // "Cannot recursively attach", "Cannot extend fentry/fexit" (verifier.c:22631-22660)
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
