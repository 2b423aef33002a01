package multilink.cli;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.design.KnownFinding;
import multilink.model.design.Switch;
import multilink.model.design.Switches;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.LinkType;
import multilink.model.state.ProgType;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.Target;
import multilink.properties.StepGen;
import multilink.spec.RunConfig;
import multilink.spec.bounds.Bounds;
import multilink.spec.bounds.StepSpace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Random;

/**
 * What each design's default TLC config reaches, computed on the Java model
 * over the same step space and bounds (the exhaustive conformance holds the
 * model's graph equal to TLC's, so this is TLC's graph too): the errnos of
 * each syscall against those random chains in the same world reach without
 * any limit, the shapes the bounds were chosen for, the known findings (the
 * design without one fix breaks an invariant within the bounds) and the
 * invariants the seeded bugs break (each bug on the design with its fixes on;
 * first violation in breadth-first order, so its depth is TLC's shortest
 * counterexample length).
 */
final class Coverage {
    private Coverage() {
    }

    /** Chains and steps of the unlimited random reference run per design. */
    static final int REF_CHAINS = 400;
    static final int REF_STEPS = 25;

    /** A seeded bug's or a finding's first violation: its depth and the invariants broken there. */
    record Hit(String name, int depth, SortedSet<String> invariants) {
        String cell() {
            return depth < 0 ? name + ": none" : name + ": " + invariants.mkString(",") + " (" + depth + ")";
        }
    }

    /** One design's row. */
    record Row(String design, List<String> applicable, int states, int edges, Map<String, SortedSet<String>> errnos,
               Map<String, SortedSet<String>> reference, SortedSet<String> shapes, List<Hit> findings,
               List<Hit> bugs) {
        /** Errnos the unlimited random chains see and the bounds do not, by syscall. */
        Map<String, SortedSet<String>> missing() {
            return reference.map((op, es) -> io.vavr.Tuple.of(op,
                    es.removeAll(errnos.get(op).getOrElse(TreeSet.empty())))).filter(e -> !e._2.isEmpty());
        }

        /** Every errno and shape reached (the findings and bugs columns report; CoverageTest pins them). */
        boolean complete() {
            return missing().isEmpty() && applicable.forAll(shapes::contains);
        }

        SortedSet<String> invariants() {
            return TreeSet.ofAll(bugs.flatMap(Hit::invariants));
        }
    }

    /** The shapes issue 8 asks the default bounds to reach. */
    static final List<String> SHAPES = List.of("freplace on a subprog", "fentry on a subprog", "shared trampoline",
            "E2BIG at BPF_MAX_TRAMP_LINKS", "duplicate ids", "multi links partly overlapping", "module unloaded",
            "fault at hit 1", "fault at hit 2", "fault on close");

    /**
     * The shapes a design can show at all: no multi link on a kernel that
     * loads no multi prog (classic), and no classic syscall passes a fault point twice; with
     * detachnofail (every default config) no fault fires on close (the
     * known findings column runs the design without it).
     */
    static List<String> shapesFor(Design d) {
        boolean classic = !List.of(ProgType.values()).exists(d::loadsMulti);
        return SHAPES.filter(s -> !(classic && (s.equals("duplicate ids") || s.startsWith("multi links")
                || s.equals("fault at hit 2"))) && !(d.on(Switches.DETACHNOFAIL) && s.equals("fault on close")));
    }

    static Row of(Design preset) {
        Design d = preset.withFixes();
        StepSpace space = StepSpace.of(d, Bounds.of(d, RunConfig.defaultFor(d)));
        java.util.Map<String, java.util.Set<String>> errnos = new java.util.TreeMap<>();
        java.util.Set<String> shapes = new java.util.TreeSet<>();
        int[] counts = new int[2];
        bfs(d, space, (before, depth, step, out) -> {
            counts[1]++;
            errnos.computeIfAbsent(opName(step.op()), k -> new java.util.TreeSet<>()).add(out.errno().toString());
            shapes.addAll(shapes(before, step, out).asJava());
            return false;
        }, n -> counts[0] = n);
        List<Hit> findings = preset.knownFindings().map(f -> firstViolation(f.hazard(),
                d.withSwitches(d.switches().remove(f.fix()))));
        List<Hit> bugs = Switches.of(Switch.Kind.BUG).filter(s -> s.presets().head().equals(preset.preset()))
                .map(s -> firstViolation(s.name(), d.withSwitches(d.switches().add(s.name()))));
        return new Row(d.name(), shapesFor(d), counts[0], counts[1], freeze(errnos), reference(d), TreeSet.ofAll(shapes),
                findings, bugs);
    }

    private static Map<String, SortedSet<String>> freeze(java.util.Map<String, java.util.Set<String>> m) {
        return HashMap.ofAll(m).mapValues(TreeSet::ofAll);
    }

    /** Errnos per syscall of random chains in the same world with no limit on progs or links. */
    static Map<String, SortedSet<String>> reference(Design d) {
        java.util.Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
        StepGen gen = StepGen.of(d);
        Random r = new Random(8);
        for (int c = 0; c < REF_CHAINS; c++) {
            KState s = KState.initial(Bounds.WORLD);
            for (int i = 0; i < REF_STEPS; i++) {
                Step step = gen.next(r, s);
                Outcome o = Syscalls.step(d, s, step);
                out.computeIfAbsent(opName(step.op()), k -> new java.util.TreeSet<>()).add(o.errno().toString());
                s = o.state();
            }
        }
        return freeze(out);
    }

    static String opName(Op op) {
        if (op instanceof Op.Load) {
            return "load";
        } else if (op instanceof Op.CloseProg) {
            return "close_prog";
        } else if (op instanceof Op.Attach) {
            return "attach";
        } else if (op instanceof Op.AttachMulti) {
            return "attach_multi";
        } else if (op instanceof Op.CloseLink) {
            return "close_link";
        } else if (op instanceof Op.DetachLink) {
            return "detach_link";
        }
        return "unload_module";
    }

    private static List<String> shapes(KState before, Step step, Outcome out) {
        List<String> s = List.empty();
        KState k = out.state();
        for (Link l : k.linkList()) {
            var p = k.progs().get(l.prog());
            if (p.exists(x -> x.type() == ProgType.FREPLACE) && l.entries().exists(e -> e.tramp() instanceof Target.Subprog)) {
                s = s.append("freplace on a subprog");
            }
            if (p.exists(x -> x.type() == ProgType.FENTRY) && l.entries().exists(e -> e.tramp() instanceof Target.Subprog)) {
                s = s.append("fentry on a subprog");
            }
        }
        if (k.trampolineList().exists(t -> t.progCount() >= 2)) {
            s = s.append("shared trampoline");
        }
        List<Link> multi = k.linkList().filter(l -> l.type().equals(LinkType.TRACING_MULTI));
        for (Link a : multi) {
            for (Link b : multi) {
                var ta = a.entries().map(e -> e.tramp()).toSet().addAll(k.designObjects().linkTargets(a.id()));
                var tb = b.entries().map(e -> e.tramp()).toSet().addAll(k.designObjects().linkTargets(b.id()));
                if (a.id() < b.id() && !ta.intersect(tb).isEmpty() && !ta.equals(tb)) {
                    s = s.append("multi links partly overlapping");
                }
            }
        }
        if (out.errno() == Errno.E2BIG && (step.op() instanceof Op.Attach
                || step.op() instanceof Op.AttachMulti m && m.cnt().isEmpty())) {
            s = s.append("E2BIG at BPF_MAX_TRAMP_LINKS");
        }
        if (step.op() instanceof Op.AttachMulti m && m.targets().distinct().size() < m.targets().size()) {
            s = s.append("duplicate ids");
        }
        if (step.op() instanceof Op.UnloadModule && out.errno().ok()) {
            s = s.append("module unloaded");
        }
        for (var f : step.fault()) {
            s = s.append("fault at hit " + f.hit());
            if (step.op() instanceof Op.CloseLink) {
                s = s.append("fault on close");
            }
        }
        return s;
    }

    /** Breadth-first to the first step that breaks an invariant (state or transition). */
    static Hit firstViolation(String name, Design d) {
        StepSpace space = StepSpace.of(d, Bounds.of(d, RunConfig.defaultFor(d)));
        Hit[] hit = {new Hit(name, -1, TreeSet.empty())};
        bfs(d, space, (before, depth, step, out) -> {
            List<Violation> v = Invariants.check(d, before, out);
            if (v.isEmpty()) {
                return false;
            }
            hit[0] = new Hit(name, depth + 1, TreeSet.ofAll(v.map(Violation::invariant)));
            return true;
        }, n -> { });
        return hit[0];
    }

    interface Visit {
        /** Called per taken edge from a state at {@code depth}; true stops the search. */
        boolean edge(KState before, int depth, Step step, Outcome out);
    }

    /** The spec's SyscallNext over the step space, breadth first from boot. */
    static void bfs(Design d, StepSpace space, Visit visit, java.util.function.IntConsumer states) {
        KState init = KState.initial(space.bounds().world());
        java.util.HashMap<KState, Integer> seen = new java.util.HashMap<>();
        ArrayDeque<KState> queue = new ArrayDeque<>();
        seen.put(key(init), 0);
        queue.add(init);
        Step[] arr = space.steps().toJavaArray(Step[]::new);
        while (!queue.isEmpty()) {
            KState s = queue.poll();
            int depth = seen.get(key(s));
            Outcome plain = null;
            for (Step step : arr) {
                if (!space.inBounds(s, step)) {
                    continue;
                }
                Outcome out;
                if (step.fault().isEmpty()) {
                    out = plain = Syscalls.step(d, s, step);
                } else if (plain != null && StepSpace.fires(plain, step.fault().get())) {
                    out = Syscalls.step(d, s, step);
                } else {
                    continue;
                }
                if (!space.within(out.state())) {
                    continue;
                }
                if (visit.edge(s, depth, step, out)) {
                    states.accept(seen.size());
                    return;
                }
                KState n = normalised(out.state());
                if (!seen.containsKey(key(n))) {
                    seen.put(key(n), depth + 1);
                    queue.add(n);
                }
            }
        }
        states.accept(seen.size());
    }

    /** Warnings reduced to their kind, as the canonical form (and TLC's state) has them. */
    private static KState normalised(KState s) {
        return s.warnings().isEmpty() ? s
                : s.withWarnings(s.warnings().map(w -> new multilink.model.state.Warning(w.kind(), "")));
    }

    /**
     * What tells two states apart here: also without {@code ftrace_managed},
     * which the canonical form (and TLC's state) leaves out outside 6.1's trampmod (no coverage design has it), as states that
     * differ only in it take the same steps (CanonicalState.tramp). Only the
     * key drops it: the state explored keeps it, since modify reads it.
     */
    private static KState key(KState s) {
        return s.withTrampolines(s.trampolines().mapValues(t -> t.withFtraceManaged(false)));
    }

    static List<Row> all() throws InterruptedException, java.util.concurrent.ExecutionException {
        // the designs the spec has a module for (every preset; not a user's own design)
        return Parallel.run("coverage", Designs.all().filter(p -> multilink.spec.SpecDesign.of(p).isDefined())
                .map(p -> () -> of(p)));
    }

    /** The README's findings cell: each finding with the depth of its first violation, or "-". */
    static String readmeFindings(Row r) {
        return r.findings().map(h -> h.name() + " " + (h.depth() < 0 ? "-" : String.valueOf(h.depth()))).mkString(", ");
    }

    /** The README's seeded-bug cell: caught of planted, and the ones not caught. */
    static String readmeBugs(Row r) {
        return r.bugs().count(b -> b.depth() >= 0) + "/" + r.bugs().size() + r.bugs().filter(b -> b.depth() < 0)
                .map(Hit::name).mkString(" (not: ", ", ", ")").transform(x -> x.equals(" (not: )") ? "" : x);
    }

    static TextTable table(List<Row> rows) {
        TextTable t = TextTable.of("design (default config)", "states", "edges", "attach errnos",
                "attach_multi errnos", "missing errnos", "shapes missing", "known findings reached",
                "invariants failing under seeded bugs", "seeded bugs caught");
        for (Row r : rows) {
            t = t.row(r.design(), String.valueOf(r.states()), String.valueOf(r.edges()),
                    r.errnos().get("attach").map(e -> e.mkString(" ")).getOrElse("-"),
                    r.errnos().get("attach_multi").map(e -> e.mkString(" ")).getOrElse("-"),
                    r.missing().isEmpty() ? "none" : r.missing().map(e -> e._1 + ": " + e._2.mkString(" ")).mkString("; "),
                    r.applicable().filter(s -> !r.shapes().contains(s)).mkString(", ").transform(x -> x.isEmpty() ? "none" : x),
                    r.findings().map(Hit::cell).mkString("; "),
                    r.invariants().mkString(" "),
                    r.bugs().count(b -> b.depth() >= 0) + "/" + r.bugs().size() + r.bugs().filter(b -> b.depth() < 0)
                            .map(Hit::name).mkString(" (not: ", ", ", ")").transform(x -> x.equals(" (not: )") ? "" : x));
        }
        return t;
    }
}
