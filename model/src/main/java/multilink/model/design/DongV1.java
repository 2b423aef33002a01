package multilink.model.design;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.kernel.AttachTarget;
import multilink.model.kernel.DirectFentryOps;
import multilink.model.kernel.Trampolines;
import multilink.model.kernel.Tx;
import multilink.model.state.Link;
import multilink.model.state.LinkEntry;
import multilink.model.state.LinkType;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.state.TrampKind;
import multilink.model.state.TrampNode;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.world.KernelFunc;
import multilink.model.world.RawBtfId;
import multilink.model.world.Target;

/**
 * Menglong Dong's 2024 tracing multi link (seeds 001/002,
 * {@code bpf_tracing_prog_attach_multi} in kernel/bpf/syscall.c, kernel-facts
 * 2.3): per-target BTF/prog/module references kept once each in
 * {@code ptr_array}s, one trampoline per target, each linked with its own
 * ftrace operation. Multi progs load like classic ones against their first
 * target, so they hold a {@code dst_trampoline} until the first attach.
 */
public class DongV1 implements Design {

    /** seed 001: {@code #define MAX_TRACING_MULTI_CNT 1024}. */
    public static final int MAX_TRACING_MULTI_CNT = 1024;

    /** Seeds 001/002 as posted, no switch on; spec module DongV1 (MCDongV1.tla's steps). */
    public static final Preset PRESET = new Preset("dong-v1", io.vavr.collection.HashSet.empty(), DongV1::new,
            List.of(Switches.DONG_UAPI), Option.of(TlaModule.of("DongV1")), new McSteps(McBounds.DONG_V1_LOADS,
                    List.of(McBounds.MODULE_PAIR, McBounds.SUBPROG_OVERLAP, McBounds.MODULE_DUPLICATE), true,
                    MAX_TRACING_MULTI_CNT + 1), List.empty());

    /** What entries left linked on trampolines the link no longer holds break (H5). */
    private static final List<Symptom> LEFT_LINKED = List.of(Symptom.any("NO_DANGLING"),
            Symptom.any("LINKINFO_MATCHES"), Symptom.any("NO_KERNEL_WARN"), Symptom.any("QUIESCENT_IS_EMPTY"),
            Symptom.any("IMAGE_MATCHES_PROGS"), Symptom.any("FTRACE_MATCHES_TRAMPOLINES"),
            Symptom.any("IMAGE_OWNED"), Symptom.any("FAILED_SYSCALL_CHANGES_NOTHING"));

    /**
     * H5: {@code bpf_trampoline_multi_unlink_prog} stops at the first entry whose
     * update fails, then {@code __release} puts every trampoline anyway: the
     * later entries' nodes stay hashed on trampolines (or leak them) while the
     * link and its prog go away. The same on the attach rollback (unlink of
     * [0, i) after entry i failed), found by the random exploration.
     */
    static final KnownFinding H5 = new KnownFinding("H5", Switches.UNLINKALL, LEFT_LINKED,
            "unlink stops at the first failing entry; __release puts all trampolines with nodes still on them");

    /**
     * H1: btf_ids, tgt_fds and cookies come from {@code kvmalloc_array} but
     * every exit frees them with {@code kfree}; wrong whenever kvmalloc fell
     * back to vmalloc.
     */
    static final KnownFinding H1 = new KnownFinding("H1", Switches.KVFREE,
            List.of(Symptom.any("FREE_MATCHES_ALLOC"),
                    Symptom.of("FAILED_SYSCALL_CHANGES_NOTHING", ".*: warning FREE_MISMATCH.*")),
            "kvmalloc'd user arrays freed with kfree (vmalloc memory)");

    /**
     * H3: the error path frees {@code link.entries} only when {@code link.cnt}
     * is not 0, so a failure before the first entry counts (-EEXIST, or any
     * error on the first target) leaks it.
     */
    static final KnownFinding H3 = new KnownFinding("H3", Switches.FREEENTRIES,
            List.of(Symptom.of("NO_MEMORY_LEAK", "link\\.entries"),
                    Symptom.of("FAILED_SYSCALL_CHANGES_NOTHING", ".*: warning MEMORY_LEAK\\(link\\.entries\\)")),
            "link.entries leaked when the attach fails before the first entry counts");

    /**
     * H14: seed 001 checks {@code btf_id_deny} only in {@code check_attach_btf_id},
     * i.e. for the first target at load; the per-target
     * {@code bpf_check_attach_target} of the attach does not (seed 003's patch 09
     * moves btf_id_deny there). {@code noreturn_deny} is newer than seed 001
     * (upstream cfe816d469dc, 2025-03) and, where it exists, names FEXIT and
     * MODIFY_RETURN only (kernel/bpf/verifier.c:22997-22998 in 6.12), so an
     * FEXIT_MULTI prog loads and attaches on do_exit, whose trampoline never
     * sees the function return (the reason for that list). So a multi link
     * reaches migrate_disable through a later target, or do_exit. The fix
     * checks both lists for every target.
     */
    static final KnownFinding H14 = new KnownFinding("H14", Switches.DENYCHECK,
            List.of(Symptom.of("ATTACH_ALLOWED", ".*(btf_id_deny|noreturn).*")),
            "later targets are not checked against btf_id_deny, no target against noreturn_deny");

    /**
     * H4: seed 001 writes {@code prog->aux->attach_tracing_prog} for each target
     * in turn, before that target's checks, and never restores it: a failed
     * attach leaves it changed (set by a tracing target, or cleared although
     * the prog was verified against a tracing prog), and a link whose last
     * target is no tracing prog leaves it clear although the prog traces a
     * tracing prog, so a tracing prog can then attach to this one: two levels
     * of nesting, which bpf_check_attach_target forbids (verifier.c:22621-22630
     * in 6.12). The fix sets it once the link exists, from every target, and
     * never clears it, as bpf_prog_load does (syscall.c:2821-2832).
     */
    static final KnownFinding H4 = new KnownFinding("H4", Switches.TRACINGFLAG,
            List.of(Symptom.of("ATTACH_ALLOWED", ".*\\(tracing nesting\\)"),
                    Symptom.of("FAILED_SYSCALL_CHANGES_NOTHING", "syscall returning \\w+: progs\\[\\d+\\]")),
            "attach_tracing_prog rewritten per target and kept after a failure");

    /** @param switches the switches on */
    public DongV1(io.vavr.collection.Set<String> switches) {
        this.switches = switches.toSet();
    }

    private final io.vavr.collection.Set<String> switches;

    @Override
    public io.vavr.collection.Set<String> switches() {
        return switches;
    }

    @Override
    public String preset() {
        return "dong-v1";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DongV1 d && d.getClass() == getClass() && d.switches.equals(switches);
    }

    @Override
    public int hashCode() {
        return switches.hashCode();
    }

    @Override
    public boolean loadsMulti(ProgType type) {
        return type.multi();
    }

    @Override
    public boolean multiVerifiedAgainstTarget() {
        return true;
    }

    /** The references a multi link collects, each object once (seed 001's ptr_array). */
    protected static final class Refs {
        List<Integer> progs = List.empty();
        List<String> btfs = List.empty();
        List<String> mods = List.empty();
        List<LinkEntry> entries = List.empty();
    }

    /** The kvmalloc'd user arrays of {@code bpf_tracing_multi_link_check}, NULL until allocated. */
    static final class UserArrays {
        Option<Tx.Buffer> cookies = Option.none();
        Option<Tx.Buffer> tgtFds = Option.none();
        Option<Tx.Buffer> btfIds = Option.none();

        /** err_out / success: {@code kfree} of each (H1: they came from kvmalloc), kvfree with the fix. */
        void kfreeAll(Tx tx) {
            java.util.function.Consumer<Tx.Buffer> free = tx.on(Switches.KVFREE) ? tx::kvfree : tx::kfree;
            btfIds.forEach(free);
            tgtFds.forEach(free);
            cookies.forEach(free);
        }
    }

    /**
     * What {@code bpf_tracing_prog_attach_multi} has after its first steps, in
     * seed 001 and in the later series that keeps its UAPI: the user arrays,
     * the link and its {@code entries} (the caller frees or adopts all three),
     * the link id the idr will give, and the targets and cookies the loop reads.
     */
    record LinkStart(UserArrays arrays, Tx.Buffer link, Tx.Buffer entries, int linkId, List<Target> targets,
                     List<Long> cookies) {
    }

    /**
     * {@code bpf_tracing_multi_link_check} with the series' limit {@code max},
     * then kzalloc of the link and of {@code entries[cnt]}; each failure frees
     * what came before.
     */
    static Either<Errno, LinkStart> linkStart(Tx tx, Op.AttachMulti op, int max) {
        UserArrays arrays = new UserArrays();
        Errno err = checkUserArrays(tx, op, arrays, max);
        if (!err.ok()) {
            arrays.kfreeAll(tx);
            return Either.left(err);
        }
        if (tx.fails(FaultPoint.LINK_ALLOC)) {
            arrays.kfreeAll(tx);
            return Either.left(Errno.ENOMEM);
        }
        Tx.Buffer linkObj = tx.kmalloc("bpf_tracing_multi_link");
        if (tx.fails(FaultPoint.ARRAY_ALLOC)) {
            arrays.kfreeAll(tx);
            tx.kfree(linkObj);
            return Either.left(Errno.ENOMEM);
        }
        Tx.Buffer entriesBuf = tx.kmalloc("link.entries");
        int cnt = op.count();
        return Either.right(new LinkStart(arrays, linkObj, entriesBuf, tx.freeLinkId(), op.targets().take(cnt),
                op.cookies().map(c -> c.take(cnt)).getOrElse(List.fill(cnt, 0L))));
    }

    @Override
    public Either<Errno, Integer> attachMulti(Tx tx, Prog prog, Op.AttachMulti op) {
        Either<Errno, LinkStart> start = linkStart(tx, op, MAX_TRACING_MULTI_CNT);
        if (start.isLeft()) {
            return Either.left(start.getLeft());
        }
        UserArrays arrays = start.get().arrays();
        Tx.Buffer linkObj = start.get().link();
        Tx.Buffer entriesBuf = start.get().entries();
        int linkId = start.get().linkId();
        List<Target> targets = start.get().targets();
        List<Long> cookies = start.get().cookies();
        Refs refs = new Refs();
        Errno err = collect(tx, prog, targets, cookies, refs);
        if (err.ok()) {
            err = linkAll(tx, prog, linkId, refs.entries);
        }
        if (err.ok() && tx.fails(FaultPoint.LINK_PRIME)) {
            if (!tx.on("bug_dong_prime_err_no_unlink")) {
                unlinkAll(tx, prog.id(), prog.type().kind(), linkId, refs.entries);
            }
            err = tx.faultErrno(FaultPoint.LINK_PRIME);
        }
        if (!err.ok()) {
            // err_out_unlock: __release frees entries only when link.cnt != 0 (H3)
            release(tx, refs.mods, refs.progs, refs.btfs, refs.entries);
            if (!refs.entries.isEmpty() || tx.on(Switches.FREEENTRIES)) {
                tx.kfree(entriesBuf);
            }
            arrays.kfreeAll(tx);
            if (!tx.on("bug_dong_err_leaks_link")) {
                tx.kfree(linkObj);
            }
            return Either.left(err);
        }
        tx.adopt(linkObj);
        tx.adopt(entriesBuf);
        Prog p = tx.prog(prog.id());
        if (!tx.on("bug_dong_keeps_dst_tramp")) {
            p.dstTrampoline().forEach(tx::trampolinePut);
        }
        tx.putProg(tx.prog(prog.id()).withDst(tx.prog(prog.id()).dstProg(), Option.none()));
        if (tx.on(Switches.TRACINGFLAG) && targets.exists(t -> AttachTarget.tracesATracingProg(tx.state(), prog.type(), t))) {
            // the fix: marked once the link exists, from every target, never cleared (as bpf_prog_load keeps it)
            tx.putProg(tx.prog(prog.id()).withAttachTracingProg(true));
        }
        arrays.kfreeAll(tx);
        Link link = new Link(linkId, LinkType.TRACING_MULTI, prog.id(), refs.entries, Option.none(), refs.progs,
                refs.btfs, refs.mods);
        tx.set(tx.state().withLinks(tx.state().links().put(linkId, link)));
        tx.event("bpf_link_settle", "link " + linkId, -1);
        return Either.right(linkId);
    }

    /**
     * {@code bpf_tracing_multi_link_check}: counts, then cookies, tgt_fds and
     * btf_ids, each kvmalloc'd and copied. The arrays it allocated stay with
     * the caller, which frees them on every exit. {@code max} is the series'
     * {@code MAX_TRACING_MULTI_CNT}: the same UAPI came with other limits.
     */
    static Errno checkUserArrays(Tx tx, Op.AttachMulti op, UserArrays arrays, int max) {
        int cnt = op.count();
        if (cnt == 0) {
            return Errno.EINVAL;
        }
        if (cnt > max) {
            return Errno.E2BIG;
        }
        if (op.cookies().isDefined()) {
            if (tx.fails(FaultPoint.ARRAY_ALLOC)) {
                return Errno.ENOMEM;
            }
            // u64 cookies: only cnt > 512 is above PAGE_SIZE, the one array that can be vmalloc'd (H1)
            arrays.cookies = Option.of(tx.kvmalloc("cookies", 8L * cnt));
            if (tx.fails(FaultPoint.COPY_FROM_USER) || op.cookies().get().size() < cnt) {
                return Errno.EFAULT;
            }
        }
        if (passesTgtFds(tx, op)) {
            if (tx.fails(FaultPoint.ARRAY_ALLOC)) {
                return Errno.ENOMEM;
            }
            // u32 fds: within PAGE_SIZE up to 1024 entries (seed 001's limit); above, vmalloc may back it
            arrays.tgtFds = Option.of(tx.kvmalloc("tgt_fds", 4L * cnt));
            if (tx.fails(FaultPoint.COPY_FROM_USER) || op.targets().size() < cnt) {
                return Errno.EFAULT;
            }
        }
        if (op.targets().isEmpty()) {
            return Errno.EINVAL;
        }
        if (tx.fails(FaultPoint.ARRAY_ALLOC)) {
            return Errno.ENOMEM;
        }
        arrays.btfIds = Option.of(tx.kvmalloc("btf_ids", 4L * cnt));
        if (tx.fails(FaultPoint.COPY_FROM_USER) || op.targets().size() < cnt) {
            return Errno.EFAULT;
        }
        // "for (i = 0; i < cnt; i++) if (!(*btf_ids)[i]) return -EINVAL;" (seed 001, after the copy)
        if (op.targets().take(cnt).exists(RawBtfId::isZero)) {
            return Errno.EINVAL;
        }
        return Errno.OK;
    }

    /**
     * Whether the caller passes a {@code tgt_fds} array. Seed 001's loop reads
     * {@code tgt_fd = tgt_fds ? tgt_fds[i] : 0} and {@code bpf_tracing_get_target}
     * takes fd 0 for vmlinux's BTF (seed 001, lines 197-224 and 366): a BPF
     * subprog target needs its prog's fd there and a module function its
     * module's BTF fd, so the array is there as soon as one target is either
     * (libbpf passes it then, seed 002).
     */
    private static boolean passesTgtFds(Tx tx, Op.AttachMulti op) {
        return op.targets().exists(t -> t instanceof Target.Subprog || (t instanceof Target.Func f
                && tx.state().world().function(f.name()).exists(fn -> fn.module().isDefined())));
    }

    /** The per-target loop under {@code dst_mutex}: references, checks, trampolines. */
    private Errno collect(Tx tx, Prog prog, List<Target> targets, List<Long> cookies, Refs refs) {
        if (prog.dstTrampoline().isEmpty()) {
            // "program is already attached, re-attach is not supported here yet"
            return Errno.EEXIST;
        }
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            Errno err = getTarget(tx, t, refs);
            if (!err.ok()) {
                return err;
            }
            if (!tx.on(Switches.TRACINGFLAG)) {
                // "prog->aux->attach_tracing_prog = tgt_prog && tgt_prog->type == BPF_PROG_TYPE_TRACING &&
                // prog->type == BPF_PROG_TYPE_TRACING;" per target, kept on every exit (H4)
                tx.putProg(tx.prog(prog.id()).withAttachTracingProg(
                        AttachTarget.tracesATracingProg(tx.state(), prog.type(), t)));
            }
            if (AttachTarget.savedDstMismatch(tx, prog, t)) {
                return Errno.EINVAL;
            }
            Either<Errno, AttachTarget.Info> info = AttachTarget.check(tx, prog.type(), prog.sleepable(), t);
            if (info.isLeft()) {
                return info.getLeft();
            }
            if (tx.on(Switches.DENYCHECK) && t instanceof Target.Func f) {
                // the fix: btf_id_deny / noreturn_deny inside bpf_check_attach_target, for every
                // target; the check drops the module it pinned on its own error
                KernelFunc fn = tx.state().world().function(f.name()).get();
                if (fn.denied() || (fn.noreturn() && prog.type().kind() != TrampKind.FENTRY)) {
                    info.get().module().forEach(tx::modulePut);
                    return Errno.EINVAL;
                }
            }
            for (String m : info.get().module()) {
                if (refs.mods.contains(m)) {
                    if (!tx.on("bug_dong_dup_mod_no_put")) {
                        tx.modulePut(m);
                    }
                } else {
                    refs.mods = refs.mods.append(m);
                }
            }
            // bpf_tracing_check_multi compares the accessed args with the first
            // target's; the model's progs access none, so it always passes
            if (!tx.trampolineGet(t)) {
                return Errno.ENOMEM;
            }
            refs.entries = refs.entries.append(new LinkEntry(t, cookies.get(i)));
        }
        return Errno.OK;
    }

    /**
     * {@code bpf_tracing_get_target}: a non-zero fd is a prog, else a BTF fd;
     * fd 0 is vmlinux. The model passes a module function's BTF fd and
     * vmlinux's as 0.
     */
    static Errno getTarget(Tx tx, Target t, Refs refs) {
        if (t instanceof Target.Subprog sp) {
            if (tx.state().progByFd(sp.prog()).isEmpty()) {
                return Errno.EBADF;
            }
            tx.progInc(sp.prog());
            if (refs.progs.contains(sp.prog())) {
                tx.progPut(sp.prog());
            } else {
                refs.progs = refs.progs.append(sp.prog());
            }
            return Errno.OK;
        }
        if (!(t instanceof Target.Func f)) {
            // an SDT probe: only an SDT load names one
            return Errno.EINVAL;
        }
        Option<KernelFunc> fn = tx.state().world().function(f.name());
        // an id that names no function of the world (a raw id) comes with fd 0: vmlinux's BTF,
        // taken here; bpf_check_attach_target rejects the id afterwards
        String btf = fn.map(KernelFunc::btf).getOrElse(multilink.model.world.Btfs.VMLINUX);
        if (!tx.state().btfs().containsKey(btf)) {
            // The module went away and nothing in the kernel holds its BTF any more, but
            // libbpf does: it keeps the BTF fds of a multi prog's targets (seed 002), so
            // btf_get_by_fd still succeeds and bpf_check_attach_target's
            // btf_try_get_module fails: -ENOENT (kernel/bpf/verifier.c:22779-22795 in 6.12). The
            // model keeps no user BTF fds; that btf_get and its put in __release cancel.
            return Errno.ENOENT;
        }
        tx.btfGet(btf);
        if (refs.btfs.contains(btf)) {
            if (!tx.on("bug_dong_dup_btf_no_put")) {
                tx.btfPut(btf);
            }
        } else {
            refs.btfs = refs.btfs.append(btf);
        }
        return Errno.OK;
    }

    /** {@code bpf_trampoline_multi_link_prog}: one normal link per entry; failure at i unlinks [0, i). */
    private Errno linkAll(Tx tx, Prog prog, int linkId, List<LinkEntry> entries) {
        TrampKind kind = prog.type().kind();
        for (int i = 0; i < entries.size(); i++) {
            LinkEntry e = entries.get(i);
            Errno err = Trampolines.linkProg(tx, e.tramp(), new TrampNode(linkId, prog.id(), e.cookie()), kind,
                    DirectFentryOps.INSTANCE);
            if (!err.ok()) {
                unlinkAll(tx, prog.id(), kind, linkId, entries.take(i));
                return err;
            }
        }
        return Errno.OK;
    }

    /** {@code bpf_trampoline_multi_unlink_prog}: stops at the first error (H5); goes on with unlinkall. */
    protected void unlinkAll(Tx tx, int prog, TrampKind kind, int linkId, List<LinkEntry> entries) {
        for (LinkEntry e : entries) {
            Errno err = Trampolines.unlinkProg(tx, e.tramp(), new TrampNode(linkId, prog, e.cookie()), kind,
                    DirectFentryOps.INSTANCE);
            if (!err.ok()) {
                if (!tx.on(Switches.UNLINKALL)) {
                    return;
                }
                tx.warn(multilink.model.state.Warning.Kind.UNLINK_FAILED, "link " + linkId + " " + e.tramp()
                        + ": " + err);
            }
        }
    }

    /** {@code __bpf_tracing_multi_link_release}: modules, target progs, BTFs, trampolines. */
    protected void release(Tx tx, List<String> mods, List<Integer> progs, List<String> btfs,
                           List<LinkEntry> entries) {
        mods.forEach(tx::modulePut);
        progs.forEach(tx::progPut);
        if (!tx.on("bug_dong_release_no_btf_put")) {
            btfs.forEach(tx::btfPut);
        }
        entries.forEach(e -> tx.trampolinePut(e.tramp()));
    }

    @Override
    public void releaseMulti(Tx tx, Link link) {
        unlinkAll(tx, link.prog(), tx.linkKind(link), link.id(), link.entries());
        release(tx, link.mods(), link.tgtProgs(), link.btfs(), link.entries());
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return Classic.CLASSIC_POINTS.appendAll(List.of(FaultPoint.ARRAY_ALLOC, FaultPoint.COPY_FROM_USER,
                FaultPoint.KVMALLOC_VMALLOC));
    }

    @Override
    public List<KnownFinding> presetFindings() {
        return List.of(H5, H3, H1, H14, H4, Classic.H15, Classic.H9);
    }
}
