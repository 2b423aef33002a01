package multilink.model.kernel;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Switches;
import multilink.model.state.Link;
import multilink.model.state.LinkEntry;
import multilink.model.state.LinkType;
import multilink.model.state.Prog;
import multilink.model.state.TrampKind;
import multilink.model.state.TrampNode;
import multilink.model.step.FaultPoint;
import multilink.model.world.Target;
import multilink.model.world.TargetProgDef;

/**
 * Seed 004's {@code bpf_sdt_link_attach} and {@code bpf_sdt_link_release}
 * (kernel/bpf/syscall.c of the RFC): an SDT observer joins the FENTRY list of
 * a trampoline keyed by its target prog and its probe's {@code orig_off},
 * through the same {@code bpf_trampoline_link_prog} as every tracing link.
 * Shared code, but only a design that loads SDT progs ever gets here.
 */
public final class SdtAttach {
    private SdtAttach() {
    }

    /**
     * The trampoline an SDT probe's key finds. The kernel computes it as
     * {@code bpf_trampoline_compute_key(tgt_prog, NULL, orig_off)}, i.e.
     * {@code prog_id << 32 | orig_off}: the key of the target prog's subprog
     * whose BTF FUNC id equals {@code orig_off}, when there is one (H10: both
     * then share one trampoline). The fix {@code sdtkey} tags SDT keys (a bit
     * no BTF id or offset sets), so a probe always has a key of its own.
     */
    public static Target key(Tx tx, Target.SdtProbe probe) {
        if (tx.on(Switches.SDTKEY)) {
            return probe;
        }
        Option<TargetProgDef> def = tx.state().world().targetProg(probe.prog());
        Option<Integer> off = def.flatMap(d -> d.probe(probe.probe())).map(p -> p.origOff());
        return off.flatMap(o -> def.get().subprogWithBtfId(o))
                .<Target>map(name -> new Target.Subprog(probe.prog(), name))
                .getOrElse(probe);
    }

    /** Runs with the link_create reference on {@code prog} taken; the caller puts it on error. */
    public static Either<Errno, Integer> attach(Tx tx, Prog prog) {
        if (!(prog.attachTarget().getOrNull() instanceof Target.SdtProbe probe) || prog.dstProg().isEmpty()) {
            // !sdt || !tgt_prog
            return Either.left(Errno.EINVAL);
        }
        if (tx.fails(FaultPoint.LINK_ALLOC)) {
            return Either.left(FaultPoint.LINK_ALLOC.errno());
        }
        int linkId = tx.freeLinkId();
        if (tx.fails(FaultPoint.LINK_PRIME)) {
            return Either.left(FaultPoint.LINK_PRIME.errno());
        }
        Target key = key(tx, probe);
        if (!tx.trampolineGet(key, probe)) {
            // err_cleanup: bpf_link_cleanup, the link never reached release
            return Either.left(Errno.ENOMEM);
        }
        TrampNode node = new TrampNode(linkId, prog.id(), 0);
        Errno err = Trampolines.linkProg(tx, key, node, TrampKind.FENTRY, DirectFentryOps.INSTANCE);
        if (!err.ok()) {
            if (!tx.on("bug_sdt_err_no_tramp_put")) {
                tx.trampolinePut(key);
            }
            return Either.left(err);
        }
        if (tx.on("bug_sdt_attach_consumes_dst_prog")) {
            // as bpf_tracing_prog_attach does; release still reads prog->aux->dst_prog
            tx.putProg(tx.prog(prog.id()).withDst(Option.none(), Option.none()));
        }
        Link link = new Link(linkId, LinkType.SDT, prog.id(), List.of(new LinkEntry(key, 0)), Option.none(),
                List.empty(), List.empty(), List.empty());
        tx.set(tx.state().withLinks(tx.state().links().put(linkId, link)));
        tx.event("bpf_link_settle", "link " + linkId, -1);
        return Either.right(linkId);
    }

    /**
     * {@code bpf_sdt_link_release}: unlink (WARN on error) and put the
     * trampoline. The target prog stays with the observer prog
     * ({@code prog->aux->dst_prog}) and goes when that prog is freed.
     */
    public static void release(Tx tx, Link link) {
        LinkEntry e = ClassicAttach.unlinkOrWarn(tx, link);
        if (!tx.on("bug_sdt_release_no_tramp_put")) {
            tx.trampolinePut(e.tramp());
        }
        if (tx.on("bug_sdt_release_puts_tgt_prog")) {
            // as bpf_tracing_link_release puts its tgt_prog
            tx.prog(link.prog()).dstProg().forEach(tx::progPut);
        }
    }
}
