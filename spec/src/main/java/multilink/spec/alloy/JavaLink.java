package multilink.spec.alloy;

import edu.mit.csail.sdg.parser.CompModule;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import multilink.model.design.Design;
import multilink.model.invariant.Invariant;
import multilink.model.invariant.Invariants;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.step.Step;
import multilink.model.world.World;
import multilink.spec.alloy.AlloyResult.Status;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.function.Function;

/**
 * The link between the Java model and refs.als: states the model reaches on
 * random syscalls are translated into refs.als snapshots
 * ({@link StateTranslation}) and Alloy evaluates refs.als's predicates on
 * them. On every state:
 * <ol>
 * <li>the Java invariants refs.als states all hold => refs.als's invariants
 * hold (its facts accept every good state the model reaches: they are not
 * stronger than the kernel the model is);</li>
 * <li>refs.als's invariants hold => the model's NO_DANGLING holds and nothing
 * freed is reachable from ftrace (the checked theorem, on a concrete state,
 * judged by the Java side);</li>
 * <li>refs.als's NO_DANGLING and the model's agree (the translation keeps
 * every reference; refs.als also looks at a loaded module's pointer at its
 * own BTF, which the model's does not);</li>
 * <li>per invariant: REF_*, IMAGE_OWNED and FTRACE_MATCHES_TRAMPOLINES give
 * the Java verdict, REF_* and IMAGE_OWNED also failing where a live holder
 * names a freed object (refs.als counts freed objects, the model leaves them
 * to NO_DANGLING); IMAGE_MATCHES_PROGS and LINKINFO_MATCHES hold where the
 * Java ones and NO_DANGLING do (refs.als's are no stronger there).</li>
 * </ol>
 * States where the Java invariants fail (known findings, seeded bugs) are
 * sampled on purpose: there the facts must reject what Java rejects.
 */
public final class JavaLink {
    /** The Java invariants refs.als states (NO_DANGLING is its question). */
    public static final List<Invariant> JAVA = List.of(Invariants.REF_PROG, Invariants.REF_BTF, Invariants.REF_MODULE,
            Invariants.REF_TRAMPOLINE, Invariants.IMAGE_OWNED, Invariants.IMAGE_MATCHES_PROGS,
            Invariants.FTRACE_MATCHES_TRAMPOLINES, Invariants.LINKINFO_MATCHES, Invariants.NO_DANGLING);

    private static final List<String> EXACT = List.of("REF_PROG", "REF_BTF", "REF_MODULE", "REF_TRAMPOLINE",
            "IMAGE_OWNED", "FTRACE_MATCHES_TRAMPOLINES");

    private JavaLink() {
    }

    /** Draws the next step from a state (check's StepGen, or {@link RandomSteps}). */
    public interface StepSource {
        Step next(Random r, KState s);
    }

    /** A state and the design that reached it. */
    public record Reached(String design, KState state) {
    }

    /** What one state gave on both sides, and where they disagree. */
    public record Judged(Reached reached, Map<String, Boolean> alloy, Map<String, Boolean> java,
                         List<String> disagreements, StateTranslation translation, Instance instance) {
        public boolean javaGood() {
            return java.values().forAll(b -> b);
        }

        /** The state as refs.als sees it, named after the model's objects. */
        public String picture() {
            return new RefsPicture(instance, translation::shown).text();
        }
    }

    /** The link's verdict over a sample. */
    public record Report(List<Judged> judged, int reachedStates, int designs, double seconds) {
        public List<Judged> disagreeing() {
            return judged.filter(j -> !j.disagreements().isEmpty());
        }

        public int rejected() {
            return judged.count(j -> !j.alloy().get("invariants").getOrElse(false));
        }

        public AlloyResult result(long seed) {
            int n = judged.size();
            String scope = n + " states of " + designs + " designs (" + reachedStates + " reached, seed " + seed + ")";
            String shown = (n - rejected()) + " accepted, " + rejected() + " rejected";
            List<Judged> bad = disagreeing();
            if (bad.isEmpty()) {
                return new AlloyResult("link", "java-states", scope, seconds, shown, "-", Status.CLEAN, "clean", "");
            }
            Judged j = bad.head();
            return new AlloyResult("link", "java-states", scope, seconds, shown, bad.size() + " disagree",
                    Status.VIOLATION, "VIOLATION model and refs.als disagree",
                    "link: a state of " + j.reached().design() + " on which the Java model and refs.als disagree: "
                            + j.disagreements().mkString("; ") + "\n" + j.picture());
        }
    }

    /**
     * Random chains on each design from the initial state; every distinct
     * state reached, with the first design that reached it.
     */
    public static List<Reached> reach(List<Design> designs, World world, Function<Design, StepSource> steps,
                                      long seed, int chains, int length) {
        java.util.Map<KState, String> seen = new java.util.LinkedHashMap<>();
        Random r = new Random(seed);
        for (Design d : designs) {
            StepSource gen = steps.apply(d);
            for (int c = 0; c < chains; c++) {
                KState s = KState.initial(world);
                for (int i = 0; i < length; i++) {
                    s = Syscalls.step(d, s, gen.next(r, s)).state();
                    seen.putIfAbsent(s, d.name());
                }
            }
        }
        return List.ofAll(seen.entrySet()).map(e -> new Reached(e.getValue(), e.getKey()));
    }

    /**
     * Up to {@code n} states to check: half of them where a Java invariant of
     * refs.als's set fails (as many as there are), the rest where all hold,
     * each half spread over the states by size (objects named) from the
     * largest, so both small and rich object graphs are among them.
     */
    public static List<Reached> pick(List<Reached> reached, int n) {
        Tuple2<List<Reached>, List<Reached>> split = reached.partition(r -> JAVA.forAll(i -> i.check(r.state()).isEmpty()));
        List<Reached> bad = byFirstBroken(split._2, n / 2);
        List<Reached> good = spread(split._1, n - bad.size());
        return bad.appendAll(good);
    }

    /**
     * Bad states taken in turn from each invariant that breaks first in
     * them, each group spread by size: one design's many refcount states
     * must not crowd out the few dangling ones.
     */
    private static List<Reached> byFirstBroken(List<Reached> rs, int n) {
        if (rs.size() <= n) {
            return rs;
        }
        // each state's first broken invariant once, not once per invariant
        var byFirst = rs.groupBy(r -> JAVA.find(j -> !j.check(r.state()).isEmpty()).get());
        List<List<Reached>> groups = JAVA.flatMap(byFirst::get);
        List<Reached> out = List.empty();
        int share = 0;
        while (out.size() < n) {
            share++;
            int s = share;
            List<Reached> next = groups.flatMap(g -> spread(g, s)).distinct();
            if (next.size() > n || next.size() == out.size()) {
                return out.appendAll(next.removeAll(out).take(n - out.size()));
            }
            out = next;
        }
        return out;
    }

    private static List<Reached> spread(List<Reached> rs, int n) {
        if (rs.size() <= n) {
            return rs;
        }
        List<Reached> bySize = rs.sortBy(r -> -size(r.state()));
        List<Reached> out = List.empty();
        for (int i = 0; i < n; i++) {
            out = out.append(bySize.get((int) ((long) i * bySize.size() / n)));
        }
        return out;
    }

    private static int size(KState s) {
        return s.progs().size() + s.links().size() + s.trampolines().size() + s.images().size()
                + s.linkList().map(l -> l.entries().size()).sum().intValue();
    }

    public static Report run(List<Reached> sample, int reachedStates, int designs) {
        return run(Alloy.source(Alloy.REFS), sample, reachedStates, designs);
    }

    public static Report run(String refsSource, List<Reached> sample, int reachedStates, int designs) {
        long t0 = System.nanoTime();
        List<Judged> judged = sample.map(r -> judge(refsSource, r));
        return new Report(judged, reachedStates, designs, (System.nanoTime() - t0) / 1e9);
    }

    /** Translates one state, solves the pinned module, and compares the verdicts. */
    public static Judged judge(String refsSource, Reached r) {
        StateTranslation t = StateTranslation.of(r.state());
        List<String> untranslatable = t.untranslatable();
        if (!untranslatable.isEmpty()) {
            return new Judged(r, LinkedHashMap.empty(), LinkedHashMap.empty(), untranslatable, t,
                    new Instance(LinkedHashMap.empty(), LinkedHashMap.empty()));
        }
        CompModule m = Alloy.parse(t.module(refsSource));
        Outcome o = Alloy.execute(m, Alloy.command(m, "state"), Alloy.pinnedOptions());
        Map<String, Boolean> java = LinkedHashMap.empty();
        for (Invariant i : JAVA) {
            java = java.put(i.id(), i.check(r.state()).isEmpty());
        }
        if (!o.satisfiable()) {
            return new Judged(r, LinkedHashMap.empty(), java, List.of("the translated state breaks refs.als's "
                    + "Snapshot facts (no instance)"), t, new Instance(LinkedHashMap.empty(), LinkedHashMap.empty()));
        }
        Map<String, Boolean> alloy = LinkedHashMap.empty();
        for (String p : RefsModel.INVARIANTS.appendAll(List.of("invariants", "NO_DANGLING", "FTRACE_REACHES_LIVE"))) {
            alloy = alloy.put(p, Alloy.holds(m, o.solution(), p));
        }
        return new Judged(r, alloy, java, compare(alloy, java, t), t, Instance.of(o.solution()));
    }

    static List<String> compare(Map<String, Boolean> alloy, Map<String, Boolean> java, StateTranslation t) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        boolean javaGood = java.values().forAll(b -> b);
        boolean inv = alloy.get("invariants").get();
        if (javaGood && !inv) {
            out.add("every Java invariant holds but refs.als rejects the state (broken there: "
                    + RefsModel.INVARIANTS.filter(p -> !alloy.get(p).get()).mkString(", ") + ")");
        }
        if (inv && !java.get("NO_DANGLING").get()) {
            out.add("refs.als's invariants hold but the model's NO_DANGLING fails");
        }
        if (inv && !alloy.get("FTRACE_REACHES_LIVE").get()) {
            out.add("refs.als's invariants hold but ftrace reaches a freed object");
        }
        // refs.als also counts a loaded module's pointer at its own BTF, which the model's NO_DANGLING skips
        boolean clean = java.get("NO_DANGLING").get() && !t.moduleBtfFreed();
        if (alloy.get("NO_DANGLING").get() != clean) {
            out.add("NO_DANGLING: refs.als " + alloy.get("NO_DANGLING").get() + ", model "
                    + java.get("NO_DANGLING").get() + (t.moduleBtfFreed() ? " with a module's own BTF freed" : ""));
        }
        if (!alloy.get("FREE_AT_ZERO").get()) {
            out.add("FREE_AT_ZERO fails on a translated state (freed objects are translated with count 0)");
        }
        for (String id : EXACT) {
            boolean want = java.get(id).get() && !t.heldWhileFreed().contains(id);
            if (alloy.get(id).get() != want) {
                out.add(id + ": refs.als " + alloy.get(id).get() + ", model " + java.get(id).get()
                        + (t.heldWhileFreed().contains(id) ? " with a freed object held" : ""));
            }
        }
        for (String id : List.of("IMAGE_MATCHES_PROGS", "LINKINFO_MATCHES")) {
            if (java.get(id).get() && java.get("NO_DANGLING").get() && !alloy.get(id).get()) {
                out.add(id + ": the model's holds (and NO_DANGLING), refs.als's fails");
            }
        }
        return List.ofAll(out);
    }
}
