package multilink.cli;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.world.Btfs;
import multilink.model.world.DefaultWorld;
import multilink.model.world.TargetProgDef;
import multilink.model.world.World;

/**
 * Binds a parsed scenario to a design and a world and checks every name in
 * it against them, before anything runs: a fault point the design never
 * passes, a function the world does not have, a prog or link name no step
 * binds (a typo; deliberate bad fds are listed in {@code bad_fds}).
 */
public final class Scenarios {
    public static final List<String> WORLDS = List.of("default", "small", "explore", "tlc", "tlc-limit1");

    /** The world of the TLC runs (MCBounds): small() plus target prog 1 with subprog_a. */
    public static final String TLC_WORLD = "tlc";
    /** The same with BPF_MAX_TRAMP_LINKS 1 (RunConfig.LIMIT1). */
    public static final String TLC_LIMIT1_WORLD = "tlc-limit1";

    private Scenarios() {
    }

    /** A scenario ready to replay. */
    public record Loaded(Design design, World world, Scenario scenario) {
    }

    public static World world(String name) {
        return name.equals("small") ? DefaultWorld.small() : name.equals("explore") ? DefaultWorld.explore()
                : name.equals(TLC_WORLD) ? multilink.spec.bounds.Bounds.WORLD
                : name.equals(TLC_LIMIT1_WORLD) ? multilink.spec.bounds.Bounds.WORLD.withMaxTrampLinks(1)
                : DefaultWorld.get();
    }

    public static Either<ScenarioError, Loaded> resolve(Scenario s, DesignCatalogue designs) {
        Option<Design> d = designs.byName(s.design());
        if (d.isEmpty()) {
            return Either.left(ScenarioError.file("unknown design \"" + s.design() + "\" (known: "
                    + designs.names().mkString(", ") + ")"));
        }
        World w = s.inline().getOrElse(() -> world(s.world()));
        Set<String> progNames = HashSet.ofAll(w.targetProgs().map(TargetProgDef::name)).addAll(s.badFds());
        Set<String> linkNames = HashSet.ofAll(s.badFds());
        for (ScenarioStep st : s.steps()) {
            if (st.op() instanceof NamedOp.Load) {
                progNames = progNames.addAll(st.op().binds());
            } else {
                linkNames = linkNames.addAll(st.op().binds());
            }
        }
        int i = 0;
        for (ScenarioStep st : s.steps()) {
            i++;
            Option<String> problem = problem(st, d.get(), w, progNames, linkNames);
            if (problem.isDefined()) {
                return Either.left(new ScenarioError(i, problem.get()));
            }
        }
        return Either.right(new Loaded(d.get(), w, s));
    }

    private static Option<String> problem(ScenarioStep st, Design d, World w, Set<String> progs, Set<String> links) {
        if (st.fault().exists(f -> !d.faultPoints().contains(f.point()))) {
            return Option.of("design " + d.name() + " has no fault point \"" + st.fault().get().point() + "\" (it has: "
                    + d.faultPoints().mkString(", ") + ")");
        }
        Option<String> p = st.op().progRefs().find(x -> !progs.contains(x));
        if (p.isDefined()) {
            return Option.of("unknown prog \"" + p.get() + "\" (no step loads it; list deliberate bad fds in bad_fds)");
        }
        Option<String> l = st.op().linkRefs().find(x -> !links.contains(x));
        if (l.isDefined()) {
            return Option.of("unknown link \"" + l.get() + "\" (no step names it with \"as\"; list deliberate bad fds "
                    + "in bad_fds)");
        }
        if (!(st.op() instanceof NamedOp.Load) && st.op().targetRefs().exists(x -> x.contains("@"))) {
            return Option.of("an SDT probe (prog@probe) is what an sdt prog is loaded against; attach targets "
                    + "are functions and prog:subprog");
        }
        Option<String> t = st.op().targetRefs().map(x -> targetProblem(x, w, progs)).find(Option::isDefined)
                .flatMap(x -> x);
        return t.orElse(() -> st.check().flatMap(a -> assertionProblem(a, w, progs, links)));
    }

    /** Names in a step's "assert" the world or the file does not know. */
    private static Option<String> assertionProblem(StateAssertion a, World w, Set<String> progs, Set<String> links) {
        Option<String> p = a.progRefs().find(x -> !progs.contains(x));
        if (p.isDefined()) {
            return Option.of("\"assert\" names unknown prog \"" + p.get() + "\"");
        }
        Option<String> l = a.linkRefs().find(x -> !links.contains(x));
        if (l.isDefined()) {
            return Option.of("\"assert\" names unknown link \"" + l.get() + "\"");
        }
        for (String k : a.refcnt().keySet()) {
            String name = k.substring(k.indexOf(' ') + 1);
            if (k.startsWith("module ") && !w.modules().contains(name)) {
                return Option.of("\"assert\" names unknown module \"" + name + "\"");
            }
            if (k.startsWith("btf ") && !name.equals(Btfs.VMLINUX)
                    && !w.modules().map(Btfs::ofModule).contains(name)) {
                return Option.of("\"assert\" names unknown BTF \"" + name + "\" (vmlinux or btf:MODULE)");
            }
        }
        return a.targetRefs().appendAll(a.directCalls().getOrElse(List.empty()))
                .map(x -> targetProblem(x, w, progs)).find(Option::isDefined).flatMap(x -> x);
    }

    private static Option<String> targetProblem(String t, World w, Set<String> progs) {
        if (multilink.model.world.RawBtfId.value(new multilink.model.world.Target.Func(t)).isDefined()) {
            return Option.none();
        }
        int at = t.indexOf('@');
        if (at >= 0) {
            String prog = t.substring(0, at);
            String probe = t.substring(at + 1);
            Option<TargetProgDef> def = w.targetProgNamed(prog);
            if (def.isEmpty()) {
                return Option.of("unknown target prog \"" + prog + "\" in \"" + t + "\" (SDT probes are the world's "
                        + "target progs': " + w.targetProgs().map(TargetProgDef::name).mkString(", ") + ")");
            }
            return def.get().probe(probe).isDefined() ? Option.none()
                    : Option.of("unknown SDT probe \"" + probe + "\" of " + prog + " (it has: "
                    + (def.get().probes().isEmpty() ? "none" : def.get().probes().map(x -> x.name()).mkString(", "))
                    + ")");
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            return w.function(t).isDefined() ? Option.none()
                    : Option.of("unknown function \"" + t + "\" (not in the " + "world's catalogue)");
        }
        String prog = t.substring(0, colon);
        String sub = t.substring(colon + 1);
        Option<TargetProgDef> def = w.targetProgNamed(prog);
        if (def.isDefined()) {
            return def.get().subprogs().contains(sub) ? Option.none()
                    : Option.of("unknown subprog \"" + sub + "\" of " + prog + " (it has: "
                    + def.get().subprogs().mkString(", ") + ")");
        }
        return progs.contains(prog) && !sub.isEmpty() ? Option.none()
                : Option.of("unknown target \"" + t + "\" (a function, or prog:subprog of a loaded prog)");
    }
}
