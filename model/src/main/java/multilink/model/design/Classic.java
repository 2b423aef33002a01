package multilink.model.design;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.kernel.Tx;
import multilink.model.state.Link;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;

/** Mainline without any multi link: fentry/fexit/fmod_ret/freplace links only. */
public record Classic(Set<String> switches) implements Design {

    /** Mainline's tracing links, no switch on; spec module Classic, no multi step. */
    public static final Preset PRESET = new Preset("classic", HashSet.empty(), Classic::new,
            List.empty(), Option.of(TlaModule.of("Classic")), McSteps.NO_MULTI, List.empty());

    /** The classic paths' fault points, shared by every design. */
    public static final List<FaultPoint> CLASSIC_POINTS = List.of(FaultPoint.LINK_ALLOC, FaultPoint.LINK_PRIME,
            FaultPoint.TRAMPOLINE_GET, FaultPoint.IMAGE_ALLOC, FaultPoint.ARCH_PREPARE, FaultPoint.FTRACE_REGISTER,
            FaultPoint.FTRACE_MODIFY, FaultPoint.FTRACE_UNREGISTER);

    /**
     * H9: the update inside unlink can fail after the node left its list
     * (image alloc, JIT, ftrace); the kernel WARNs and goes on, so the
     * installed image still calls a prog that is about to be freed, and a
     * failed ftrace update leaves a site calling an image that goes away.
     * Its symptoms are the stale image and what follows from it; a freed
     * {@code cur_image} (H8) is not one of them.
     */
    public static final KnownFinding H9 = new KnownFinding("H9", Switches.DETACHNOFAIL, List.of(
            Symptom.of("NO_KERNEL_WARN", "link \\d+.*|update_ftrace_direct_.*"),
            Symptom.any("IMAGE_MATCHES_PROGS"),
            Symptom.any("FTRACE_MATCHES_TRAMPOLINES"),
            Symptom.any("IMAGE_OWNED"),
            Symptom.of("NO_DANGLING", "img\\(.*\\) calls|ftrace site .*"),
            Symptom.of("QUIESCENT_IS_EMPTY", "img\\(.*|site .*"),
            Symptom.any("FAILED_SYSCALL_CHANGES_NOTHING")),
            "detach can fail: the update in unlink fails after the node left the list (WARN only), "
                    + "so the installed image still calls the prog");

    /**
     * H15: {@code bpf_trampoline_update} puts {@code cur_image} and clears it
     * whatever {@code unregister_fentry} returned (6.1 kernel/bpf/trampoline.c:440-445,
     * 6.12 :419-423: the kernels classic follows; seed 001's 2024 tree lies
     * between them; seed 000 has no trampoline.c hunk and olsa-v3 is given the
     * pre-merge code), so a failed unregister leaves the ftrace site calling
     * an image that is being freed. The merged tree's {@code unregister_fentry}
     * returns before the put (the fix, {@code unregkeep}); that failure is then
     * H9's alone.
     */
    public static final KnownFinding H15 = new KnownFinding("H15", Switches.UNREGKEEP, List.of(
            Symptom.of("NO_DANGLING", "ftrace site .*|img\\(.*\\) calls"),
            Symptom.any("FTRACE_MATCHES_TRAMPOLINES"),
            Symptom.any("IMAGE_OWNED"),
            Symptom.of("NO_UNDERFLOW", "image .*"),
            Symptom.of("QUIESCENT_IS_EMPTY", "img\\(.*|site .*"),
            Symptom.any("FAILED_SYSCALL_CHANGES_NOTHING")),
            "a failed unregister still puts cur_image: the ftrace site calls a freed image");

    public Classic {
        switches = switches.toSet();
    }

    @Override
    public String preset() {
        return "classic";
    }

    @Override
    public boolean loadsMulti(ProgType type) {
        return false;
    }

    @Override
    public boolean multiVerifiedAgainstTarget() {
        return false;
    }

    @Override
    public Either<Errno, Integer> attachMulti(Tx tx, Prog prog, Op.AttachMulti op) {
        // unreachable: no multi prog loads on this kernel
        return Either.left(Errno.EINVAL);
    }

    @Override
    public void releaseMulti(Tx tx, Link link) {
        throw new IllegalStateException("classic kernel has no multi links");
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return CLASSIC_POINTS;
    }

    @Override
    public List<KnownFinding> presetFindings() {
        // H15 before H9: a site left calling a freed image goes with either fix, and the put is H15's
        return List.of(H15, H9);
    }
}
