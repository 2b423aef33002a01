package multilink.spec.bounds;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.state.ProgType;
import multilink.model.step.FaultPoint;
import multilink.model.world.DefaultWorld;
import multilink.model.world.Target;
import multilink.model.world.World;
import multilink.spec.RunConfig;

/**
 * How far an exhaustive run goes, stated as the MC modules under
 * src/main/tla state it: the world, how many user progs and live links may
 * exist at once, which prog types load, at which fault points an attach and a
 * close may fail (always at hit 1), the multi target lists and whether a multi
 * attach passes cookies.
 *
 * @param world       the catalogue (the small one for exhaustive runs)
 * @param maxProgs    user progs alive at once; a load beyond it is not taken
 * @param maxLinks    live links at once; an attach beyond it is not taken
 * @param progTypes   prog types the run loads
 * @param points      fault points of a multi attach; a classic attach gets the classic ones among them
 * @param closePoints fault points of close_link (the findings H5, H8, H9 need them)
 * @param lists       the multi target lists
 * @param cookies     whether a multi attach passes cookies 1..n
 */
public record Bounds(World world, int maxProgs, int maxLinks, List<ProgType> progTypes, List<FaultPoint> points,
                     List<FaultPoint> closePoints, List<List<Target>> lists, boolean cookies) {

    /** MCBounds' SingleList: the fmod_ret-allowed function, so every multi type can attach. */
    public static final List<Target> SINGLE = funcs("bpf_modify_return_test");
    /** MCBounds' ModulePair: a module function first, out of the order the merged series sorts by. */
    public static final List<Target> MODULE_PAIR = funcs("bpf_testmod_fentry_test1", "bpf_fentry_test1");
    /** MCBounds' DuplicatePair (H7 in olsa-v3). */
    public static final List<Target> DUPLICATE_PAIR = funcs("bpf_fentry_test1", "bpf_fentry_test1");

    /**
     * The bounds of {@code MC<Design>} under a run config: the default step
     * set leaves out what reaches the design's known findings (faults on
     * close; duplicate ids in olsa-v3 and dong-v1; kvmalloc_vmalloc in dong-v1), the
     * findings step set puts it back. No cookies where the UAPI has none.
     */
    public static Bounds of(Design design, RunConfig config) {
        List<ProgType> types = List.of(ProgType.FENTRY, ProgType.FEXIT, ProgType.FMOD_RET)
                .appendAll(List.of(ProgType.FENTRY_MULTI, ProgType.FEXIT_MULTI, ProgType.FMOD_RET_MULTI)
                        .filter(design::loadsMulti));
        boolean olsa = design.name().equals("olsa-v3");
        // the duplicate pair reaches H7 in olsa-v3 and, through its -EBUSY rollback, H5 in dong-v1
        boolean dupFinding = olsa || design.name().equals("dong-v1");
        List<FaultPoint> points = config.findings() ? design.faultPoints()
                : design.faultPoints().remove(FaultPoint.KVMALLOC_VMALLOC);
        List<List<Target>> lists = types.exists(ProgType::multi)
                ? (dupFinding && !config.findings() ? List.of(SINGLE, MODULE_PAIR) : List.of(SINGLE, MODULE_PAIR,
                DUPLICATE_PAIR))
                : List.empty();
        List<FaultPoint> close = config.findings() ? design.faultPoints().remove(FaultPoint.KVMALLOC_VMALLOC)
                : List.empty();
        return new Bounds(DefaultWorld.small(), config.maxProgs(), config.maxLinks(), types, points, close, lists,
                !olsa && types.exists(ProgType::multi));
    }

    private static List<Target> funcs(String... names) {
        return List.of(names).map(Target.Func::new);
    }
}
