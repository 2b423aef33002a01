package multilink.spec.alloy;

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
import multilink.model.world.TargetProgDef;
import multilink.model.world.World;

import java.util.Random;

/**
 * A small random syscall driver for the Java link: loads, attaches (classic
 * and multi, to kernel functions and subprogs, sometimes with duplicates),
 * closes and module unloads on live objects, a fault at one of the design's
 * points on about a third of the steps. The cli's Alloy phase uses check's own
 * step generator instead (properties' StepGen); this one serves the spec
 * module, which cannot depend on properties.
 */
public record RandomSteps(Design design) implements JavaLink.StepSource {

    @Override
    public Step next(Random r, KState s) {
        Op op = op(r, s);
        List<FaultPoint> points = design.faultPoints().filter(p -> !p.equals(FaultPoint.KVMALLOC_VMALLOC) || r.nextInt(3) == 0);
        if (points.isEmpty() || r.nextInt(3) != 0) {
            return Step.of(op);
        }
        return new Step(op, Option.of(new Fault(points.get(r.nextInt(points.size())), 1 + r.nextInt(2))));
    }

    private static Op op(Random r, KState s) {
        World w = s.world();
        int k = r.nextInt(100);
        List<Integer> userProgs = s.progList().filter(p -> p.type() != ProgType.TARGET && p.fdOpen()).map(p -> p.id());
        if (k < 25 || userProgs.isEmpty()) {
            List<ProgType> types = List.of(ProgType.FENTRY, ProgType.FEXIT, ProgType.FMOD_RET, ProgType.FREPLACE,
                    ProgType.FENTRY_MULTI, ProgType.FEXIT_MULTI, ProgType.FMOD_RET_MULTI);
            ProgType t = types.get(r.nextInt(types.size()));
            boolean sub = t == ProgType.FREPLACE || r.nextInt(6) == 0;
            return new Op.Load(t, sub ? subprog(r, w) : func(r, w), false);
        }
        int prog = userProgs.get(r.nextInt(userProgs.size()));
        List<Integer> links = s.links().keySet().toList();
        if (k < 30) {
            return new Op.CloseProg(prog);
        } else if (k < 50) {
            return new Op.Attach(prog, Option.none(), r.nextInt(3));
        } else if (k < 72) {
            List<Target> ts = List.fill(1 + r.nextInt(3), () -> r.nextInt(8) == 0 ? subprog(r, w) : func(r, w));
            Option<List<Long>> cookies = r.nextBoolean() ? Option.of(ts.map(x -> (long) (1 + r.nextInt(3))))
                    : Option.none();
            return new Op.AttachMulti(prog, ts, cookies, 0, Option.none());
        } else if (k < 94 && !links.isEmpty()) {
            return new Op.CloseLink(links.get(r.nextInt(links.size())));
        } else if (k < 97) {
            return new Op.CloseProg(w.targetProgs().isEmpty() ? prog : w.targetProgs().get(0).id());
        }
        return new Op.UnloadModule(w.modules().isEmpty() ? "none" : w.modules().get(r.nextInt(w.modules().size())));
    }

    private static Target func(Random r, World w) {
        return new Target.Func(w.functions().get(r.nextInt(w.functions().size())).name());
    }

    private static Target subprog(Random r, World w) {
        if (w.targetProgs().isEmpty()) {
            return func(r, w);
        }
        TargetProgDef t = w.targetProgs().get(r.nextInt(w.targetProgs().size()));
        return new Target.Subprog(t.id(), t.subprogs().get(r.nextInt(t.subprogs().size())));
    }
}
