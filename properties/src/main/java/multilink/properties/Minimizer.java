package multilink.properties;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.step.Fault;
import multilink.model.step.Op;
import multilink.model.step.Step;
import multilink.model.world.World;

import java.util.function.Predicate;

/**
 * Shrinks a failing trace to a short one that fails the same way (same
 * invariant broken, not explained by a known finding): delta debugging over
 * the steps (ddmin, on a {@link SymbolicTrace} so references survive the
 * removal of other steps), then simpler steps (no fault, lower fault hit,
 * fewer multi targets, no cookies), repeated until nothing changes. jqwik's
 * chain shrinking drops actions but keeps odd values; this pass makes traces
 * short enough to paste into a review thread.
 */
public final class Minimizer {
    private Minimizer() {
    }

    public static List<Step> minimize(Design design, World world, List<Step> steps) {
        Checker.Run run = Checker.run(design, world, steps);
        if (run.broken().isEmpty()) {
            return steps;
        }
        Verdict.Broken b = run.broken().get();
        String inv = b.violation().invariant();
        Predicate<List<Step>> fails = cand -> Checker.run(design, world, cand).broken()
                .exists(x -> x.violation().invariant().equals(inv));
        List<Step> cur = steps.take(b.index() + 1);
        boolean changed = true;
        while (changed) {
            List<Step> next = simplify(ddmin(design, world, cur, fails), fails);
            changed = !next.equals(cur);
            cur = next;
        }
        return cur;
    }

    /** ddmin over indices of the symbolic trace; candidates are materialised before each test. */
    static List<Step> ddmin(Design d, World w, List<Step> steps, Predicate<List<Step>> fails) {
        List<SymbolicTrace.Sym> syms = SymbolicTrace.of(d, w, steps);
        List<Integer> cur = List.range(0, syms.size());
        int n = 2;
        while (cur.size() >= 2) {
            int chunk = (int) Math.ceil(cur.size() / (double) n);
            boolean reduced = false;
            for (int start = 0; start < cur.size(); start += chunk) {
                List<Integer> complement = cur.take(start).appendAll(cur.drop(start + chunk));
                if (!complement.isEmpty() && fails.test(pick(d, w, syms, complement))) {
                    cur = complement;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= cur.size()) {
                    break;
                }
                n = Math.min(n * 2, cur.size());
            }
        }
        return pick(d, w, syms, cur);
    }

    private static List<Step> pick(Design d, World w, List<SymbolicTrace.Sym> syms, List<Integer> idx) {
        return SymbolicTrace.materialize(d, w, idx.map(syms::get), idx);
    }

    private static List<Step> simplify(List<Step> steps, Predicate<List<Step>> fails) {
        List<Step> cur = steps;
        for (int i = 0; i < cur.size(); i++) {
            for (Step alt : alternatives(cur.get(i))) {
                List<Step> cand = cur.update(i, alt);
                if (fails.test(cand)) {
                    cur = cand;
                }
            }
        }
        return cur;
    }

    private static List<Step> alternatives(Step s) {
        List<Step> alts = List.empty();
        if (s.fault().isDefined()) {
            alts = alts.append(new Step(s.op(), Option.none()));
            Fault f = s.fault().get();
            if (f.hit() > 1) {
                alts = alts.append(new Step(s.op(), Option.of(new Fault(f.point(), 1))));
            }
        }
        if (s.op() instanceof Op.AttachMulti m) {
            if (m.cookies().isDefined()) {
                alts = alts.append(new Step(new Op.AttachMulti(m.prog(), m.targets(), Option.none(), m.flags(),
                        m.cnt()), s.fault()));
            }
            for (int j = 0; j < m.targets().size() && m.targets().size() > 1; j++) {
                final int k = j;
                alts = alts.append(new Step(new Op.AttachMulti(m.prog(), m.targets().removeAt(k),
                        m.cookies().map(c -> c.size() > k ? c.removeAt(k) : c), m.flags(), m.cnt()), s.fault()));
            }
        }
        return alts;
    }
}
