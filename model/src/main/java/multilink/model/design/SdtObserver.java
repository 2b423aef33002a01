package multilink.model.design;

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

/**
 * Seed 004 (RFC 10/12, June 2026): SDT observer progs attached to a probe
 * site inside a BPF program, through {@code bpf_sdt_link_attach}
 * (multilink.model.kernel.SdtAttach). The series is posted against bpf-next,
 * which has the merged tracing multi link, so everything else is upstream's
 * code and switches.
 *
 * <p>Not in the seed, and assumed: how an observer prog is loaded (the RFC's
 * earlier patches set {@code prog->aux->sdt_probe} and {@code dst_prog}; the
 * model loads it against {@code prog@probe}, takes the target prog reference
 * at load and answers -EINVAL for an unknown probe).
 *
 * @param switches the switches on
 */
public record SdtObserver(Set<String> switches) implements Design {

    /**
     * upstream's switches and single-ops code plus SDT links; spec module
     * SdtObserver, whose exhaustive steps are upstream's plus
     * {@link McBounds#SDT_LOADS}. Its findings run has 2 progs and 1 link:
     * H10 needs two progs (an fentry prog on the subprog, whose load takes the
     * trampoline, and an observer whose attach joins it).
     */
    public static final Preset PRESET = new Preset("sdt-observer", SingleOpsMulti.UPSTREAM_SWITCHES,
            SdtObserver::new, List.of(Switches.SINGLE_OPS),
            Option.of(new TlaModule("SdtObserver", new TlaModule.Limits(2, 2), new TlaModule.Limits(3, 3),
                    new TlaModule.Limits(2, 1))),
            SingleOpsMulti.UPSTREAM.steps().withLoads(McBounds.SDT_LOADS), List.empty());

    /**
     * H10: a probe's key {@code tgt_prog_id << 32 | orig_off} equals the key of
     * the same prog's subprog whose BTF FUNC id is {@code orig_off}; the later
     * of the two attaches joins the earlier one's trampoline and runs at the
     * other's site (the SDT prog at a function entry, or a subprog's fentry at
     * the probe with SDT argument passing).
     */
    static final KnownFinding H10 = new KnownFinding("H10", Switches.SDTKEY,
            List.of(Symptom.any("ONE_SITE_PER_TRAMPOLINE")),
            "an SDT probe's key equals a subprog's (orig_off == BTF id): both share one trampoline at one site");

    public SdtObserver {
        switches = switches.toSet();
    }

    private SingleOpsMulti multi() {
        return new SingleOpsMulti(preset(), switches, List.empty());
    }

    @Override
    public String preset() {
        return "sdt-observer";
    }

    @Override
    public boolean loadsMulti(ProgType type) {
        return multi().loadsMulti(type);
    }

    @Override
    public boolean loadsSdt() {
        return true;
    }

    @Override
    public boolean multiVerifiedAgainstTarget() {
        return multi().multiVerifiedAgainstTarget();
    }

    @Override
    public Either<Errno, Integer> attachMulti(Tx tx, Prog prog, Op.AttachMulti op) {
        return multi().attachMulti(tx, prog, op);
    }

    @Override
    public void releaseMulti(Tx tx, Link link) {
        multi().releaseMulti(tx, link);
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return multi().faultPoints();
    }

    @Override
    public List<KnownFinding> presetFindings() {
        return List.of(H10, Classic.H9);
    }
}
