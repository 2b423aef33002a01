package multilink.model.design;

import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.kernel.MultiFentryOps;
import multilink.model.kernel.Trampolines;
import multilink.model.kernel.Tx;
import multilink.model.state.Image;
import multilink.model.state.Link;
import multilink.model.state.LinkEntry;
import multilink.model.state.LinkType;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.state.TrampKind;
import multilink.model.state.TrampNode;
import multilink.model.state.Warning;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;

import java.util.LinkedHashMap;

/**
 * Jiri Olsa's tracing multi link on the single ftrace {@code direct_ops}:
 * seed 000 (PATCHv3 09/24, {@code bpf_tracing_multi_attach} in
 * kernel/trace/bpf_trace.c) over {@code bpf_trampoline_multi_attach/detach}
 * (kernel/bpf/trampoline.c, kernel-facts 2.5). One class for both the series
 * as posted ({@code olsa-v3}) and as merged ({@code upstream}); the switches
 * {@code cookies}, {@code sort}, {@code dedup} and {@code retirefix} say
 * which of the merged changes are in.
 *
 * <p>Sources and gaps: the v3 form of {@code bpf_trampoline_multi_attach}
 * (patch 08) was not available, so olsa-v3 runs the merged trampoline code
 * without the duplicate-key check and without the image-retirement fix
 * (kernel-facts 2.5, 10). The merged {@code bpf_tracing_multi_attach} was not
 * available either: where the cookies are copied and the keys sorted relative
 * to the link allocation is inferred from the arrays belonging to the link
 * only from prime on, and from selftest fail#7 (duplicate id, -EINVAL).
 *
 * @param preset         "olsa-v3" or "upstream"
 * @param switches       the switches on
 * @param presetFindings the preset's findings: olsa-v3 as posted has H7, H8, H9 and H15; upstream H9
 *                       only (it ships the fixes of H7, H8 and H15, so a variant of upstream without
 *                       them breaks a rule upstream keeps: a new violation, not a known finding)
 */
public record SingleOpsMulti(String preset, io.vavr.collection.Set<String> switches,
                             List<KnownFinding> presetFindings) implements Design {

    /** seed 000: {@code MAX_TRACING_MULTI_CNT (1U << 20)}. */
    public static final int MAX_TRACING_MULTI_CNT = 1 << 20;

    /** The merged changes (kernel-facts 2.5) and the merged unregister_fentry: what upstream has on. */
    static final io.vavr.collection.Set<String> UPSTREAM_SWITCHES = HashSet.of(Switches.COOKIES,
            Switches.SORT, Switches.DEDUP, Switches.RETIREFIX, Switches.UNREGKEEP);

    /** MCOlsaV3/MCUpstream's steps: SingleOpsLoads, SingleList, ReversedPair, DuplicatePair. */
    private static McSteps steps(boolean cookies) {
        return new McSteps(McBounds.SINGLE_OPS_LOADS, List.of(McBounds.SINGLE_LIST, McBounds.REVERSED_PAIR,
                McBounds.DUPLICATE_PAIR), cookies, MAX_TRACING_MULTI_CNT + 1);
    }

    /** What a stale or freed image breaks once ftrace and cur_image disagree (H7, H8). */
    private static final List<Symptom> IMAGE_DAMAGE = List.of(
            Symptom.of("NO_DANGLING", "trampoline .* cur_image|ftrace site .*|img\\(.*\\) calls"),
            Symptom.any("IMAGE_OWNED"), Symptom.any("FTRACE_MATCHES_TRAMPOLINES"),
            Symptom.any("IMAGE_MATCHES_PROGS"), Symptom.of("NO_UNDERFLOW", "image .*"),
            Symptom.of("QUIESCENT_IS_EMPTY", "img\\(.*|site .*"));

    /**
     * H7: v3 shows no duplicate-id check. Two nodes land on one trampoline; the
     * second {@code multi_attach_init} overwrites {@code old_image} with the
     * image node 0 just installed, node 1 fails -EBUSY, and rolling node 0 back
     * puts that image and makes it current again: a freed image in use, the real
     * old image leaked.
     */
    static final KnownFinding H7 = new KnownFinding("H7", Switches.DEDUP,
            IMAGE_DAMAGE.append(Symptom.any("FAILED_SYSCALL_CHANGES_NOTHING")),
            "duplicate ids: rollback restores the image it just freed as cur_image and leaks the old one");

    /**
     * H8: before the fix, detach put {@code old_image} even when the update
     * failed before modify, while it was still {@code cur_image} and ftrace
     * still called it.
     */
    static final KnownFinding H8 = new KnownFinding("H8", Switches.RETIREFIX, IMAGE_DAMAGE,
            "detach puts old_image although the failed update left it current (use after free)");

    /** Seed 000 as posted (PATCHv3), no switch on; spec module OlsaV3 (no cookies in its UAPI). */
    public static final Preset OLSA_V3 = new Preset("olsa-v3", HashSet.empty(),
            s -> new SingleOpsMulti("olsa-v3", s, List.of(H7, H8, Classic.H15, Classic.H9)),
            List.of(Switches.SINGLE_OPS), Option.of(TlaModule.of("OlsaV3")), steps(false), List.empty());

    /** Seed 000 as merged: the same code with {@link #UPSTREAM_SWITCHES}; spec module Upstream. */
    public static final Preset UPSTREAM = new Preset("upstream", UPSTREAM_SWITCHES,
            s -> new SingleOpsMulti("upstream", s, List.of(Classic.H9)), List.of(Switches.SINGLE_OPS),
            Option.of(TlaModule.of("Upstream")), steps(true), List.empty());

    public SingleOpsMulti {
        switches = switches.toSet();
    }

    @Override
    public boolean loadsMulti(ProgType type) {
        // no MODIFY_RETURN_MULTI in this series
        return type == ProgType.FENTRY_MULTI || type == ProgType.FEXIT_MULTI;
    }

    @Override
    public boolean multiVerifiedAgainstTarget() {
        return false;
    }

    // No attrFits: CHECK_ATTR(BPF_LINK_CREATE) rejects non-zero bytes past the
    // end of the whole link_create union only. v3's tracing_multi {ids, cnt}
    // ends at byte 12 of the union; the merged layout's cookies pointer follows
    // at byte 16, inside the union (kprobe_multi {flags, cnt, syms, addrs,
    // cookies} reaches byte 32), so a v3 kernel never sees it and ignores it:
    // the attach goes on with cookies 0 (attachMulti reads them only with the
    // cookies switch).

    @Override
    public Either<Errno, Integer> attachMulti(Tx tx, Prog prog, Op.AttachMulti op) {
        int cnt = op.count();
        if (cnt == 0 || op.targets().isEmpty()) {
            return Either.left(Errno.EINVAL);
        }
        if (cnt > MAX_TRACING_MULTI_CNT) {
            return Either.left(Errno.E2BIG);
        }
        if (op.flags() != 0) {
            return Either.left(Errno.EINVAL);
        }
        if (tx.fails(FaultPoint.ARRAY_ALLOC)) {
            return Either.left(Errno.ENOMEM);
        }
        if (tx.fails(FaultPoint.COPY_FROM_USER) || cnt > op.targets().size()) {
            return Either.left(Errno.EFAULT);
        }
        List<Target> ids = op.targets().take(cnt);
        List<Long> cookies = List.fill(cnt, 0L);
        if (tx.on(Switches.COOKIES) && op.cookies().isDefined()) {
            if (tx.fails(FaultPoint.ARRAY_ALLOC)) {
                return Either.left(Errno.ENOMEM);
            }
            if (tx.fails(FaultPoint.COPY_FROM_USER) || op.cookies().get().size() < cnt) {
                return Either.left(Errno.EFAULT);
            }
            cookies = op.cookies().get().take(cnt);
        }
        List<Tuple2<Target, Long>> entries = ids.zip(cookies);
        if (tx.on(Switches.SORT)) {
            entries = entries.sortBy(Tuple2::_1);
        }
        if (tx.on(Switches.DEDUP) && entries.map(Tuple2::_1).distinct().size() != entries.size()) {
            return Either.left(Errno.EINVAL);
        }
        if (tx.fails(FaultPoint.LINK_ALLOC)) {
            return Either.left(Errno.ENOMEM);
        }
        int linkId = tx.freeLinkId();
        if (tx.fails(FaultPoint.LINK_PRIME)) {
            return Either.left(tx.faultErrno(FaultPoint.LINK_PRIME));
        }
        Errno err = multiAttach(tx, prog, linkId, entries);
        if (!err.ok()) {
            // bpf_link_cleanup: no release, the prog reference goes back in link_create
            return Either.left(err);
        }
        Link link = new Link(linkId, LinkType.TRACING_MULTI, prog.id(),
                entries.map(e -> new LinkEntry(e._1, e._2)), Option.none(), List.empty(), List.empty(), List.empty());
        tx.set(tx.state().withLinks(tx.state().links().put(linkId, link)));
        tx.event("bpf_link_settle", "link " + linkId, -1);
        return Either.right(linkId);
    }

    /** {@code bpf_check_attach_btf_id_multi}, in its order of checks. */
    private static Errno checkId(Tx tx, Prog prog, Target t) {
        if (!(t instanceof Target.Func f)) {
            return Errno.EINVAL;
        }
        Option<KernelFunc> of = tx.state().world().function(f.name());
        if (of.isEmpty() || !prog.attachBtf().contains(of.get().btf())) {
            return Errno.EINVAL;
        }
        KernelFunc fn = of.get();
        if (fn.noreturn() && prog.type() == ProgType.FEXIT_MULTI) {
            return Errno.EINVAL;
        }
        if (fn.denied()) {
            return Errno.EINVAL;
        }
        if (!fn.ftraceable()) {
            return Errno.ENOENT;
        }
        if (prog.sleepable() && !fn.sleepableAllowed()) {
            return Errno.EINVAL;
        }
        return Errno.OK;
    }

    /** {@code bpf_trampoline_multi_attach}. */
    private Errno multiAttach(Tx tx, Prog prog, int linkId, List<Tuple2<Target, Long>> entries) {
        TrampKind kind = prog.type().kind();
        List<TrampNode> nodes = entries.map(e -> new TrampNode(linkId, prog.id(), e._2));
        List<Target> keys = entries.map(Tuple2::_1);
        for (int i = 0; i < keys.size(); i++) {
            Errno err = checkId(tx, prog, keys.get(i));
            if (err.ok() && !tx.trampolineGet(keys.get(i))) {
                err = Errno.ENOMEM;
            }
            if (!err.ok()) {
                if (!tx.on("bug_multi_err_no_tramp_put")) {
                    keys.take(i).forEach(tx::trampolinePut);
                }
                return err;
            }
        }
        if (tx.fails(FaultPoint.FTRACE_HASH_ALLOC)) {
            if (!tx.on("bug_hash_alloc_no_put")) {
                keys.forEach(tx::trampolinePut);
            }
            return Errno.ENOMEM;
        }
        MultiFentryOps data = new MultiFentryOps();
        LinkedHashMap<Target, Option<Image>> old = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Target k = keys.get(i);
            old.put(k, tx.tramp(k).curImage());
            Errno err = Trampolines.linkProg(tx, k, nodes.get(i), kind, data);
            if (!err.ok()) {
                rollback(tx, keys, nodes, kind, old, i);
                return err;
            }
        }
        if (!data.reg.isEmpty()) {
            if (tx.fails(FaultPoint.FTRACE_REGISTER)) {
                rollback(tx, keys, nodes, kind, old, keys.size());
                return tx.faultErrno(FaultPoint.FTRACE_REGISTER);
            }
            data.applyReg(tx);
        }
        if (!data.modify.isEmpty()) {
            if (tx.fails(FaultPoint.FTRACE_MODIFY)) {
                if (!data.reg.isEmpty()) {
                    directDel(tx, data, data.reg);
                }
                rollback(tx, keys, nodes, kind, old, keys.size());
                return tx.faultErrno(FaultPoint.FTRACE_MODIFY);
            }
            data.applyModify(tx);
        }
        if (!tx.on("bug_multi_no_free_old")) {
            keys.forEach(k -> attachFree(tx, k, old));
        }
        return Errno.OK;
    }

    /** {@code update_ftrace_direct_del} on a detach or rollback path: WARN on failure (none with detachnofail). */
    private static void directDel(Tx tx, MultiFentryOps data, LinkedHashMap<Target, Image> hash) {
        boolean failed = tx.on(Switches.DETACHNOFAIL) ? tx.withoutFaults(() -> tx.fails(FaultPoint.FTRACE_UNREGISTER))
                : tx.fails(FaultPoint.FTRACE_UNREGISTER);
        if (failed) {
            tx.warn(Warning.Kind.FTRACE_UPDATE_FAILED, "update_ftrace_direct_del");
        } else {
            data.applyDel(tx, hash);
        }
    }

    /** {@code update_ftrace_direct_mod} on the detach path. */
    private static void directMod(Tx tx, MultiFentryOps data) {
        boolean failed = tx.on(Switches.DETACHNOFAIL) ? tx.withoutFaults(() -> tx.fails(FaultPoint.FTRACE_MODIFY))
                : tx.fails(FaultPoint.FTRACE_MODIFY);
        if (failed) {
            tx.warn(Warning.Kind.FTRACE_UPDATE_FAILED, "update_ftrace_direct_mod");
        } else {
            data.applyModify(tx);
        }
    }

    /** {@code rollback_unlink} of nodes [0, cnt), then {@code rollback_put} of every trampoline. */
    private static void rollback(Tx tx, List<Target> keys, List<TrampNode> nodes, TrampKind kind,
                                 LinkedHashMap<Target, Option<Image>> old, int cnt) {
        for (int j = 0; j < cnt; j++) {
            Target k = keys.get(j);
            Trampolines.removeNode(tx, k, nodes.get(j), kind);
            if (!tx.on("bug_rollback_leaks_image")) {
                tx.tramp(k).curImage().forEach(tx::imagePut);
            }
            Option<Image> o = old.getOrDefault(k, Option.none());
            tx.putTramp(tx.tramp(k).withImage(o));
            old.put(k, Option.none());
        }
        keys.forEach(tx::trampolinePut);
    }

    /** {@code bpf_trampoline_multi_attach_free}. */
    private void attachFree(Tx tx, Target k, LinkedHashMap<Target, Option<Image>> old) {
        Option<Image> o = old.getOrDefault(k, Option.none());
        if (o.isDefined() && (!tx.on(Switches.RETIREFIX) || !tx.tramp(k).curImage().equals(o))) {
            tx.imagePut(o.get());
        }
        old.put(k, Option.none());
    }

    /** {@code bpf_trampoline_multi_detach} (the release op WARNs on any error inside). */
    @Override
    public void releaseMulti(Tx tx, Link link) {
        TrampKind kind = tx.linkKind(link);
        MultiFentryOps data = new MultiFentryOps();
        LinkedHashMap<Target, Option<Image>> old = new LinkedHashMap<>();
        for (LinkEntry e : link.entries()) {
            old.put(e.tramp(), tx.tramp(e.tramp()).curImage());
            Errno err = Trampolines.unlinkProg(tx, e.tramp(), new TrampNode(link.id(), link.prog(), e.cookie()), kind,
                    data);
            if (!err.ok()) {
                tx.warn(Warning.Kind.UNLINK_FAILED, "link " + link.id() + " " + e.tramp() + ": " + err);
            }
        }
        if (!data.unreg.isEmpty() && !tx.on("bug_multi_detach_no_del")) {
            directDel(tx, data, data.unreg);
        }
        if (!data.modify.isEmpty()) {
            directMod(tx, data);
        }
        link.entries().forEach(e -> attachFree(tx, e.tramp(), old));
        if (!tx.on("bug_multi_detach_no_tramp_put")) {
            link.entries().forEach(e -> tx.trampolinePut(e.tramp()));
        }
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return Classic.CLASSIC_POINTS.appendAll(List.of(FaultPoint.ARRAY_ALLOC, FaultPoint.COPY_FROM_USER,
                FaultPoint.FTRACE_HASH_ALLOC));
    }
}
