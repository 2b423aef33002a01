package multilink.spec.bounds;

import io.vavr.collection.List;
import io.vavr.control.Option;
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
 * run inside its bounds. The spec's MC modules build the same set; the
 * conformance check asks TLC to confirm they are equal.
 */
public record StepSpace(Design design, Bounds bounds, List<Step> steps) {

    public static StepSpace of(Design design, Bounds b) {
        List<Target> funcs = b.world().functions().map(f -> (Target) new Target.Func(f.name()));
        List<Target> subprogs = b.world().targetProgs()
                .flatMap(t -> t.subprogs().map(s -> (Target) new Target.Subprog(t.id(), s)));
        int first = b.world().firstUserProgId();
        List<Integer> progIds = List.rangeClosed(first, first + b.maxProgs());
        List<Integer> linkIds = List.rangeClosed(1, b.maxLinks() + 1);
        List<Step> out = List.empty();
        for (ProgType t : b.progTypes()) {
            for (Target target : funcs.appendAll(subprogs)) {
                out = out.appendAll(withFaults(new Op.Load(t, target, false), List.of(FaultPoint.TRAMPOLINE_GET), b));
            }
        }
        for (int p : progIds) {
            out = out.append(Step.of(new Op.CloseProg(p)));
        }
        for (int p : progIds) {
            out = out.appendAll(withFaults(new Op.Attach(p, Option.none(), 0), design.faultPoints(), b));
            for (Target sp : subprogs) {
                out = out.appendAll(withFaults(new Op.Attach(p, Option.of(sp), 0), design.faultPoints(), b));
            }
        }
        if (b.progTypes().exists(ProgType::multi)) {
            for (int p : progIds) {
                for (List<Target> ts : targetLists(funcs, b)) {
                    for (Option<List<Long>> cookies : List.of(Option.<List<Long>>none(),
                            Option.of(List.range(0, ts.size()).map(i -> (long) i + 1)))) {
                        out = out.appendAll(withFaults(new Op.AttachMulti(p, ts, cookies, 0, Option.none()),
                                design.faultPoints(), b));
                    }
                }
            }
        }
        for (int l : linkIds) {
            out = b.faultOnClose()
                    ? out.appendAll(withFaults(new Op.CloseLink(l), design.faultPoints(), b))
                    : out.append(Step.of(new Op.CloseLink(l)));
            out = out.append(Step.of(new Op.DetachLink(l)));
        }
        for (String m : b.world().modules()) {
            out = out.append(Step.of(new Op.UnloadModule(m)));
        }
        return new StepSpace(design, b, out);
    }

    /** Target lists of length 1..maxTargets, in catalogue order. */
    private static List<List<Target>> targetLists(List<Target> funcs, Bounds b) {
        List<List<Target>> lists = funcs.map(List::of);
        List<List<Target>> all = lists;
        for (int len = 2; len <= b.maxTargets(); len++) {
            lists = lists.flatMap(l -> funcs.filter(f -> b.duplicateIds() || !l.contains(f)).map(l::append));
            all = all.appendAll(lists);
        }
        return all;
    }

    private static List<Step> withFaults(Op op, List<FaultPoint> points, Bounds b) {
        List<Step> out = List.of(Step.of(op));
        for (FaultPoint p : points) {
            for (int hit = 1; hit <= b.maxHit(); hit++) {
                out = out.append(new Step(op, Option.of(new Fault(p, hit))));
            }
        }
        return out;
    }

    /** The bounds as a guard: whether a run takes {@code step} in {@code s}. */
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
