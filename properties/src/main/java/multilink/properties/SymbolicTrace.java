package multilink.properties;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.World;

/**
 * A trace whose prog and link references name the step that created the
 * object rather than its id, the way scenario files name them. Ids come from
 * replay order, so dropping one load would otherwise make every later step
 * point at another prog; here the steps keep pointing at the same objects,
 * and a reference to a dropped or failed creation becomes a bad fd.
 */
final class SymbolicTrace {
    /** A step and, if it names a prog or link some earlier step created, that step's index. */
    record Sym(Step step, Option<Integer> creator) {
    }

    private SymbolicTrace() {
    }

    static List<Sym> of(Design d, World w, List<Step> steps) {
        KState s = KState.initial(w);
        java.util.Map<Integer, Integer> progCreator = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> linkCreator = new java.util.HashMap<>();
        List<Sym> out = List.empty();
        for (int i = 0; i < steps.size(); i++) {
            Step st = steps.get(i);
            Option<Integer> ref = referenced(st.op()).flatMap(r -> Option.of(
                    (r.isLink ? linkCreator : progCreator).get(r.id)));
            out = out.append(new Sym(st, ref));
            Outcome o = Syscalls.step(d, s, st);
            for (Integer id : o.created()) {
                (st.op() instanceof Op.Load ? progCreator : linkCreator).put(id, i);
            }
            s = o.state();
        }
        return out;
    }

    /** Replays the kept steps in order, giving each reference the id its creator got this time. */
    static List<Step> materialize(Design d, World w, List<Sym> syms, List<Integer> originalIndex) {
        KState s = KState.initial(w);
        java.util.Map<Integer, Integer> created = new java.util.HashMap<>();
        List<Step> out = List.empty();
        for (int k = 0; k < syms.size(); k++) {
            Sym sym = syms.get(k);
            Step st = sym.step();
            if (sym.creator().isDefined()) {
                int c = sym.creator().get();
                int id = created.getOrDefault(c, 900 + c);
                st = new Step(withRef(st.op(), id), st.fault());
            }
            Outcome o = Syscalls.step(d, s, st);
            for (Integer id : o.created()) {
                created.put(originalIndex.get(k), id);
            }
            out = out.append(st);
            s = o.state();
        }
        return out;
    }

    private record Ref(int id, boolean isLink) {
    }

    private static Option<Ref> referenced(Op op) {
        if (op instanceof Op.CloseProg c) {
            return Option.of(new Ref(c.prog(), false));
        } else if (op instanceof Op.Attach a) {
            return Option.of(new Ref(a.prog(), false));
        } else if (op instanceof Op.AttachMulti m) {
            return Option.of(new Ref(m.prog(), false));
        } else if (op instanceof Op.CloseLink c) {
            return Option.of(new Ref(c.link(), true));
        } else if (op instanceof Op.DetachLink dl) {
            return Option.of(new Ref(dl.link(), true));
        }
        return Option.none();
    }

    private static Op withRef(Op op, int id) {
        if (op instanceof Op.CloseProg) {
            return new Op.CloseProg(id);
        } else if (op instanceof Op.Attach a) {
            return new Op.Attach(id, a.retarget(), a.cookie());
        } else if (op instanceof Op.AttachMulti m) {
            return new Op.AttachMulti(id, m.targets(), m.cookies(), m.flags(), m.cnt());
        } else if (op instanceof Op.CloseLink) {
            return new Op.CloseLink(id);
        } else if (op instanceof Op.DetachLink) {
            return new Op.DetachLink(id);
        }
        return op;
    }
}
