package multilink.model.kernel;

import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Switches;
import multilink.model.state.Image;
import multilink.model.state.Trampoline;
import multilink.model.step.FaultPoint;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;

/**
 * {@code trampoline_ops} (kernel/bpf/trampoline.c): register, modify and
 * unregister go to ftrace at once for an ftrace-able kernel function
 * ({@code direct_ops_add/mod/del}), or to {@code bpf_arch_text_poke} for a BPF
 * subprog. A kernel function without an {@code __fentry__} site is poked too,
 * and the poke finds real instructions where it expects a nop5: -EBUSY.
 */
public final class DirectFentryOps implements FentryOps {
    public static final DirectFentryOps INSTANCE = new DirectFentryOps();

    private DirectFentryOps() {
    }

    /** {@code ftrace_location(ip) != 0}: a kernel function with an {@code __fentry__} site. */
    static boolean ftraceLocation(Tx tx, Target key) {
        return key instanceof Target.Func f
                && tx.state().world().function(f.name()).exists(KernelFunc::ftraceable);
    }

    /**
     * {@code register_fentry}: an ftrace location sets {@code func.ftrace_managed}
     * before anything is registered, and nothing clears it, not even a failed
     * register (6.12 kernel/bpf/trampoline.c:216-220); the flag sends this and
     * every later modify and unregister to ftrace, and without it the text is
     * poked.
     */
    @Override
    public Errno register(Tx tx, Trampoline tr, Image im) {
        boolean managed = tr.ftraceManaged() || ftraceLocation(tx, tr.key());
        if (managed && !tr.ftraceManaged()) {
            tx.putTramp(tx.tramp(tr.key()).withFtraceManaged(true));
        }
        if (key(tr) instanceof Target.Func && !managed) {
            tx.event("bpf_arch_text_poke", tr.key() + " (not a nop5)", -1);
            return Errno.EBUSY;
        }
        if (managed && tx.fails(FaultPoint.FTRACE_REGISTER)) {
            return tx.faultErrno(FaultPoint.FTRACE_REGISTER);
        }
        tx.directSet(tr.key(), im, managed ? "register_ftrace_direct" : "bpf_arch_text_poke");
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.of(im)));
        return Errno.OK;
    }

    @Override
    public Errno modify(Tx tx, Trampoline tr, Image im) {
        if (tr.ftraceManaged() && tx.fails(FaultPoint.FTRACE_MODIFY)) {
            return tx.faultErrno(FaultPoint.FTRACE_MODIFY);
        }
        tx.directSet(tr.key(), im, tr.ftraceManaged() ? "modify_ftrace_direct" : "bpf_arch_text_poke");
        if (!tx.on("bug_modify_no_image_put")) {
            tr.curImage().forEach(tx::imagePut);
        }
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.of(im)));
        return Errno.OK;
    }

    @Override
    public Errno unregister(Tx tx, Trampoline tr) {
        if (tr.ftraceManaged() && tx.fails(FaultPoint.FTRACE_UNREGISTER)) {
            if (!tx.on(Switches.UNREGKEEP)) {
                // H15: 6.12 bpf_trampoline_update puts cur_image and clears it whatever
                // unregister_fentry returned (trampoline.c:419-423); the site still calls it
                putCurImage(tx, tr);
            }
            return tx.faultErrno(FaultPoint.FTRACE_UNREGISTER);
        }
        tx.directClear(tr.key(), tr.ftraceManaged() ? "unregister_ftrace_direct" : "bpf_arch_text_poke");
        if (!tx.on("bug_unregister_no_image_put")) {
            putCurImage(tx, tr);
        } else {
            tx.putTramp(tx.tramp(tr.key()).withImage(Option.none()));
        }
        return Errno.OK;
    }

    /** {@code bpf_tramp_image_put(tr->cur_image); tr->cur_image = NULL;} */
    private static void putCurImage(Tx tx, Trampoline tr) {
        tr.curImage().forEach(tx::imagePut);
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.none()));
    }

    private static Target key(Trampoline tr) {
        return tr.key();
    }
}
