package multilink.model.design;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import multilink.model.state.ProgType;
import multilink.model.world.Target;

/**
 * What a preset's exhaustive runs try beyond the steps every design tries:
 * the arguments its {@code MC<Module>.tla} passes to MCBounds' MC_Steps
 * ({@code MC_Loads} less ClassicLoads, the target lists, cookies, the
 * over-limit count). spec's Bounds builds the Java side's run from it, and
 * the graph conformance holds the two step sets equal.
 *
 * @param multiLoads the loads tried on top of {@link McBounds#CLASSIC_LOADS}
 * @param lists      the multi target lists
 * @param cookies    whether a multi attach passes cookies 1..n
 * @param bigCnt     the count of the over-limit multi attach of ReversedPair (0: none)
 */
public record McSteps(List<Tuple2<ProgType, Target>> multiLoads, List<List<Target>> lists, boolean cookies,
                      int bigCnt) {

    /**
     * A kernel without multi links: no multi load, and the multi attach types
     * tried with ModulePair on the classic progs (-EINVAL or -EBADF).
     */
    public static final McSteps NO_MULTI = new McSteps(List.empty(), List.of(McBounds.MODULE_PAIR), false, 0);

    /** The same steps with {@code loads} tried too (a design's own loads on top of another's steps). */
    public McSteps withLoads(List<Tuple2<ProgType, Target>> loads) {
        return new McSteps(multiLoads.appendAll(loads), lists, cookies, bigCnt);
    }
}
