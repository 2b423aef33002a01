package multilink.model.kernel;

import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.state.Image;
import multilink.model.state.Trampoline;
import multilink.model.world.Target;

import java.util.LinkedHashMap;

/**
 * {@code trampoline_multi_ops} with its {@code bpf_tracing_multi_data}
 * (merged kernel/bpf/trampoline.c): register, modify and unregister only
 * record {@code (ip, image)} in the reg/modify/unreg hashes and move
 * {@code cur_image}; one {@code update_ftrace_direct_*} call per hash applies
 * them later. The old image is not put here: {@code bpf_trampoline_multi_attach_free}
 * does that once ftrace has moved on.
 */
public final class MultiFentryOps implements FentryOps {
    /** The hashes, in insertion order (one entry per trampoline). */
    public final LinkedHashMap<Target, Image> reg = new LinkedHashMap<>();
    public final LinkedHashMap<Target, Image> modify = new LinkedHashMap<>();
    public final LinkedHashMap<Target, Image> unreg = new LinkedHashMap<>();

    /**
     * {@code register_fentry_multi} sets {@code func.ftrace_managed} as the
     * plain register does (merged trampoline.c); every id passed the ftrace
     * location check (-ENOENT) before. Seed 000 carries no trampoline.c hunk,
     * so olsa-v3 follows the merged code here.
     */
    @Override
    public Errno register(Tx tx, Trampoline tr, Image im) {
        reg.put(tr.key(), im);
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.of(im)));
        DirectFentryOps.setFtraceManaged(tx, tr);
        return Errno.OK;
    }

    @Override
    public Errno modify(Tx tx, Trampoline tr, Image im) {
        modify.put(tr.key(), im);
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.of(im)));
        return Errno.OK;
    }

    @Override
    public Errno unregister(Tx tx, Trampoline tr) {
        unreg.put(tr.key(), tr.curImage().get());
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.none()));
        return Errno.OK;
    }

    /** {@code update_ftrace_direct_add(direct_ops, reg)}, applied. */
    public void applyReg(Tx tx) {
        reg.forEach((k, im) -> tx.directSet(k, im, "update_ftrace_direct_add"));
    }

    public void applyModify(Tx tx) {
        modify.forEach((k, im) -> tx.directSet(k, im, "update_ftrace_direct_mod"));
    }

    /** {@code update_ftrace_direct_del} of the given hash. */
    public void applyDel(Tx tx, LinkedHashMap<Target, Image> hash) {
        hash.keySet().forEach(k -> tx.directClear(k, "update_ftrace_direct_del"));
    }
}
