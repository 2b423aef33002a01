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

    static boolean ftraceManaged(Tx tx, Target key) {
        return key instanceof Target.Func f
                && tx.state().world().function(f.name()).exists(KernelFunc::ftraceable);
    }

    @Override
    public Errno register(Tx tx, Trampoline tr, Image im) {
        if (tx.on(Switches.TRAMPMOD) && module(tx, tr).isDefined()) {
            return register61(tx, tr, im, module(tx, tr).get());
        }
        if (key(tr) instanceof Target.Func && !ftraceManaged(tx, tr.key())) {
            tx.event("bpf_arch_text_poke", tr.key() + " (not a nop5)", -1);
            return Errno.EBUSY;
        }
        if (ftraceManaged(tx, tr.key()) && tx.fails(FaultPoint.FTRACE_REGISTER)) {
            return tx.faultErrno(FaultPoint.FTRACE_REGISTER);
        }
        tx.directSet(tr.key(), im, ftraceManaged(tx, tr.key()) ? "register_ftrace_direct" : "bpf_arch_text_poke");
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.of(im)));
        return Errno.OK;
    }

    /** The module of a trampoline's kernel function, if it has one. */
    private static Option<String> module(Tx tx, Trampoline tr) {
        return tr.key() instanceof Target.Func f ? tx.state().world().function(f.name()).flatMap(KernelFunc::module)
                : Option.none();
    }

    /**
     * 6.1's register_fentry on a module function (kernel/bpf/trampoline.c:228-256): ftrace_location()
     * decides ftrace_managed, which stays set once set; bpf_trampoline_module_get() pins the module
     * that holds the address (none once it went away, and then no error); a failed register unpins.
     * After the module went away its ftrace records are gone with it, so a trampoline never
     * registered before pokes the text: bpf_arch_text_poke() answers -EINVAL for an address that is no
     * kernel or BPF text and -EBUSY where BPF text took the freed pages (arch/x86/net/bpf_jit_comp.c:
     * 443-458, :429-432). Which one depends on the boot's allocation history, not on the state: the
     * guest answers -EBUSY to every example and most chains (the image just allocated lands there) and
     * -EINVAL to a few chains of a long boot; the model answers -EBUSY (README, "Live kernels").
     * A trampoline registered before still has ftrace_managed and
     * goes to ftrace, which registers an ops whose filter matches no record: success, no module pin.
     * The model sets ftrace_managed only when the register succeeds (a failed one sets it too in the
     * kernel; it matters only if the module then goes away, and a failed syscall changes nothing here).
     */
    private static Errno register61(Tx tx, Trampoline tr, Image im, String mod) {
        boolean live = tx.state().modules().get(mod).exists(multilink.model.state.ModuleObj::live);
        boolean managed = live ? ftraceManaged(tx, tr.key()) : tx.tramp(tr.key()).ftraceManaged();
        if (!managed) {
            tx.event("bpf_arch_text_poke", tr.key() + (live ? " (not a nop5)" : " (module gone, BPF text)"), -1);
            return Errno.EBUSY;
        }
        if (live) {
            tx.moduleTryGet(mod);
        }
        if (tx.fails(FaultPoint.FTRACE_REGISTER)) {
            if (live) {
                tx.modulePut(mod);
            }
            return tx.faultErrno(FaultPoint.FTRACE_REGISTER);
        }
        tx.directSet(tr.key(), im, "register_ftrace_direct");
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.of(im)).withMod(live ? Option.of(mod) : Option.none())
                .withFtraceManaged());
        return Errno.OK;
    }

    @Override
    public Errno modify(Tx tx, Trampoline tr, Image im) {
        if (ftraceManaged(tx, tr.key()) && tx.fails(FaultPoint.FTRACE_MODIFY)) {
            return tx.faultErrno(FaultPoint.FTRACE_MODIFY);
        }
        tx.directSet(tr.key(), im, ftraceManaged(tx, tr.key()) ? "modify_ftrace_direct" : "bpf_arch_text_poke");
        if (!tx.on("bug_modify_no_image_put")) {
            tr.curImage().forEach(tx::imagePut);
        }
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.of(im)));
        return Errno.OK;
    }

    @Override
    public Errno unregister(Tx tx, Trampoline tr) {
        if (ftraceManaged(tx, tr.key()) && tx.fails(FaultPoint.FTRACE_UNREGISTER)) {
            return tx.faultErrno(FaultPoint.FTRACE_UNREGISTER);
        }
        tx.directClear(tr.key(), ftraceManaged(tx, tr.key()) ? "unregister_ftrace_direct" : "bpf_arch_text_poke");
        if (!tx.on("bug_unregister_no_image_put")) {
            tr.curImage().forEach(tx::imagePut);
        }
        Option<String> pinned = tx.tramp(tr.key()).mod();
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.none()).withMod(Option.none()));
        // 6.1: a successful unregister drops what register pinned (kernel/bpf/trampoline.c:205-206)
        pinned.forEach(tx::modulePut);
        return Errno.OK;
    }

    private static Target key(Trampoline tr) {
        return tr.key();
    }
}
