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
 * the steps (ddmin), then simpler steps (no fault, lower fault hit, fewer
 * multi targets, no cookies), repeated until nothing changes. jqwik's chain
 * shrinking drops actions but keeps odd values; this pass makes traces short
 * enough to paste into a review thread.
 */
public final class Minimizer {
    private Minimizer() {
    }

    public static List<Step> minimize(Design design, World world, List<Step> steps) {
        Checker.Run run = Checker.run(design, world, steps);
        if (!(run.verdict() instanceof Verdict.Broken b)) {
            return steps;
        }
        String inv = b.violation().invariant();
        Predicate<List<Step>> fails = cand -> Checker.run(design, world, cand).verdict() instanceof Verdict.Broken x
                && x.violation().invariant().equals(inv);
        List<Step> cur = steps.take(b.index() + 1);
        boolean changed = true;
        while (changed) {
            List<Step> next = simplify(ddmin(cur, fails), fails);
            changed = !next.equals(cur);
            cur = next;
        }
        return cur;
    }

    static List<Step> ddmin(List<Step> steps, Predicate<List<Step>> fails) {
        int n = 2;
        List<Step> cur = steps;
        while (cur.size() >= 2) {
            int chunk = (int) Math.ceil(cur.size() / (double) n);
            boolean reduced = false;
            for (int start = 0; start < cur.size(); start += chunk) {
                List<Step> complement = cur.take(start).appendAll(cur.drop(start + chunk));
                if (!complement.isEmpty() && fails.test(complement)) {
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
        return cur;
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
