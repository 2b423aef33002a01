package multilink.properties;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.ProgType;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.Target;
import multilink.model.world.World;
import org.junit.jupiter.api.DynamicTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test vocabulary: steps in the kernel's words and a replay that asserts every
 * invariant on the way. In the default world the target prog has id 1, so
 * the first prog a test loads is prog 2, the next 3; links count from 1.
 */
final class Fx {
    static final int P1 = 2;
    static final int P2 = 3;
    static final int P3 = 4;
    static final String MOD = DefaultWorld.MODULE;

    private Fx() {
    }

    static Design design(String name) {
        return Designs.byName(name).get();
    }

    static Step load(ProgType t, String fn) {
        return Step.of(new Op.Load(t, new Target.Func(fn), false));
    }

    static Step loadSleepable(ProgType t, String fn) {
        return Step.of(new Op.Load(t, new Target.Func(fn), true));
    }

    static Step loadSub(ProgType t, String sub) {
        return Step.of(new Op.Load(t, new Target.Subprog(DefaultWorld.TARGET_PROG, sub), false));
    }

    static Step attach(int prog) {
        return Step.of(new Op.Attach(prog, Option.none(), 0));
    }

    static Step retarget(int prog, String sub) {
        return Step.of(new Op.Attach(prog, Option.of(new Target.Subprog(DefaultWorld.TARGET_PROG, sub)), 0));
    }

    static Step multi(int prog, String... fns) {
        return Step.of(new Op.AttachMulti(prog, List.of(fns).map(Target.Func::new), Option.none(), 0, Option.none()));
    }

    static Step multiTargets(int prog, Target... targets) {
        return Step.of(new Op.AttachMulti(prog, List.of(targets), Option.none(), 0, Option.none()));
    }

    static Step multiCookies(int prog, List<Long> cookies, String... fns) {
        return Step.of(new Op.AttachMulti(prog, List.of(fns).map(Target.Func::new), Option.of(cookies), 0,
                Option.none()));
    }

    /** cnt as the kernel reads it, with the cookies array the user passes (shorter: -EFAULT on its copy). */
    static Step multiCookiesCnt(int prog, int cnt, List<Long> cookies, String... fns) {
        return Step.of(new Op.AttachMulti(prog, List.of(fns).map(Target.Func::new), Option.of(cookies), 0,
                Option.of(cnt)));
    }

    static Step multiFlags(int prog, int flags, String... fns) {
        return Step.of(new Op.AttachMulti(prog, List.of(fns).map(Target.Func::new), Option.none(), flags,
                Option.none()));
    }

    static Step multiCnt(int prog, int cnt, String... fns) {
        return Step.of(new Op.AttachMulti(prog, List.of(fns).map(Target.Func::new), Option.none(), 0,
                Option.of(cnt)));
    }

    static Step closeLink(int link) {
        return Step.of(new Op.CloseLink(link));
    }

    static Step detach(int link) {
        return Step.of(new Op.DetachLink(link));
    }

    static Step closeProg(int prog) {
        return Step.of(new Op.CloseProg(prog));
    }

    static Step unload(String mod) {
        return Step.of(new Op.UnloadModule(mod));
    }

    static Step fault(Step s, FaultPoint p, int hit) {
        return Step.faulty(s.op(), p, hit);
    }

    static Step fault(Step s, FaultPoint p) {
        return fault(s, p, 1);
    }

    /** Runs steps that must each succeed and keep every invariant; returns the state. */
    static KState setup(Design d, World w, List<Step> steps) {
        KState s = KState.initial(w);
        for (Step st : steps) {
            Outcome o = Syscalls.step(d, s, st);
            assertEquals(Errno.OK, o.errno(), "setup step " + st + " events " + o.events());
            List<Violation> v = Invariants.check(s, o);
            assertTrue(v.isEmpty(), "setup step " + st + " broke " + v);
            s = o.state();
        }
        return s;
    }

    /** The step fails with {@code errno}, changes nothing, and every invariant holds. */
    static void failsUnchanged(Design d, World w, List<Step> setup, Step step, Errno errno) {
        KState s = setup(d, w, setup);
        Outcome o = Syscalls.step(d, s, step);
        assertEquals(errno, o.errno(), step + " events " + o.events());
        // a failed register leaves ftrace_managed set, as the kernel does: no change a later step can see
        KState after = Invariants.ftraceManagedAsBefore(s, o.state());
        assertEquals(s, after, "state changed by failed " + step + ": "
                + multilink.model.invariant.StateDiff.describe(s, after));
        assertTrue(Invariants.check(s, o).isEmpty(), () -> "violations " + Invariants.check(s, o));
    }

    /** One dynamic test per attach-path check: its errno, nothing changed. */
    record Case(String name, List<Step> setup, Step step, Errno errno, World world) {
        Case(String name, List<Step> setup, Step step, Errno errno) {
            this(name, setup, step, errno, DefaultWorld.get());
        }

        DynamicTest test(Design d) {
            return DynamicTest.dynamicTest(d.name() + ": " + name + " -> " + errno,
                    () -> failsUnchanged(d, world, setup, step, errno));
        }
    }
}
