package multilink.spec.bounds;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.design.McBounds;
import multilink.model.design.McSteps;
import multilink.model.design.Preset;
import multilink.model.design.Presets;
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
 * @param bigCnt    the count of the over-limit multi attach of {@link McBounds#REVERSED_PAIR} (0: none)
 */
public record Bounds(World world, int maxProgs, int maxLinks, List<Tuple2<ProgType, Target>> loads,
                     List<FaultPoint> points, List<List<Target>> lists, boolean cookies, int bigCnt) {

    /**
     * MCBounds' world: DefaultWorld.small() (bpf_fentry_test1 and
     * bpf_modify_return_test in the fmod_ret set, bpf_testmod_fentry_test1 in
     * the module) plus the boot-time target prog 1 with two global subprogs,
     * so fentry/fexit and freplace on a subprog, and an extension attached to
     * another subprog than the one it was loaded for, are in reach; and two
     * SDT probes in it ({@link McBounds#PROBES}, seed 004: only sdt-observer's
     * loads name them; probe_drop's key meets subprog_a's, H10).
     */
    public static final World WORLD = new World(DefaultWorld.small().functions(), DefaultWorld.small().modules(),
            List.of(new TargetProgDef(DefaultWorld.TARGET_PROG, "xdp_target", List.of("subprog_a", "subprog_b"),
                    McBounds.PROBES)),
            DefaultWorld.small().maxTrampLinks());

    /**
     * The bounds of {@code MC<Design>} under a run config: one step set for
     * the default, deep and findings runs; the configs differ in the design's
     * switches and the limits only. The steps are the preset's
     * ({@link Preset#steps()}); a design of no preset tries no multi step.
     */
    public static Bounds of(Design design, multilink.spec.RunConfig config) {
        McSteps steps = Presets.byName(design.preset()).map(Preset::steps).getOrElse(McSteps.NO_MULTI);
        World world = config.maxTrampLinks().isPresent() ? WORLD.withMaxTrampLinks(config.maxTrampLinks().getAsInt())
                : WORLD;
        return new Bounds(world, config.maxProgs(), config.maxLinks(),
                McBounds.CLASSIC_LOADS.appendAll(steps.multiLoads()), design.faultPoints(), steps.lists(),
                steps.cookies(), steps.bigCnt());
    }
}
