package multilink.model.kernel;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.state.Image;
import multilink.model.state.TrampKind;
import multilink.model.state.TrampNode;
import multilink.model.state.Trampoline;
import multilink.model.step.FaultPoint;
import multilink.model.world.Target;

/**
 * The shared trampoline core of kernel/bpf/trampoline.c, in its order of
 * checks: {@code __bpf_trampoline_link_prog}, {@code __bpf_trampoline_unlink_prog}
 * and {@code bpf_trampoline_update} (kernel-facts sections 3 and 4).
 */
public final class Trampolines {
    private Trampolines() {
    }

    /**
     * {@code bpf_trampoline_update}: with no prog left, unregister; else
     * allocate and generate a new image and register or modify. On failure the
     * new image is freed at once and the old one stays installed.
     */
    public static Errno update(Tx tx, Target key, FentryOps ops) {
        Trampoline tr = tx.tramp(key);
        if (tr.progCount() == 0) {
            return tr.curImage().isEmpty() ? Errno.OK : ops.unregister(tx, tr);
        }
        if (tx.fails(FaultPoint.IMAGE_ALLOC)) {
            return tx.faultErrno(FaultPoint.IMAGE_ALLOC);
        }
        Image im = tr.wantedImage();
        tx.imageAlloc(im);
        if (tx.fails(FaultPoint.ARCH_PREPARE)) {
            if (!tx.on("bug_arch_prepare_leaks_image")) {
                tx.imagePut(im);
            }
            return tx.faultErrno(FaultPoint.ARCH_PREPARE);
        }
        Errno err = tr.curImage().isEmpty() ? ops.register(tx, tr, im) : ops.modify(tx, tr, im);
        if (!err.ok() && !tx.on("bug_ftrace_err_leaks_image")) {
            tx.imagePut(im);
        }
        return err;
    }

    /** {@code __bpf_trampoline_link_prog} for a tracing node of the given kind. */
    public static Errno linkProg(Tx tx, Target key, TrampNode node, TrampKind kind, FentryOps ops) {
        Trampoline tr = tx.tramp(key);
        if (tr.extension().isDefined() && !(tx.on("bug_ext_not_exclusive") && kind != TrampKind.REPLACE)) {
            return Errno.EBUSY;
        }
        if (kind == TrampKind.REPLACE) {
            if (tr.progCount() != 0) {
                return Errno.EBUSY;
            }
            tx.putTramp(tr.withExtension(Option.of(node.link())));
            tx.event("bpf_arch_text_poke", key + " -> jmp prog " + node.prog(), -1);
            return Errno.OK;
        }
        if (tr.progCount() >= tx.state().world().maxTrampLinks() && !tx.on("bug_no_tramp_limit")) {
            return Errno.E2BIG;
        }
        List<TrampNode> list = tr.list(kind);
        // "node already hashed" and "prog already on this list" both give -EBUSY;
        // a second node of the same link (duplicate ids) lands here too
        if (list.exists(n -> n.prog() == node.prog())
                && !(tx.on("bug_prog_twice_on_list") && list.forAll(n -> n.link() != node.link()))) {
            return Errno.EBUSY;
        }
        tx.putTramp(tr.withList(kind, list.prepend(node)));
        Errno err = update(tx, key, ops);
        if (!err.ok() && !tx.on("bug_link_err_keeps_node")) {
            removeNode(tx, key, node, kind);
        }
        return err;
    }

    /** {@code __bpf_trampoline_unlink_prog}: the node leaves first, then the update. */
    public static Errno unlinkProg(Tx tx, Target key, TrampNode node, TrampKind kind, FentryOps ops) {
        Trampoline tr = tx.tramp(key);
        if (kind == TrampKind.REPLACE) {
            tx.putTramp(tr.withExtension(Option.none()));
            tx.event("bpf_arch_text_poke", key + " -> nop", -1);
            return Errno.OK;
        }
        removeNode(tx, key, node, kind);
        // H9: the node has left; if the update fails now, the image still calls it
        return tx.on(multilink.model.design.Switches.DETACHNOFAIL)
                ? tx.withoutFaults(() -> update(tx, key, ops))
                : update(tx, key, ops);
    }

    /** {@code bpf_trampoline_remove_prog}: unhash the node, no update. */
    public static void removeNode(Tx tx, Target key, TrampNode node, TrampKind kind) {
        Trampoline tr = tx.tramp(key);
        tx.putTramp(tr.withList(kind, tr.list(kind).remove(node)));
    }
}
