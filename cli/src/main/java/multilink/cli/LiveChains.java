package multilink.cli;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.ProgType;
import multilink.model.step.Op;
import multilink.model.step.Step;
import multilink.model.world.Target;
import multilink.model.world.World;
import multilink.properties.Checker;
import multilink.properties.StepGen;

import java.util.Random;

/**
 * Random fault-free classic chains for the guest: the properties' {@link StepGen} with no faults, each step drawn
 * again (up to {@link #REDRAWS} times) until the stock guest can play it (see {@link LiveScenarioJob}), written as
 * scenario files by {@link TraceScenario} so a chain that differs replays with {@code ./multilink run} and
 * {@code ./multilink live run}. The same seed gives the same chains.
 */
final class LiveChains {
    static final int REDRAWS = 50;

    private LiveChains() {
    }

    static List<Scenario> generate(Design design, String worldName, World world, long seed, int count, int length) {
        Random r = new Random(seed);
        StepGen gen = new StepGen(design, 0.0);
        List<Scenario> out = List.empty();
        for (int c = 0; c < count; c++) {
            KState s = KState.initial(world);
            java.util.List<Step> steps = new java.util.ArrayList<>();
            while (steps.size() < length) {
                Step st = null;
                for (int t = 0; t < REDRAWS && st == null; t++) {
                    Step cand = gen.next(r, s);
                    if (playable(cand.op(), world)) {
                        st = cand;
                    }
                }
                if (st == null) {
                    break;
                }
                s = Syscalls.step(design, s, st).state();
                steps.add(st);
            }
            Checker.Run run = Checker.run(design, world, List.ofAll(steps));
            out = out.append(TraceScenario.of(design.name(), worldName, world, run,
                    "live chain " + c + " of seed " + seed + " (" + length + " steps drawn by StepGen without faults)"));
        }
        return out;
    }

    private static final List<ProgType> TRACING = List.of(ProgType.FENTRY, ProgType.FEXIT, ProgType.FMOD_RET);

    /**
     * Ops on kernel functions (vmlinux or the module) and on the global functions of the world's target program,
     * which the guest loads (fentry, fexit, fmod_ret and freplace against them, and closing its fd); no attach of
     * the target program itself and no attach that names a new target.
     */
    static boolean playable(Op op, World w) {
        if (op instanceof Op.Load l) {
            return TRACING.contains(l.type()) && l.target() instanceof Target.Func
                    || l.target() instanceof Target.Subprog sp && w.targetProg(sp.prog()).isDefined()
                    && (TRACING.contains(l.type()) || l.type() == ProgType.FREPLACE);
        } else if (op instanceof Op.Attach a) {
            return a.retarget().isEmpty() && w.targetProg(a.prog()).isEmpty();
        }
        return op instanceof Op.CloseProg || op instanceof Op.CloseLink || op instanceof Op.DetachLink
                || op instanceof Op.UnloadModule;
    }
}
