package multilink.spec.bounds;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.design.DongV1;
import multilink.model.design.SingleOpsMulti;
import multilink.model.state.ProgType;
import multilink.model.step.FaultPoint;
import multilink.model.world.DefaultWorld;
import multilink.model.world.TargetProgDef;
import multilink.model.world.Target;
import multilink.model.world.World;

/**
 * How far an exhaustive run goes, stated as the MC modules under
 * src/main/tla state it (MCBounds' MC_Steps and each MC module's arguments):
 * the world, how many user progs and live links may exist, which loads are
 * tried, the fault points (every syscall that can pass one is tried with a
 * fault at hit 1 and 2 there; a faulted step is taken only where its fault
 * fires), the multi target lists, whether a multi attach passes cookies, and
 * the over-limit count of one more multi attach.
 *
 * @param world     the catalogue ({@link #WORLD} for exhaustive runs)
 * @param maxProgs  user progs alive at once; a load beyond it is not taken
 * @param maxLinks  live links after a step; a step that leaves more is not taken
 * @param loads     the (prog type, target) loads the run tries
 * @param points    the design's fault points
 * @param lists     the multi target lists
 * @param cookies   whether a multi attach passes cookies 1..n
 * @param bigCnt    the count of the over-limit multi attach of {@link #REVERSED_PAIR} (0: none)
 */
public record Bounds(World world, int maxProgs, int maxLinks, List<Tuple2<ProgType, Target>> loads,
                     List<FaultPoint> points, List<List<Target>> lists, boolean cookies, int bigCnt) {

    /**
     * MCBounds' world: DefaultWorld.small() (bpf_fentry_test1 and
     * bpf_modify_return_test in the fmod_ret set, bpf_testmod_fentry_test1 in
     * the module) plus the boot-time target prog 1 with two global subprogs,
     * so fentry/fexit and freplace on a subprog, and an extension attached to
     * another subprog than the one it was loaded for, are in reach.
     */
    public static final World WORLD = new World(DefaultWorld.small().functions(), DefaultWorld.small().modules(),
            List.of(new TargetProgDef(DefaultWorld.TARGET_PROG, "xdp_target", List.of("subprog_a", "subprog_b"))),
            DefaultWorld.small().maxTrampLinks());

    static final Target F1 = new Target.Func("bpf_fentry_test1");
    static final Target MRT = new Target.Func("bpf_modify_return_test");
    static final Target MOD = new Target.Func("bpf_testmod_fentry_test1");
    static final Target SUB = new Target.Subprog(DefaultWorld.TARGET_PROG, "subprog_a");

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

    /** MCBounds' ClassicLoads. */
    static final List<Tuple2<ProgType, Target>> CLASSIC_LOADS = List.of(
            Tuple.of(ProgType.FENTRY, F1), Tuple.of(ProgType.FEXIT, F1), Tuple.of(ProgType.FENTRY, MOD),
            Tuple.of(ProgType.FENTRY, SUB), Tuple.of(ProgType.FMOD_RET, MRT), Tuple.of(ProgType.FMOD_RET, MOD),
            Tuple.of(ProgType.FREPLACE, SUB), Tuple.of(ProgType.FREPLACE, F1));
    /** MCBounds' SingleOpsLoads. */
    static final List<Tuple2<ProgType, Target>> SINGLE_OPS_LOADS = List.of(
            Tuple.of(ProgType.FENTRY_MULTI, F1), Tuple.of(ProgType.FEXIT_MULTI, F1),
            Tuple.of(ProgType.FENTRY_MULTI, MOD), Tuple.of(ProgType.FENTRY_MULTI, SUB));
    /** MCBounds' DongV1Loads. */
    static final List<Tuple2<ProgType, Target>> DONG_V1_LOADS = List.of(
            Tuple.of(ProgType.FENTRY_MULTI, F1), Tuple.of(ProgType.FENTRY_MULTI, MOD));

    /**
     * The bounds of {@code MC<Design>} under a run config: one step set for
     * the default, deep and findings runs; the configs differ in the design's
     * switches and the limits only.
     */
    public static Bounds of(Design design, multilink.spec.RunConfig config) {
        String preset = design.preset();
        List<Tuple2<ProgType, Target>> loads = CLASSIC_LOADS.appendAll(switch (preset) {
            case "olsa-v3", "upstream" -> SINGLE_OPS_LOADS;
            case "dong-v1" -> DONG_V1_LOADS;
            default -> List.empty();
        });
        List<List<Target>> lists = switch (preset) {
            case "olsa-v3", "upstream" -> List.of(SINGLE_LIST, REVERSED_PAIR, DUPLICATE_PAIR);
            case "dong-v1" -> List.of(MODULE_PAIR, SUBPROG_OVERLAP, MODULE_DUPLICATE);
            // multi attach types on a kernel without multi links: -EINVAL (or -EBADF)
            default -> List.of(MODULE_PAIR);
        };
        int bigCnt = switch (preset) {
            case "olsa-v3", "upstream" -> SingleOpsMulti.MAX_TRACING_MULTI_CNT + 1;
            case "dong-v1" -> DongV1.MAX_TRACING_MULTI_CNT + 1;
            default -> 0;
        };
        World world = config.maxTrampLinks().isPresent() ? WORLD.withMaxTrampLinks(config.maxTrampLinks().getAsInt())
                : WORLD;
        return new Bounds(world, config.maxProgs(), config.maxLinks(), loads, design.faultPoints(), lists,
                preset.equals("upstream") || preset.equals("dong-v1"), bigCnt);
    }
}
