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
        List<Target> funcs = b.world().functions().map(f -> (Target) new Target.Func(f.name()));
        List<Target> subprogs = b.world().targetProgs()
                .flatMap(t -> t.subprogs().map(s -> (Target) new Target.Subprog(t.id(), s)));
        int first = b.world().firstUserProgId();
        List<Integer> progIds = List.rangeClosed(first, first + b.maxProgs());
        // an attach names live ids only: its EBADF path is the same for a closed prog
        List<Integer> attachIds = progIds.init();
        List<Integer> linkIds = List.rangeClosed(1, b.maxLinks() + 1);
        List<FaultPoint> classicPoints = b.points().filter(Classic.CLASSIC_POINTS::contains);
        List<Step> out = List.empty();
        for (ProgType t : b.progTypes()) {
            for (Target target : funcs.appendAll(subprogs)) {
                out = out.appendAll(withFaults(new Op.Load(t, target, false), List.of(FaultPoint.TRAMPOLINE_GET)));
            }
        }
        for (int p : progIds) {
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
        }
        for (int l : linkIds) {
            out = out.appendAll(withFaults(new Op.CloseLink(l), b.closePoints()));
            out = out.append(Step.of(new Op.DetachLink(l)));
        }
        for (String m : b.world().modules()) {
            out = out.append(Step.of(new Op.UnloadModule(m)));
        }
        return new StepSpace(design, b, out);
    }

    private static List<Step> withFaults(Op op, List<FaultPoint> points) {
        return List.of(Step.of(op)).appendAll(points.map(p -> new Step(op, Option.of(new Fault(p, 1)))));
    }

    /** The bounds as a guard: whether a run takes {@code step} in {@code s} (the spec's InBounds). */
    public boolean inBounds(KState s, Step step) {
        if (step.op() instanceof Op.Load) {
            return s.progs().values().count(p -> p.type() != ProgType.TARGET) < bounds.maxProgs();
        }
        if (step.op() instanceof Op.Attach || step.op() instanceof Op.AttachMulti) {
            return s.links().size() < bounds.maxLinks();
        }
        return true;
    }
}
