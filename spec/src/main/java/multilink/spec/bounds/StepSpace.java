package multilink.spec.bounds;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Classic;
import multilink.model.design.Design;
import multilink.model.state.KState;
import multilink.model.state.ProgType;
import multilink.model.step.Fault;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.Target;

/**
 * Every step an exhaustive run tries in every state, in a fixed order (the
 * order is the step's index in the graph labels), and the guard that keeps a
 * run inside its bounds. The spec's MC_Steps builds the same set; the graph
 * run ASSUMEs the two are equal.
 */
public record StepSpace(Design design, Bounds bounds, List<Step> steps) {

    public static StepSpace of(Design design, Bounds b) {
        List<Target> subprogs = b.world().targetProgs()
                .flatMap(t -> t.subprogs().map(s -> (Target) new Target.Subprog(t.id(), s)));
        int first = b.world().firstUserProgId();
        List<Integer> userIds = List.rangeClosed(first, first + b.maxProgs());
        // an attach names live ids only: its EBADF path is the same for a closed prog
        List<Integer> attachIds = userIds.init();
        List<Integer> linkIds = List.rangeClosed(1, b.maxLinks() + 1);
        List<FaultPoint> classicPoints = b.points().filter(Classic.CLASSIC_POINTS::contains);
        List<FaultPoint> loadPoints = b.points().filter(FaultPoint.TRAMPOLINE_GET::equals);
        List<Step> out = List.empty();
        for (var l : b.loads()) {
            out = out.appendAll(withFaults(new Op.Load(l._1, l._2, false), loadPoints));
        }
        for (int p : b.world().targetProgs().map(t -> t.id()).appendAll(userIds)) {
            out = out.append(Step.of(new Op.CloseProg(p)));
        }
        for (int p : attachIds) {
            for (Option<Target> retarget : List.of(Option.<Target>none()).appendAll(subprogs.map(Option::of))) {
                out = out.appendAll(withFaults(new Op.Attach(p, retarget, 0), classicPoints));
            }
        }
        for (int p : attachIds) {
            for (List<Target> ts : b.lists()) {
                Option<List<Long>> cookies = b.cookies()
                        ? Option.of(List.rangeClosed(1, ts.size()).map(i -> (long) i)) : Option.none();
                out = out.appendAll(withFaults(new Op.AttachMulti(p, ts, cookies, 0, Option.none()), b.points()));
            }
            if (b.bigCnt() > 0) {
                Option<List<Long>> cookies = b.cookies() ? Option.of(List.of(1L, 2L)) : Option.none();
                out = out.append(Step.of(new Op.AttachMulti(p, multilink.model.design.McBounds.REVERSED_PAIR, cookies, 0,
                        Option.of(b.bigCnt()))));
            }
        }
        for (int l : linkIds) {
            out = out.appendAll(withFaults(new Op.CloseLink(l), b.points()));
        }
        out = out.append(Step.of(new Op.DetachLink(1)));
        for (String m : b.world().modules()) {
            out = out.append(Step.of(new Op.UnloadModule(m)));
        }
        return new StepSpace(design, b, out);
    }

    /** The step plain, then with a fault at hit 1 and 2 at each point. */
    private static List<Step> withFaults(Op op, List<FaultPoint> points) {
        return List.of(Step.of(op)).appendAll(points.flatMap(p -> List.of(1, 2)
                .map(h -> new Step(op, Option.of(new Fault(p, h))))));
    }

    /** The bound before a step (the spec's InBounds): a load only below MaxProgs user progs. */
    public boolean inBounds(KState s, Step step) {
        if (step.op() instanceof Op.Load) {
            return s.progs().values().count(p -> p.type() != ProgType.TARGET) < bounds.maxProgs();
        }
        return true;
    }

    /** The bound after a step (the spec's Within): at most MaxLinks live links. */
    public boolean within(KState after) {
        return after.links().size() <= bounds.maxLinks();
    }

    /**
     * Whether a faulted step's fault fires, from the plain step's outcome in
     * the same state: the faulted run is the plain one up to the hit-th pass
     * through the point, so it fires iff the plain run passes the point at
     * least hit times (the spec's SyscallNext takes the same faulted steps).
     */
    public static boolean fires(Outcome plain, Fault f) {
        return plain.passes().get(f.point()).getOrElse(0) >= f.hit();
    }
}
