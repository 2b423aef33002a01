package multilink.model.design;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import multilink.model.state.ProgType;
import multilink.model.world.DefaultWorld;
import multilink.model.world.SdtProbe;
import multilink.model.world.Target;

/**
 * The names of spec/src/main/tla/MCBounds.tla that a preset's exhaustive
 * steps ({@link McSteps}) choose from: the world's targets, the chosen multi
 * target lists and the chosen loads. A design that needs a list or a load of
 * its own writes it in its own {@code MC<Module>.tla} and its own
 * {@link Preset}, from the same targets.
 */
public final class McBounds {
    private McBounds() {
    }

    public static final Target F1 = new Target.Func("bpf_fentry_test1");
    public static final Target MRT = new Target.Func("bpf_modify_return_test");
    public static final Target MOD = new Target.Func("bpf_testmod_fentry_test1");
    public static final Target SUB = new Target.Subprog(DefaultWorld.TARGET_PROG, "subprog_a");

    /** MCBounds' SingleList. */
    public static final List<Target> SINGLE_LIST = List.of(MRT);
    /** MCBounds' ReversedPair: out of sort order, contains SingleList (partly overlapping links). */
    public static final List<Target> REVERSED_PAIR = List.of(MRT, F1);
    /** MCBounds' DuplicatePair (H7 in olsa-v3). */
    public static final List<Target> DUPLICATE_PAIR = List.of(F1, F1);
    /** MCBounds' ModulePair: a module function and a vmlinux one. */
    public static final List<Target> MODULE_PAIR = List.of(MOD, F1);
    /** MCBounds' SubprogOverlap: seed 001 takes subprogs (tgt_fds); overlaps ModulePair. */
    public static final List<Target> SUBPROG_OVERLAP = List.of(SUB, F1);
    /** MCBounds' ModuleDuplicate: one module's BTF and module twice in seed 001's ptr_arrays. */
    public static final List<Target> MODULE_DUPLICATE = List.of(MOD, MOD);

    /** MCBounds' ClassicLoads: every design tries them. */
    public static final List<Tuple2<ProgType, Target>> CLASSIC_LOADS = List.of(
            Tuple.of(ProgType.FENTRY, F1), Tuple.of(ProgType.FEXIT, F1), Tuple.of(ProgType.FENTRY, MOD),
            Tuple.of(ProgType.FENTRY, SUB), Tuple.of(ProgType.FMOD_RET, MRT), Tuple.of(ProgType.FMOD_RET, MOD),
            Tuple.of(ProgType.FREPLACE, SUB), Tuple.of(ProgType.FREPLACE, F1));
    /** MCBounds' SingleOpsLoads. */
    public static final List<Tuple2<ProgType, Target>> SINGLE_OPS_LOADS = List.of(
            Tuple.of(ProgType.FENTRY_MULTI, F1), Tuple.of(ProgType.FEXIT_MULTI, F1),
            Tuple.of(ProgType.FENTRY_MULTI, MOD), Tuple.of(ProgType.FENTRY_MULTI, SUB));
    /** MCBounds' probes of the target prog: probe_drop's orig_off is subprog_a's BTF FUNC id (H10). */
    public static final List<SdtProbe> PROBES = List.of(new SdtProbe("probe_pass", 40, 2),
            new SdtProbe("probe_drop", 1, 3));

    /**
     * MCSdtObserver's SdtLoads (seed 004): an observer on probe_drop, whose key
     * meets {@link #SUB}'s without {@code sdtkey} (H10), and one on a probe the
     * target prog does not have (-EINVAL).
     */
    public static final List<Tuple2<ProgType, Target>> SDT_LOADS = List.of(
            Tuple.of(ProgType.SDT, new Target.SdtProbe(DefaultWorld.TARGET_PROG, "probe_drop")),
            Tuple.of(ProgType.SDT, new Target.SdtProbe(DefaultWorld.TARGET_PROG, "probe_none")));
    /** MCBounds' DongV1Loads. */
    public static final List<Tuple2<ProgType, Target>> DONG_V1_LOADS = List.of(
            Tuple.of(ProgType.FENTRY_MULTI, F1), Tuple.of(ProgType.FENTRY_MULTI, MOD));
}
