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

    /**
     * The poke of 6.1's register_fentry at a function whose module went away:
     * -EBUSY where BPF text took the freed pages (the model's answer), -EINVAL
     * where nothing did (bpf_jit_comp.c:429-432, :446-449). Which one depends on
     * the boot's allocation history, not on this state; the live runner accepts
     * either after this event.
     */
    public static final String FREED_MODULE_TEXT = " (module gone, BPF text)";

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
        if (tx.on(Switches.TRAMPMOD) && module(tx, tr).isDefined()) {
            return register61(tx, tr, im, module(tx, tr).get());
        }
        boolean managed = managed(tx, tr);
        if (managed && !tr.ftraceManaged()) {
            setFtraceManaged(tx, tr);
        }
        if (key(tr) instanceof Target.Func && !managed) {
            tx.event("bpf_arch_text_poke", tr.key() + " (not a nop5)", -1);
            return Errno.EBUSY;
        }
        if (managed && takenByDesign(tx, tr)) {
            return Errno.EBUSY;
        }
        if (managed && tx.fails(FaultPoint.FTRACE_REGISTER)) {
            return tx.faultErrno(FaultPoint.FTRACE_REGISTER);
        }
        tx.directSet(tr.key(), im, managed ? "register_ftrace_direct" : "bpf_arch_text_poke");
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.of(im)));
        return Errno.OK;
    }

    /**
     * {@code register_ftrace_direct} finds a direct entry at the ip already:
     * here one that a design's own ftrace ops put there (seed 003's global
     * trampoline), since the shared trampolines' own are {@code directCalls}.
     * -EBUSY, before anything is allocated (6.12 kernel/trace/ftrace.c:6001-6008;
     * 6.1 {@code register_ftrace_direct_multi}, kernel/trace/ftrace.c:5710-5717).
     */
    private static boolean takenByDesign(Tx tx, Trampoline tr) {
        if (!tx.state().designObjects().directSites().contains(tr.key())) {
            return false;
        }
        tx.event("register_ftrace_direct", tr.key() + " (a direct call of the design's own ops is there)", -1);
        return true;
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
        boolean live = tx.state().moduleLive(mod);
        boolean managed = live ? ftraceLocation(tx, tr.key()) : tx.tramp(tr.key()).ftraceManaged();
        if (!managed) {
            tx.event("bpf_arch_text_poke", tr.key() + (live ? " (not a nop5)" : FREED_MODULE_TEXT), -1);
            return Errno.EBUSY;
        }
        if (takenByDesign(tx, tr)) {
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
                .withFtraceManaged(true));
        return Errno.OK;
    }

    /** What modify and unregister go by: the flag, or the site's ftrace location where it is not kept. */
    static boolean managed(Tx tx, Trampoline tr) {
        return tr.ftraceManaged() || ftraceLocation(tx, tr.key());
    }

    /**
     * Sets the flag, except on a module's function outside 6.1's {@code trampmod}
     * (which register61 handles): there the prog pins the module, so no trampoline
     * on it outlives the module and its ftrace location always answers as the flag
     * would. Keeping it would split states the spec (which has the flag only
     * under {@code trampmod}) does not tell apart.
     */
    static void setFtraceManaged(Tx tx, Trampoline tr) {
        if (module(tx, tr).isEmpty()) {
            tx.putTramp(tx.tramp(tr.key()).withFtraceManaged(true));
        }
    }

    @Override
    public Errno modify(Tx tx, Trampoline tr, Image im) {
        boolean managed = managed(tx, tr);
        if (managed && tx.fails(FaultPoint.FTRACE_MODIFY)) {
            return tx.faultErrno(FaultPoint.FTRACE_MODIFY);
        }
        tx.directSet(tr.key(), im, managed ? "modify_ftrace_direct" : "bpf_arch_text_poke");
        if (!tx.on("bug_modify_no_image_put")) {
            tr.curImage().forEach(tx::imagePut);
        }
        tx.putTramp(tx.tramp(tr.key()).withImage(Option.of(im)));
        return Errno.OK;
    }

    @Override
    public Errno unregister(Tx tx, Trampoline tr) {
        boolean managed = managed(tx, tr);
        if (managed && tx.fails(FaultPoint.FTRACE_UNREGISTER)) {
            if (!tx.on(Switches.UNREGKEEP)) {
                // H15: 6.12 bpf_trampoline_update puts cur_image and clears it whatever
                // unregister_fentry returned (trampoline.c:419-423); the site still calls it
                putCurImage(tx, tr);
            }
            return tx.faultErrno(FaultPoint.FTRACE_UNREGISTER);
        }
        tx.directClear(tr.key(), managed ? "unregister_ftrace_direct" : "bpf_arch_text_poke");
        if (!tx.on("bug_unregister_no_image_put")) {
            putCurImage(tx, tr);
        } else {
            tx.putTramp(tx.tramp(tr.key()).withImage(Option.none()));
        }
        Option<String> pinned = tx.tramp(tr.key()).mod();
        if (pinned.isDefined()) {
            // 6.1: a successful unregister drops what register pinned (kernel/bpf/trampoline.c:205-206)
            tx.putTramp(tx.tramp(tr.key()).withMod(Option.none()));
            pinned.forEach(tx::modulePut);
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
