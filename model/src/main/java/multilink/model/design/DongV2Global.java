package multilink.model.design;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.DongV2GlobalObjects.Entry;
import multilink.model.design.DongV2GlobalObjects.Md;
import multilink.model.design.DongV2GlobalObjects.MdProg;
import multilink.model.invariant.Invariant;
import multilink.model.kernel.AttachTarget;
import multilink.model.kernel.Tx;
import multilink.model.state.Link;
import multilink.model.state.LinkType;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.state.TrampKind;
import multilink.model.state.Warning;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;

/**
 * Menglong Dong's 2025 v2 series (seed 003, 2025-07-03): a tracing multi link
 * on global trampolines. Each traced function has a {@code kfunc_md} (its
 * progs per kind with cookies, its argument count, how many link entries use
 * it); one global trampoline per argument count ({@code bpf_global_caller_0..6})
 * is reached through its own ftrace direct ops, whose filter is reset to the
 * functions with progs of that count ({@code reset_ftrace_direct_ips}). The
 * link ({@code bpf_gtramp_link}) holds no trampoline: its entries name
 * functions. The objects live in {@link DongV2GlobalObjects}; the link's
 * shared {@code entries} stay empty. Sources: v2 11/18 (syscall.c
 * {@code bpf_tracing_prog_attach_multi}), 05/18 (trampoline.c
 * {@code bpf_gtrampoline_*}), 01/18 (kfunc_md.c), 03/18 and 04/18 (ftrace.c),
 * 10/18 ({@code arch_bpf_get_regs_nr}), 02/18 (callers for 0..6 args).
 *
 * <p>Multi progs load as in seed 000's model (no trampoline at load: v2
 * 11/18's {@code check_attach_btf_id} returns before {@code bpf_trampoline_get}
 * for the *_MULTI types); the real load also runs bpf_check_attach_target on
 * the first target, which the attach repeats for every target.
 *
 * @param switches the switches on
 */
public record DongV2Global(Set<String> switches) implements Design {

    /** v2 11/18 syscall.c: {@code #define MAX_TRACING_MULTI_CNT 102400}. */
    public static final int MAX_TRACING_MULTI_CNT = 102400;
    /** include/linux/bpf.h {@code MAX_BPF_FUNC_ARGS}: the size of {@code global_tr_array} less one. */
    static final int MAX_BPF_FUNC_ARGS = 12;
    /** v2 02/18: x86 defines {@code bpf_global_caller_0} to {@code _6}; the other images are NULL. */
    static final int GLOBAL_CALLERS = 7;

    /**
     * {@code arch_bpf_get_regs_nr} fails: never on x86 (v2 10/18 returns the
     * register count), the {@code __weak} default of verifier.c returns -ENODEV
     * on an architecture without it.
     */
    public static final FaultPoint ARCH_BPF_GET_REGS_NR = new FaultPoint("arch_bpf_get_regs_nr", Errno.ENODEV);
    /**
     * kfunc_md.c's allocations (v2 01/18): the {@code kzalloc} and
     * {@code percpu_ref_init} of a new md in {@code __kfunc_md_create}, and the
     * {@code kmalloc} of a {@code kfunc_md_tramp_prog} in {@code kfunc_md_bpf_link}.
     */
    public static final FaultPoint KFUNC_MD_ALLOC = new FaultPoint("kfunc_md_alloc", Errno.ENOMEM);

    public static final String NAME = "dong-v2-global";
    public static final String REGSNRPUT = "regsnrput";
    public static final String UNLINKUPDATE = "unlinkupdate";
    public static final String RESETROLLBACK = "resetrollback";
    public static final String MDUNLINKALL = "mdunlinkall";
    public static final String NORETMULTI = "noretmulti";
    static final String BUG_LINK_ERR_NO_MD_PUT = "bug_dv2_link_err_no_md_put";
    static final String BUG_UNLINK_NO_PUT_IP = "bug_dv2_unlink_no_put_ip";
    static final String BUG_NO_UPDATE = "bug_dv2_no_update";
    static final String BUG_NR_ARGS_PLUS_ONE = "bug_dv2_nr_args_plus_one";
    static final String BUG_PRIME_ERR_NO_UNLINK = "bug_dv2_prime_err_no_unlink";
    static final String BUG_RELEASE_NO_MOD_PUT = "bug_dv2_release_no_mod_put";
    static final String BUG_UNREG_KEEPS_DIRECT = "bug_dv2_unreg_keeps_direct";

    private static final String SYSCALL = "bpf_tracing_prog_attach_multi (seed 003 v2 11/18)";
    private static final String TRAMPOLINE = "bpf_gtrampoline_link_prog (seed 003 v2 05/18)";
    private static final String UNLINK = "__bpf_gtrampoline_unlink_prog (seed 003 v2 05/18)";

    /** Its fixes and seeded bugs (family {@code dong-v2-global}): name, kind, kernel place, summary. */
    static final List<Switch> OWN_SWITCHES = List.of(
            own(REGSNRPUT, Switch.Kind.FIX, SYSCALL,
                    "H2 fix: a failing arch_bpf_get_regs_nr puts the module bpf_check_attach_target pinned"),
            own(UNLINKUPDATE, Switch.Kind.FIX, UNLINK,
                    "H6a fix: the update in unlink cannot fail (its memory reserved when linking)"),
            own(RESETROLLBACK, Switch.Kind.FIX, "reset_ftrace_direct_ips (seed 003 v2 04/18)",
                    "H6b fix: a failure after ftrace_direct_update removes the direct entries it added"),
            own(MDUNLINKALL, Switch.Kind.FIX, UNLINK,
                    "H6c fix: unlink the entries that were linked ([0, cnt)) and go on past an error"),
            own(NORETMULTI, Switch.Kind.FIX, "bpf_check_attach_target (seed 003 v2 09/18)",
                    "H14b fix: noreturn_deny refuses FEXIT_MULTI and MODIFY_RETURN_MULTI too"),
            own(BUG_LINK_ERR_NO_MD_PUT, Switch.Kind.BUG, TRAMPOLINE,
                    "a failing kfunc_md_bpf_link keeps the md reference kfunc_md_create took"),
            own(BUG_UNLINK_NO_PUT_IP, Switch.Kind.BUG, UNLINK, "unlink never puts the mds (kfunc_md_put_ip)"),
            own(BUG_NO_UPDATE, Switch.Kind.BUG, TRAMPOLINE,
                    "a new md does not ask for the global trampolines' update: its function is never hooked"),
            own(BUG_NR_ARGS_PLUS_ONE, Switch.Kind.BUG, TRAMPOLINE, "kfunc_md_create is passed nr_args + 1"),
            own(BUG_PRIME_ERR_NO_UNLINK, Switch.Kind.BUG, SYSCALL,
                    "a failing bpf_link_prime frees the link without unlinking it"),
            own(BUG_RELEASE_NO_MOD_PUT, Switch.Kind.BUG, "__bpf_tracing_multi_link_release (seed 003)",
                    "__release puts the BTFs but not the modules"),
            own(BUG_UNREG_KEEPS_DIRECT, Switch.Kind.BUG, "bpf_gtrampoline_update (seed 003 v2 05/18)",
                    "unregistering a global trampoline's ops leaves its direct_functions entries"));

    private static Switch own(String name, Switch.Kind kind, String place, String summary) {
        return new Switch(name, kind, NAME, place, summary);
    }

    /** Its TLA+ module: spec/src/main/tla/DongV2Global.tla, MCDongV2Global.tla and its three configs. */
    public static final TlaModule MODULE = TlaModule.of("DongV2Global");

    /** Seed 003 v2 as posted, no switch on. */
    public static final Preset PRESET = new Preset(NAME, HashSet.empty(), DongV2Global::new,
            List.of(Switches.DONG_UAPI), Option.of(MODULE),
            new McSteps(McBounds.DONG_V1_LOADS, List.of(McBounds.MODULE_PAIR, McBounds.REVERSED_PAIR,
                    McBounds.DUPLICATE_PAIR, McBounds.SUBPROG_OVERLAP), true, MAX_TRACING_MULTI_CNT + 1),
            OWN_SWITCHES);

    /**
     * H2: {@code bpf_check_attach_target} pinned the target's module
     * ({@code tgt_info.tgt_mod}); when {@code arch_bpf_get_regs_nr} then fails
     * the loop jumps to err_out_unlock before the module is in {@code mods},
     * so nothing puts it (v2 11/18).
     */
    static final KnownFinding H2 = new KnownFinding("H2", REGSNRPUT,
            List.of(Symptom.of("REF_MODULE", "module .*"), Symptom.of("QUIESCENT_IS_EMPTY", "module .*"),
                    Symptom.of("FAILED_SYSCALL_CHANGES_NOTHING", "syscall returning ENODEV: .*")),
            "a failing arch_bpf_get_regs_nr leaks the module bpf_check_attach_target pinned");

    /** What a global trampoline out of step with the metadata breaks. */
    private static final List<Symptom> OUT_OF_STEP = List.of(Symptom.any("GTRAMP_FILTER_MATCHES_MD"),
            Symptom.any("GTRAMP_DIRECT_MATCHES_FILTER"), Symptom.any("FAILED_SYSCALL_CHANGES_NOTHING"));

    /**
     * H6a: {@code __bpf_gtrampoline_unlink_prog} ignores what
     * {@code bpf_gtrampoline_update_all()} returns: a failed unregister or
     * reset leaves the ops hooking functions whose md is gone (a later classic
     * attach there gets -EBUSY), and the attach rollback leaves the filter
     * changed.
     */
    static final KnownFinding H6A = new KnownFinding("H6a", UNLINKUPDATE, OUT_OF_STEP,
            "unlink ignores bpf_gtrampoline_update_all()'s result: the ops keep hooking functions without progs");

    /**
     * H6b: {@code reset_ftrace_direct_ips} adds the new functions to
     * {@code direct_functions} first; when copying the old filter or setting the
     * new one then fails it returns the error with the entries still there, and
     * no later reset removes them (they were never in the filter).
     */
    static final KnownFinding H6B = new KnownFinding("H6b", RESETROLLBACK,
            List.of(Symptom.any("GTRAMP_DIRECT_MATCHES_FILTER"), Symptom.any("FAILED_SYSCALL_CHANGES_NOTHING")),
            "reset_ftrace_direct_ips fails after extending direct_functions and leaves the entries");

    /**
     * H6c: the unlink walks every entry of the link, also on the attach
     * rollback where only [0, i) were linked, and returns at the first
     * {@code kfunc_md_bpf_unlink} error without the update or the puts: a
     * duplicate target (-EEXIST) leaves its md with no prog and a user
     * forever; an entry whose md was never made (or just freed) WARNs.
     */
    static final KnownFinding H6C = new KnownFinding("H6c", MDUNLINKALL,
            List.of(Symptom.any("KFUNC_MD_USERS"), Symptom.any("KFUNC_MD_PROGS_MATCH_LINKS"),
                    Symptom.any("GTRAMP_FILTER_MATCHES_MD"), Symptom.any("GTRAMP_DIRECT_MATCHES_FILTER"),
                    Symptom.of("NO_KERNEL_WARN", "kfunc_md .* missing"),
                    Symptom.any("FAILED_SYSCALL_CHANGES_NOTHING")),
            "unlink walks entries that were never linked and stops at the first kfunc_md_bpf_unlink error");

    /**
     * H14b: v2 09/18 moves {@code btf_id_deny} and {@code noreturn_deny} into
     * {@code bpf_check_attach_target} "so we can do such checking during
     * attaching for tracing multi-link", but the noreturn check still names
     * {@code BPF_TRACE_FEXIT} and {@code BPF_MODIFY_RETURN} only, and 11/18 adds
     * no *_MULTI type there: an FEXIT_MULTI or MODIFY_RETURN_MULTI link attaches
     * to do_exit, whose global caller never gets to run the fexit progs (the
     * reason for the list). The deny half of dong-v1's H14 is closed in v2.
     */
    static final KnownFinding H14B = new KnownFinding("H14b", NORETMULTI,
            List.of(Symptom.of("KFUNC_MD_ATTACH_ALLOWED", "kfunc_md .* \\(noreturn\\)")),
            "noreturn_deny names FEXIT and MODIFY_RETURN only: FEXIT_MULTI and MODIFY_RETURN_MULTI attach to do_exit");

    public DongV2Global {
        switches = switches.toSet();
    }

    @Override
    public String preset() {
        return NAME;
    }

    @Override
    public boolean loadsMulti(ProgType type) {
        return type.multi();
    }

    @Override
    public boolean multiVerifiedAgainstTarget() {
        return false;
    }

    @Override
    public Either<Errno, Integer> attachMulti(Tx tx, Prog prog, Op.AttachMulti op) {
        Either<Errno, DongV1.LinkStart> start = DongV1.linkStart(tx, op, MAX_TRACING_MULTI_CNT);
        if (start.isLeft()) {
            return Either.left(start.getLeft());
        }
        DongV1.UserArrays arrays = start.get().arrays();
        int linkId = start.get().linkId();
        DongV1.Refs refs = new DongV1.Refs();
        Either<Errno, List<Entry>> collected = collect(tx, prog, start.get().targets(), start.get().cookies(), refs);
        List<Entry> entries = collected.getOrElse(List.empty());
        Errno err = collected.isLeft() ? collected.getLeft()
                : linkProg(tx, prog.id(), prog.type().kind(), linkId, entries);
        if (err.ok() && tx.fails(FaultPoint.LINK_PRIME)) {
            if (!tx.on(BUG_PRIME_ERR_NO_UNLINK)) {
                unlinkProg(tx, prog.id(), prog.type().kind(), linkId, entries, entries.size());
            }
            err = tx.faultErrno(FaultPoint.LINK_PRIME);
        }
        if (!err.ok()) {
            // err_out_unlock: __release (mods, btfs, entries), then err_out: the arrays and the link
            release(tx, refs.mods, refs.btfs);
            tx.kfree(start.get().entries());
            arrays.kfreeAll(tx);
            tx.kfree(start.get().link());
            return Either.left(err);
        }
        tx.adopt(start.get().link());
        tx.adopt(start.get().entries());
        arrays.kfreeAll(tx);
        tx.set(tx.state().withLinks(tx.state().links().put(linkId, new Link(linkId, LinkType.TRACING_MULTI,
                prog.id(), List.empty(), Option.none(), List.empty(), refs.btfs, refs.mods))));
        DongV2GlobalObjects o = objects(tx);
        store(tx, o.withLinks(o.links().put(linkId, entries)));
        tx.event("bpf_link_settle", "link " + linkId, -1);
        return Either.right(linkId);
    }

    /**
     * The per-target loop of {@code bpf_tracing_prog_attach_multi} under
     * {@code dst_mutex}: the target, its BTF and module into the ptr_arrays,
     * the checks, the argument count; the entries in target order.
     */
    private Either<Errno, List<Entry>> collect(Tx tx, Prog prog, List<Target> targets, List<Long> cookies,
                                               DongV1.Refs refs) {
        List<Entry> entries = List.empty();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            if (t instanceof Target.Subprog sp) {
                // bpf_tracing_get_target: a prog fd is a target prog; "the global trampoline link is
                // ftrace based, bpf2bpf is not supported for now": bpf_prog_put, -EOPNOTSUPP
                if (tx.state().progByFd(sp.prog()).isEmpty()) {
                    return Either.left(Errno.EBADF);
                }
                tx.progInc(sp.prog());
                tx.progPut(sp.prog());
                return Either.left(Errno.EOPNOTSUPP);
            }
            Errno err = DongV1.getTarget(tx, t, refs);
            if (!err.ok()) {
                return Either.left(err);
            }
            // attach_tracing_prog = tgt_prog && ...: tgt_prog is NULL here, so it is written false, which the
            // model's multi progs already are (their load names a kernel function)
            Either<Errno, AttachTarget.Info> info = AttachTarget.check(tx, prog.type(), prog.sleepable(), t);
            if (info.isLeft()) {
                return Either.left(info.getLeft());
            }
            KernelFunc fn = tx.state().world().function(((Target.Func) t).name()).get();
            // v2 09/18 moves btf_id_deny and noreturn_deny into bpf_check_attach_target, which drops its module
            // on error; noreturn_deny names BPF_TRACE_FEXIT and BPF_MODIFY_RETURN only (H14b)
            boolean noreturn = fn.noreturn() && tx.on(NORETMULTI) && prog.type().kind() != TrampKind.FENTRY;
            if (fn.denied() || noreturn) {
                info.get().module().forEach(tx::modulePut);
                return Either.left(Errno.EINVAL);
            }
            if (tx.fails(ARCH_BPF_GET_REGS_NR)) {
                if (tx.on(REGSNRPUT)) {
                    info.get().module().forEach(tx::modulePut);
                }
                return Either.left(tx.faultErrno(ARCH_BPF_GET_REGS_NR));
            }
            for (String m : info.get().module()) {
                if (refs.mods.contains(m)) {
                    // bpf_try_add_ptr: -EEXIST, the extra reference goes
                    tx.modulePut(m);
                } else {
                    refs.mods = refs.mods.append(m);
                }
            }
            // bpf_tracing_check_multi compares the accessed args with the first target's;
            // the model's progs access none, so it passes
            entries = entries.append(new Entry(fn.name(), cookies.get(i)));
        }
        return Either.right(entries);
    }

    /** {@code bpf_gtrampoline_link_prog} (v2 05/18) under {@code global_tr_lock}. */
    private Errno linkProg(Tx tx, int prog, TrampKind kind, int linkId, List<Entry> entries) {
        for (Entry e : entries) {
            int n = nrArgs(tx, e.func());
            if (n > MAX_BPF_FUNC_ARGS || n >= GLOBAL_CALLERS) {
                // "check if the function arguments count is supported by the arch": no global caller
                return Errno.EOPNOTSUPP;
            }
        }
        boolean update = false;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int n = nrArgs(tx, e.func()) + (tx.on(BUG_NR_ARGS_PLUS_ONE) ? 1 : 0);
            Option<Md> md = mdCreate(tx, e.func(), n);
            Errno err;
            if (md.isDefined()) {
                // "the function is not in the filter hash of gtr, we need update the global trampoline"
                if (!md.get().hasProgs() && !tx.on(BUG_NO_UPDATE)) {
                    update = true;
                }
                err = mdLink(tx, e.func(), prog, kind, e.cookie());
            } else {
                err = Errno.ENOMEM;
            }
            if (!err.ok()) {
                if (md.isDefined() && !tx.on(BUG_LINK_ERR_NO_MD_PUT)) {
                    mdPut(tx, e.func());
                }
                unlinkProg(tx, prog, kind, linkId, entries, i);
                return err;
            }
        }
        if (update) {
            Errno err = updateAll(tx);
            if (!err.ok()) {
                unlinkProg(tx, prog, kind, linkId, entries, entries.size());
                return err;
            }
        }
        return Errno.OK;
    }

    /**
     * {@code __bpf_gtrampoline_unlink_prog(link, cnt)}: the prog leaves every
     * entry's md, then the update (result ignored, H6a), then the first
     * {@code cnt} mds are put. Its own result is ignored by every caller.
     */
    private void unlinkProg(Tx tx, int prog, TrampKind kind, int linkId, List<Entry> entries, int cnt) {
        int walk = tx.on(MDUNLINKALL) ? cnt : entries.size();
        for (Entry e : entries.take(walk)) {
            DongV2GlobalObjects o = objects(tx);
            Option<Md> md = o.md().get(e.func());
            if (md.isEmpty()) {
                tx.warn(Warning.Kind.UNLINK_FAILED, "kfunc_md " + e.func() + " missing");
                continue;
            }
            // kfunc_md_bpf_unlink: the first node of this prog on the kind's list, else -EINVAL
            List<MdProg> list = md.get().list(kind);
            int at = list.indexWhere(p -> p.prog() == prog);
            if (at < 0) {
                if (!tx.on(MDUNLINKALL)) {
                    return;
                }
                tx.warn(Warning.Kind.UNLINK_FAILED, "link " + linkId + " " + e.func() + ": EINVAL");
                continue;
            }
            store(tx, o.withMd(o.md().put(e.func(), md.get().withList(kind, list.removeAt(at)))));
            tx.event("kfunc_md_bpf_unlink", e.func() + " prog " + prog, -1);
        }
        if (tx.on(UNLINKUPDATE)) {
            tx.withoutFaults(() -> updateAll(tx));
        } else {
            updateAll(tx);
        }
        if (!tx.on(BUG_UNLINK_NO_PUT_IP)) {
            // kfunc_md_put_ip: kfunc_md_put(kfunc_md_get(ip)), nothing for a missing md
            entries.take(cnt).forEach(e -> mdPut(tx, e.func()));
        }
    }

    /** {@code kfunc_md_create}: the function's md with one more user, or a new one; none when allocation fails. */
    private static Option<Md> mdCreate(Tx tx, String f, int nrArgs) {
        DongV2GlobalObjects o = objects(tx);
        Option<Md> have = o.md().get(f);
        Md md;
        if (have.isDefined()) {
            md = have.get().withUsers(have.get().users() + 1);
        } else if (tx.fails(KFUNC_MD_ALLOC)) {
            tx.event("kfunc_md_create", f + " (NULL)", -1);
            return Option.none();
        } else {
            md = Md.fresh(nrArgs);
        }
        store(tx, o.withMd(o.md().put(f, md)));
        tx.event("kfunc_md_create", f, md.users());
        return Option.of(md);
    }

    /** {@code kfunc_md_bpf_link}: -EEXIST when the prog is on the kind's list already; appended at its tail. */
    private static Errno mdLink(Tx tx, String f, int prog, TrampKind kind, long cookie) {
        DongV2GlobalObjects o = objects(tx);
        Md md = o.md().get(f).get();
        if (md.list(kind).exists(p -> p.prog() == prog)) {
            return Errno.EEXIST;
        }
        if (tx.fails(KFUNC_MD_ALLOC)) {
            return Errno.ENOMEM;
        }
        store(tx, o.withMd(o.md().put(f, md.withList(kind, md.list(kind).append(new MdProg(prog, cookie))))));
        tx.event("kfunc_md_bpf_link", f + " prog " + prog, -1);
        return Errno.OK;
    }

    /** {@code kfunc_md_put}: one user less; the last one takes the md out of the table. */
    private static void mdPut(Tx tx, String f) {
        DongV2GlobalObjects o = objects(tx);
        Option<Md> md = o.md().get(f);
        if (md.isEmpty()) {
            return;
        }
        int users = md.get().users() - 1;
        store(tx, o.withMd(users > 0 ? o.md().put(f, md.get().withUsers(users)) : o.md().remove(f)));
        tx.event("kfunc_md_put", f, users);
    }

    /** {@code bpf_gtrampoline_update_all}: gtr 0..6 in order, returning at the first error. */
    private static Errno updateAll(Tx tx) {
        for (int n = 0; n < GLOBAL_CALLERS; n++) {
            Errno err = update(tx, n);
            if (!err.ok()) {
                return err;
            }
        }
        return Errno.OK;
    }

    /** {@code bpf_gtrampoline_update}: unregister, reset or register gtr {@code n}'s ops. */
    private static Errno update(Tx tx, int n) {
        DongV2GlobalObjects o = objects(tx);
        TreeSet<String> ips = o.ips(n);
        if (ips.isEmpty()) {
            if (!o.enabled(n)) {
                return Errno.OK;
            }
            // unregister_ftrace_direct(fops, image, true): its entries leave direct_functions, the filter goes
            if (tx.fails(FaultPoint.FTRACE_UNREGISTER)) {
                return tx.faultErrno(FaultPoint.FTRACE_UNREGISTER);
            }
            TreeSet<String> direct = tx.on(BUG_UNREG_KEEPS_DIRECT) ? o.direct() : o.direct().removeAll(o.hooked(n));
            store(tx, o.withGtr(o.gtr().remove(n)).withDirect(direct));
            tx.event("unregister_ftrace_direct", "bpf_global_caller_" + n, -1);
            return Errno.OK;
        }
        if (o.enabled(n)) {
            return reset(tx, n, ips);
        }
        // ftrace_set_filter_ips(fops, ips, cnt, 0, 1): ftrace_location of each ip (-EINVAL), the hash
        if (ips.exists(f -> !ftraceable(tx, f))) {
            return Errno.EINVAL;
        }
        if (tx.fails(FaultPoint.FTRACE_HASH_ALLOC)) {
            return tx.faultErrno(FaultPoint.FTRACE_HASH_ALLOC);
        }
        // register_ftrace_direct -> ftrace_direct_update (v2 03/18): -EBUSY when an ip has a direct entry
        // (a classic trampoline's, 6.12 kernel/trace/ftrace.c:6001-6008), then the new direct_functions
        if (ips.exists(f -> hasDirect(tx, o, f))) {
            return Errno.EBUSY;
        }
        if (tx.fails(FaultPoint.FTRACE_REGISTER)) {
            return tx.faultErrno(FaultPoint.FTRACE_REGISTER);
        }
        store(tx, o.withGtr(o.gtr().put(n, ips)).withDirect(o.direct().addAll(ips)));
        tx.event("register_ftrace_direct", "bpf_global_caller_" + n, -1);
        return Errno.OK;
    }

    /**
     * {@code reset_ftrace_direct_ips} (v2 04/18): the new ips into
     * {@code direct_functions}, then the filter, then the entries of the ips
     * that left. A failure after the first step keeps the entries (H6b).
     */
    private static Errno reset(Tx tx, int n, TreeSet<String> ips) {
        DongV2GlobalObjects o = objects(tx);
        if (tx.fails(FaultPoint.FTRACE_HASH_ALLOC)) {
            return tx.faultErrno(FaultPoint.FTRACE_HASH_ALLOC);
        }
        if (ips.exists(f -> !ftraceable(tx, f))) {
            // ftrace_location(ips[i]) == 0
            return Errno.ENOENT;
        }
        TreeSet<String> old = o.hooked(n);
        TreeSet<String> added = ips.removeAll(old);
        if (added.exists(f -> hasDirect(tx, o, f))) {
            return Errno.EBUSY;
        }
        if (tx.fails(FaultPoint.FTRACE_REGISTER)) {
            return tx.faultErrno(FaultPoint.FTRACE_REGISTER);
        }
        DongV2GlobalObjects extended = o.withDirect(o.direct().addAll(added));
        store(tx, extended);
        tx.event("ftrace_direct_update", "bpf_global_caller_" + n + " +" + added.mkString(","), -1);
        // alloc_and_copy_ftrace_hash of the old filter, ftrace_set_filter_ips
        if (tx.fails(FaultPoint.FTRACE_HASH_ALLOC)) {
            if (tx.on(RESETROLLBACK)) {
                store(tx, o);
            }
            return tx.faultErrno(FaultPoint.FTRACE_HASH_ALLOC);
        }
        store(tx, extended.withGtr(o.gtr().put(n, ips)).withDirect(extended.direct().removeAll(old.removeAll(ips))));
        tx.event("reset_ftrace_direct_ips", "bpf_global_caller_" + n, -1);
        return Errno.OK;
    }

    /** {@code ftrace_find_rec_direct(ip)}: a global caller's entry, or a classic trampoline's call. */
    private static boolean hasDirect(Tx tx, DongV2GlobalObjects o, String f) {
        return o.direct().contains(f) || tx.state().directCalls().containsKey(new Target.Func(f));
    }

    private static boolean ftraceable(Tx tx, String f) {
        return tx.state().world().function(f).exists(KernelFunc::ftraceable);
    }

    /** {@code arch_bpf_get_regs_nr}: the world's functions have no struct arguments. */
    private static int nrArgs(Tx tx, String f) {
        return tx.state().world().function(f).map(KernelFunc::nrArgs).getOrElse(0);
    }

    private static DongV2GlobalObjects objects(Tx tx) {
        return DongV2GlobalObjects.of(tx.state().designObjects());
    }

    private static void store(Tx tx, DongV2GlobalObjects o) {
        tx.set(tx.state().withDesignObjects(o.normal()));
    }

    /** {@code __bpf_tracing_multi_link_release}: the modules, the BTFs (the caller frees {@code entries}). */
    private static void release(Tx tx, List<String> mods, List<String> btfs) {
        if (!tx.on(BUG_RELEASE_NO_MOD_PUT)) {
            mods.forEach(tx::modulePut);
        }
        btfs.forEach(tx::btfPut);
    }

    @Override
    public void releaseMulti(Tx tx, Link link) {
        List<Entry> entries = objects(tx).links().get(link.id()).getOrElse(List.empty());
        unlinkProg(tx, link.prog(), tx.linkKind(link), link.id(), entries, entries.size());
        release(tx, link.mods(), link.btfs());
        DongV2GlobalObjects o = objects(tx);
        store(tx, o.withLinks(o.links().remove(link.id())));
    }

    @Override
    public List<Invariant> invariants() {
        return DongV2GlobalInvariants.ALL;
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return Classic.CLASSIC_POINTS.appendAll(List.of(FaultPoint.ARRAY_ALLOC, FaultPoint.COPY_FROM_USER,
                FaultPoint.KVMALLOC_VMALLOC, FaultPoint.FTRACE_HASH_ALLOC, ARCH_BPF_GET_REGS_NR, KFUNC_MD_ALLOC));
    }

    @Override
    public List<KnownFinding> presetFindings() {
        return List.of(H2, H6A, H6B, H6C, H14B, DongV1.H1, Classic.H15, Classic.H9);
    }
}
