package multilink.properties;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.KnownFinding;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.World;

import java.util.HashMap;
import java.util.Map;

/**
 * The one replay loop: steps a design and the same design with every fix
 * on, side by side, checks every invariant after every step and tells known
 * findings from new violations.
 *
 * <p>A violation of the design is <em>known</em> when the fixed design does
 * not show it at that step (the fixed twin is stepped lazily, only when the
 * design broke something; a design with every fix on is checked as a
 * design of its own) and one finding's fix alone removes it (the same
 * trace, replayed with that fix on, does not show it) and it is one of that
 * finding's symptoms; or, for damage two findings did together, when the
 * fixes of the findings that name it as a symptom remove it together (it is
 * then reported as, say, "H7+H9"). Anything the fixed design shows, and
 * anything else, is a <em>new</em> violation. Violations are told apart
 * by invariant and object; a known one stays attributed while it persists,
 * so the chain goes on past a finding and keeps checking every other object.
 */
public final class Judge {
    private final Design design;
    private final Set<String> fixed;
    private final World world;
    private KState state;
    private KState fixedState;
    private int fixedAt;
    // a Vector: long scenarios append a step at a time and replay prefixes by index
    private io.vavr.collection.Vector<Step> trace = io.vavr.collection.Vector.empty();
    private final Map<String, KnownFinding> attributed = new HashMap<>();

    public Judge(Design design, World world) {
        this.design = design;
        this.fixed = design.fixedSwitches();
        this.world = world;
        this.state = KState.initial(world);
        this.fixedState = state;
    }

    /** The result of one step, and the new violation it shows, if any. */
    public record Judged(StepResult result, Option<Verdict.Broken> broken) {
    }

    public KState state() {
        return state;
    }

    public Judged step(Step step) {
        int index = trace.size();
        trace = trace.append(step);
        KState before = state;
        Outcome o = Syscalls.step(design, state, step);
        List<Violation> v = Invariants.check(design, state, o);
        state = o.state();
        if (v.isEmpty()) {
            return new Judged(new StepResult(before, step, o, v, List.empty()), Option.none());
        }
        if (fixed.equals(design.switches())) {
            // no known findings: everything is new
            return new Judged(new StepResult(before, step, o, v, List.empty()),
                    Option.of(new Verdict.Broken(index, v.head(), false)));
        }
        List<Violation> w = fixedTwinAt(index);
        Set<String> vKeys = HashSet.ofAll(v.map(Judge::key));
        if (!w.isEmpty()) {
            Violation x = w.head();
            return new Judged(new StepResult(before, step, o, v, List.empty()),
                    Option.of(new Verdict.Broken(index, x, !vKeys.contains(key(x)))));
        }
        List<Verdict.Known> known = List.empty();
        for (Violation x : v) {
            Option<KnownFinding> f = attribute(x, index);
            if (f.isEmpty()) {
                return new Judged(new StepResult(before, step, o, v, known),
                        Option.of(new Verdict.Broken(index, x, false)));
            }
            known = known.append(new Verdict.Known(index, f.get(), x));
        }
        return new Judged(new StepResult(before, step, o, v, known), Option.none());
    }

    /**
     * The fixed twin's violations at step {@code index}. The twin is stepped
     * only when the design broke something, catching up over the steps in
     * between, so a clean step costs one syscall, not two.
     */
    private List<Violation> fixedTwinAt(int index) {
        List<Violation> w = List.empty();
        while (fixedAt <= index) {
            Outcome fo = Syscalls.step(design, fixed, fixedState, trace.get(fixedAt));
            if (fixedAt == index) {
                w = Invariants.check(design, fixedState, fo);
            }
            fixedState = fo.state();
            fixedAt++;
        }
        return w;
    }

    /** The finding whose fix alone removes {@code x} at step {@code index}, and that names it as a symptom. */
    private Option<KnownFinding> attribute(Violation x, int index) {
        String k = key(x);
        KnownFinding memo = attributed.get(k);
        if (memo != null) {
            return Option.of(memo);
        }
        List<KnownFinding> candidates = design.knownFindings().filter(f -> f.explains(x));
        for (KnownFinding f : candidates) {
            if (!showsAt(design.switches().add(f.fix()), k, index)) {
                attributed.put(k, f);
                return Option.of(f);
            }
        }
        // damage findings did together (a leaked image of H7 left stale by H9): known only when the fixes
        // of the fewest findings that name it remove it together
        for (int n = 2; n <= candidates.size(); n++) {
            for (List<KnownFinding> set : candidates.combinations(n)) {
                if (!showsAt(design.switches().addAll(set.map(KnownFinding::fix)), k, index)) {
                    KnownFinding both = new KnownFinding(set.map(KnownFinding::hazard).mkString("+"),
                            set.map(KnownFinding::fix).mkString("+"), set.flatMap(KnownFinding::symptoms),
                            "together: " + set.map(KnownFinding::summary).mkString("; "));
                    attributed.put(k, both);
                    return Option.of(both);
                }
            }
        }
        return Option.none();
    }

    private boolean showsAt(Set<String> switches, String k, int index) {
        KState s = KState.initial(world);
        for (int i = 0; i <= index; i++) {
            Outcome o = Syscalls.step(design, switches, s, trace.get(i));
            if (i == index) {
                return Invariants.check(design, s, o).exists(y -> key(y).equals(k));
            }
            s = o.state();
        }
        return false;
    }

    private static String key(Violation v) {
        return v.invariant() + "\u0000" + v.object();
    }
}
