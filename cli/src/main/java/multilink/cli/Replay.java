package multilink.cli;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.invariant.Violation;
import multilink.model.state.KState;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.Target;
import multilink.model.world.TargetProgDef;
import multilink.properties.Checker;
import multilink.properties.Judge;
import multilink.properties.StepResult;
import multilink.properties.Verdict;

import java.util.ArrayList;
import java.util.function.IntConsumer;

/**
 * Runs a resolved scenario on the model, binding names to ids as steps
 * create them. Like {@link Checker#run} it judges every step ({@link Judge}):
 * it goes on past known findings and stops at the first new violation.
 */
public final class Replay {
    /**
     * Ids for names that never bound. Far above anything the model hands out,
     * so they never name a live object: the kernel answers EBADF, as it did
     * for the fd the trace was recorded with.
     */
    static final int FRESH_ID_BASE = 1_000_000;

    private Replay() {
    }

    /** One replayed step with the model step the names resolved to. */
    public record Replayed(int index, ScenarioStep scenarioStep, StepResult result, List<String> stateProblems) {
        public Replayed(int index, ScenarioStep scenarioStep, StepResult result) {
            this(index, scenarioStep, result, List.empty());
        }

        public Outcome outcome() {
            return result.outcome();
        }

        public List<Violation> violations() {
            return result.violations();
        }
    }

    /** The replay and how it ended (the design's known findings are told apart from new defects). */
    public record Result(Scenarios.Loaded loaded, List<Replayed> steps, Verdict verdict) {
        public KState finalState() {
            return steps.isEmpty() ? KState.initial(loaded.world()) : steps.last().outcome().state();
        }
    }

    public static Result run(Scenarios.Loaded loaded) {
        return run(loaded, done -> { });
    }

    /** As {@link #run(Scenarios.Loaded)}, telling {@code progress} the number of steps done after each one. */
    public static Result run(Scenarios.Loaded loaded, IntConsumer progress) {
        Design design = loaded.design();
        Names names = Names.of(loaded);
        Judge judge = new Judge(design, loaded.world());
        // a Java list while replaying: appending to a Vavr List copies it, which made long files quadratic
        java.util.List<Replayed> out = new ArrayList<>();
        java.util.List<Verdict.Known> known = new ArrayList<>();
        int i = 0;
        for (ScenarioStep st : loaded.scenario().steps()) {
            Step step = new Step(names.resolve(st.op()), st.fault());
            Judge.Judged j = judge.step(step);
            known.addAll(j.result().known().asJava());
            names = names.bind(st.op(), j.result().outcome().created());
            Names at = names;
            List<String> problems = st.check().map(a -> a.check(j.result().outcome().state(), at.view()))
                    .getOrElse(List.empty());
            out.add(new Replayed(i + 1, st, j.result(), problems));
            progress.accept(i + 1);
            if (j.broken().isDefined()) {
                return new Result(loaded, List.ofAll(out), j.broken().get());
            }
            i++;
        }
        return new Result(loaded, List.ofAll(out), new Verdict.Clean(List.ofAll(known)));
    }

    /** The name-to-id bindings at one point of the replay. */
    private record Names(Map<String, Integer> progs, Map<String, Integer> links, Map<String, Integer> fresh) {

        static Names of(Scenarios.Loaded l) {
            Map<String, Integer> progs = HashMap.empty();
            for (TargetProgDef t : l.world().targetProgs()) {
                progs = progs.put(t.name(), t.id());
            }
            // every name gets its fresh id up front, so the ids do not depend on the order of first use
            List<String> all = l.scenario().steps().flatMap(st -> st.op().progRefs().appendAll(st.op().linkRefs()))
                    .appendAll(l.scenario().badFds()).distinct().sorted();
            return new Names(progs, HashMap.empty(), HashMap.ofEntries(all.zipWithIndex()
                    .map(t -> io.vavr.Tuple.of(t._1, FRESH_ID_BASE + t._2))));
        }

        int prog(String name) {
            return progs.get(name).getOrElse(() -> fresh.get(name).getOrElse(FRESH_ID_BASE - 1));
        }

        int link(String name) {
            return links.get(name).getOrElse(() -> fresh.get(name).getOrElse(FRESH_ID_BASE - 1));
        }

        Target target(String t) {
            if (multilink.model.world.RawBtfId.value(new Target.Func(t)).isDefined()) {
                return new Target.Func(t);
            }
            int at = t.indexOf('@');
            if (at >= 0) {
                return new Target.SdtProbe(prog(t.substring(0, at)), t.substring(at + 1));
            }
            int colon = t.indexOf(':');
            return colon < 0 ? new Target.Func(t) : new Target.Subprog(prog(t.substring(0, colon)),
                    t.substring(colon + 1));
        }

        /** The names as a state assertion reads them. */
        StateAssertion.Names view() {
            Names self = this;
            return new StateAssertion.Names() {
                public Option<Integer> prog(String name) {
                    return self.progs.get(name);
                }

                public Option<Integer> link(String name) {
                    return self.links.get(name);
                }

                public Target target(String name) {
                    return self.target(name);
                }

                public String progName(int id) {
                    return self.progs.find(e -> e._2 == id).map(e -> e._1).getOrElse("prog " + id);
                }

                public String targetName(Target t) {
                    if (t instanceof Target.Subprog sp) {
                        return progName(sp.prog()) + ":" + sp.name();
                    }
                    return ((Target.Func) t).name();
                }
            };
        }

        Op resolve(NamedOp op) {
            if (op instanceof NamedOp.Load l) {
                return new Op.Load(l.type(), target(l.target()), l.sleepable());
            } else if (op instanceof NamedOp.CloseProg c) {
                return new Op.CloseProg(prog(c.prog()));
            } else if (op instanceof NamedOp.Attach a) {
                return new Op.Attach(prog(a.prog()), a.retarget().map(this::target), a.cookie());
            } else if (op instanceof NamedOp.AttachMulti m) {
                return new Op.AttachMulti(prog(m.prog()), m.targets().map(this::target), m.cookies(), m.flags(),
                        m.cnt());
            } else if (op instanceof NamedOp.CloseLink c) {
                return new Op.CloseLink(link(c.link()));
            } else if (op instanceof NamedOp.DetachLink d) {
                return new Op.DetachLink(link(d.link()));
            }
            if (op instanceof NamedOp.UpdateLink u) {
                return new Op.UpdateLink(link(u.link()), prog(u.newProg()), u.oldProg().map(this::prog).getOrElse(0),
                        u.flags());
            }
            return new Op.UnloadModule(((NamedOp.UnloadModule) op).module());
        }

        /**
         * A successful load or attach binds its name; a failed one unbinds it, so the name
         * stands for an fd that was never handed out (fresh id, EBADF) rather than an older object.
         */
        Names bind(NamedOp op, Option<Integer> created) {
            if (op instanceof NamedOp.Load l) {
                return new Names(created.map(id -> progs.put(l.prog(), id)).getOrElse(() -> progs.remove(l.prog())),
                        links, fresh);
            }
            return op.binds().map(n -> new Names(progs, created.map(id -> links.put(n, id)).getOrElse(() -> links.remove(n)),
                    fresh)).getOrElse(this);
        }
    }
}
