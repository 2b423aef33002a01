package multilink.spec.bounds;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.state.ProgType;
import multilink.model.world.DefaultWorld;
import multilink.model.world.World;

/**
 * How far an exhaustive run goes: the world, how many user progs and live
 * links may exist at once, which prog types load, how long a multi link's
 * target list may be, and which syscalls may carry a fault (always the n-th
 * pass through one of the design's fault points, n up to {@code maxHit}).
 * The MC modules under src/main/tla state the same bounds as constants.
 *
 * @param world          the catalogue (the small one for exhaustive runs)
 * @param maxProgs       user progs alive at once; a load beyond it is not taken
 * @param maxLinks       live links at once; an attach beyond it is not taken
 * @param progTypes      prog types the run loads
 * @param maxTargets     targets per multi link
 * @param duplicateIds   whether a multi target list may name a function twice (H7)
 * @param faultOnClose   whether close_link may carry a fault (H5, H8, H9)
 * @param maxHit         highest fault hit index
 */
public record Bounds(World world, int maxProgs, int maxLinks, List<ProgType> progTypes, int maxTargets,
                     boolean duplicateIds, boolean faultOnClose, int maxHit) {

    /**
     * The default run of a design: the small world, two progs, two links,
     * lists of up to two distinct targets, faults at hit 1 on attach only.
     * Faults on close and duplicate ids are bounded out because they reach
     * the design's known findings (H5, H7, H8, H9), which break invariants.
     */
    public static Bounds defaults(Design design) {
        List<ProgType> types = List.of(ProgType.FENTRY, ProgType.FEXIT, ProgType.FMOD_RET)
                .appendAll(List.of(ProgType.FENTRY_MULTI, ProgType.FEXIT_MULTI, ProgType.FMOD_RET_MULTI)
                        .filter(design::loadsMulti));
        return new Bounds(DefaultWorld.small(), 2, 2, types, 2, false, false, 1);
    }

    public Bounds withFaultOnClose(boolean on) {
        return new Bounds(world, maxProgs, maxLinks, progTypes, maxTargets, duplicateIds, on, maxHit);
    }

    public Bounds withDuplicateIds(boolean on) {
        return new Bounds(world, maxProgs, maxLinks, progTypes, maxTargets, on, faultOnClose, maxHit);
    }

    public Bounds withLimits(int progs, int links) {
        return new Bounds(world, progs, links, progTypes, maxTargets, duplicateIds, faultOnClose, maxHit);
    }

    public Bounds withProgTypes(List<ProgType> types) {
        return new Bounds(world, maxProgs, maxLinks, types, maxTargets, duplicateIds, faultOnClose, maxHit);
    }
}
