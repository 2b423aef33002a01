package multilink.cli;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import multilink.model.step.Op;
import multilink.model.world.Target;
import multilink.model.world.World;
import multilink.properties.Checker;
import multilink.properties.StepResult;

/**
 * Turns a recorded trace (model steps with raw ids) into a scenario file
 * that replays to the same states: prog id N is "pN" (a preloaded target
 * keeps its world name), link id N is "LN", each step expects the errno it
 * returned, and the last step expects the invariants it broke. An id no
 * earlier step created stood for a bad fd; it is listed in {@code bad_fds}.
 */
public final class TraceScenario {
    private TraceScenario() {
    }

    public static Scenario of(String design, String worldName, World world, Checker.Run run, String description) {
        List<ScenarioStep> steps = List.empty();
        int i = 0;
        for (StepResult r : run.results()) {
            i++;
            NamedOp op = name(r.step().op(), world, r.outcome().created(), i);
            Option<SortedSet<String>> broke = r.violations().isEmpty() ? Option.none()
                    : Option.of(TreeSet.ofAll(r.violations().map(v -> v.invariant())));
            steps = steps.append(new ScenarioStep(op, r.step().fault(), Option.of(r.outcome().errno()), broke,
                    Option.none()));
        }
        Set<String> declared = HashSet.ofAll(world.targetProgs().map(t -> t.name()))
                .addAll(steps.flatMap(s -> s.op().binds()));
        List<String> bad = steps.flatMap(s -> s.op().progRefs().appendAll(s.op().linkRefs())
                        .appendAll(s.op().targetRefs().filter(t -> !t.startsWith(multilink.model.world.RawBtfId.PREFIX))
                                .map(t -> t.split("[:@]", 2)).filter(t -> t.length == 2).map(t -> t[0])))
                .filter(n -> !declared.contains(n)).distinct().sorted();
        return new Scenario(Option.of(description), design, worldName, bad, steps, Option.none());
    }

    static NamedOp name(Op op, World w, Option<Integer> created, int index) {
        if (op instanceof Op.Load l) {
            // a failed load binds nothing; its name only has to be unique
            return new NamedOp.Load(created.map(id -> prog(w, id)).getOrElse("p_failed" + index),
                    l.type(), target(w, l.target()), l.sleepable());
        } else if (op instanceof Op.CloseProg c) {
            return new NamedOp.CloseProg(prog(w, c.prog()));
        } else if (op instanceof Op.Attach a) {
            return new NamedOp.Attach(prog(w, a.prog()), a.retarget().map(t -> target(w, t)), a.cookie(),
                    created.map(TraceScenario::link));
        } else if (op instanceof Op.AttachMulti m) {
            return new NamedOp.AttachMulti(prog(w, m.prog()), m.targets().map(t -> target(w, t)), m.cookies(),
                    m.flags(), m.cnt(), created.map(TraceScenario::link));
        } else if (op instanceof Op.CloseLink c) {
            return new NamedOp.CloseLink(link(c.link()));
        } else if (op instanceof Op.DetachLink d) {
            return new NamedOp.DetachLink(link(d.link()));
        } else if (op instanceof Op.UpdateLink u) {
            return new NamedOp.UpdateLink(link(u.link()), prog(w, u.newProg()),
                    u.oldProg() == 0 ? Option.none() : Option.of(prog(w, u.oldProg())), u.flags());
        }
        return new NamedOp.UnloadModule(((Op.UnloadModule) op).module());
    }

    static String prog(World w, int id) {
        return w.targetProg(id).map(t -> t.name()).getOrElse("p" + id);
    }

    static String link(int id) {
        return "L" + id;
    }

    private static String target(World w, Target t) {
        if (t instanceof Target.SdtProbe p) {
            return prog(w, p.prog()) + "@" + p.probe();
        }
        return t instanceof Target.Subprog sp ? prog(w, sp.prog()) + ":" + sp.name() : t.toString();
    }
}
