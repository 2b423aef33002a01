package multilink.spec;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.design.Switch;
import multilink.model.design.Switches;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import org.junit.jupiter.params.ParameterizedTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Switched designs are the same in model and spec: random traces on the full
 * world, recorded from the model of a design with switches on, are behaviours
 * of the spec run with the same {@code Switches}, with the same errno and the
 * same broken state invariants after every step. The designs: each preset
 * with every fix on, and each preset with a group of its seeded bugs on at
 * once (every bug switch is in one group), so every {@code On("...")} branch
 * of the spec is taken against the model's {@code tx.on("...")}.
 */
class SwitchedTraceValidationTest {
    private static final int TRACES = 20;
    private static final int STEPS = 40;

    /** Every seeded bug of a preset's own paths, in groups of at most six (one design each). */
    static List<String> bugDesigns() {
        List<String> out = List.empty();
        for (String preset : multilink.spec.SpecDesign.presetNames("")) {
            List<Switch> bugs = Switches.of(Switch.Kind.BUG).filter(s -> s.presets().head().equals(preset));
            out = out.appendAll(bugs.grouped(6).map(g -> preset + g.map(s -> "+" + s.name()).mkString()));
        }
        return out;
    }

    /** Every seeded bug, the four of sdt-observer's SDT link too: every preset has a module. */
    @org.junit.jupiter.api.Test
    void everySeededBugIsInOneOfTheBugDesigns() {
        List<String> named = bugDesigns().flatMap(d -> List.of(d.split("\\+")).tail());
        assertEquals(Switches.of(Switch.Kind.BUG).map(Switch::name).sorted(), named.sorted());
        assertTrue(named.count(b -> b.startsWith("bug_sdt_")) == 4, "the four SDT bugs");
    }

    /** Every preset the spec has a module for with every fix on, and designs of a single switch. */
    static List<String> fixedDesignNames() {
        return multilink.spec.SpecDesign.presetNames("+fixes").insert(1, "classic+trampmod")
                .appendAll(List.of("olsa-v3+dedup", "upstream-retirefix"));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("fixedDesignNames")
    void fixedDesigns(String name) {
        check(name);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("bugDesigns")
    void bugDesigns(String name) {
        check(name);
    }

    private static void check(String name) {
        Design d = Designs.parse(name).get();
        assertTrue(SpecDesign.of(d).isDefined(), name);
        long seed = Long.getLong("multilink.trace.seed", System.nanoTime());
        System.out.println("switched trace validation " + d.name() + " " + d.switches().toSortedSet()
                + ": seed " + seed + " (-Dmultilink.trace.seed to repeat)");
        TraceGenerator gen = TraceGenerator.of(d, DefaultWorld.get(), seed);
        List<List<Step>> traces = List.fill(TRACES, () -> gen.trace(STEPS));
        List<RecordedTrace> recorded = traces.map(t -> RecordedTrace.of(d, DefaultWorld.get(), t));
        var r = TraceValidation.checkRecorded(d, DefaultWorld.get(), recorded, 1);
        assertTrue(r.isRight(), () -> "seed " + seed + ": " + r.getLeft());
        System.out.printf("switched trace validation %s: %d traces, %d steps, %d states, %.1f s%n", d.name(),
                r.get().verdicts().size(), r.get().steps(), r.get().tlc().distinct(), r.get().seconds());
        assertEquals(TRACES, r.get().verdicts().size());
        for (TraceVerdict v : r.get().verdicts()) {
            assertTrue(v.accepted() && v.invariantDifference().isEmpty(),
                    () -> "seed " + seed + ", " + d.name() + " trace " + v.trace() + ": " + v + "\n"
                            + traces.get(v.trace()).zipWithIndex().map(s -> (s._2 + 1) + ": " + s._1).mkString("\n"));
        }
    }
}
