package multilink.properties;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.state.KState;
import multilink.model.state.ProgType;
import multilink.model.step.Fault;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.Step;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;
import multilink.model.world.TargetProgDef;
import multilink.model.world.World;

import java.util.Random;

/**
 * Draws the next syscall for a design from the current state: mostly steps
 * on objects that exist (so chains get deep), sometimes bad fds, odd counts
 * and flags (so every errno path is reached), and a fault on about a third of
 * the steps, aimed at a point the step passes. The jqwik chains and the cli's random exploration both use it.
 *
 * @param design    the design under test
 * @param faultRate chance that a step carries a fault
 */
public record StepGen(Design design, double faultRate) {

    public static StepGen of(Design d) {
        return new StepGen(d, 0.3);
    }

    /**
     * The next step. A fault is aimed at a point the step really passes in
     * this state (found by running the plain step first), at one of the
     * passes through it (the first more often than the others): a fault the
     * step never reaches would leave it the plain step.
     */
    public Step next(Random r, KState s) {
        Op op = nextOp(r, s);
        if (r.nextDouble() >= faultRate) {
            return Step.of(op);
        }
        List<FaultPoint> own = design.faultPoints();
        List<io.vavr.Tuple2<FaultPoint, Integer>> passed = multilink.model.kernel.Syscalls.step(design, s, Step.of(op))
                .passes().filterKeys(own::contains).toList().sortBy(t -> t._1.ordinal());
        if (passed.isEmpty()) {
            return Step.of(op);
        }
        io.vavr.Tuple2<FaultPoint, Integer> p = passed.get(r.nextInt(passed.size()));
        int hit = p._2 == 1 || r.nextInt(5) < 3 ? 1 : 2 + r.nextInt(p._2 - 1);
        return new Step(op, Option.of(new Fault(p._1, hit)));
    }

    private Op nextOp(Random r, KState s) {
        int k = r.nextInt(100);
        boolean noUserProg = s.progs().size() <= s.world().targetProgs().size();
        if (k < 22 || (noUserProg && k < 70)) {
            return load(r, s);
        } else if (k < 30) {
            return new Op.CloseProg(progId(r, s));
        } else if (k < 50) {
            return new Op.Attach(progId(r, s), r.nextInt(8) == 0 ? Option.of(subprog(r, s.world())) : Option.none(),
                    r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0);
        } else if (k < 72) {
            return attachMulti(r, s);
        } else if (k < 92) {
            return new Op.CloseLink(linkId(r, s));
        } else if (k < 95) {
            return new Op.DetachLink(linkId(r, s));
        } else {
            List<String> mods = s.world().modules();
            return new Op.UnloadModule(mods.isEmpty() || r.nextInt(10) == 0 ? "no_such_module"
                    : mods.get(r.nextInt(mods.size())));
        }
    }

    private Op load(Random r, KState s) {
        World w = s.world();
        List<ProgType> types = List.of(ProgType.FENTRY, ProgType.FEXIT, ProgType.FMOD_RET, ProgType.FREPLACE,
                ProgType.FENTRY_MULTI, ProgType.FEXIT_MULTI, ProgType.FMOD_RET_MULTI);
        if (design.loadsSdt() && !w.targetProgs().isEmpty() && r.nextInt(4) == 0) {
            return sdtLoad(r, w);
        }
        ProgType t = types.get(r.nextInt(types.size()));
        // a design with SDT probes targets subprogs more often: H10 lives where the two meet
        boolean toSub = t == ProgType.FREPLACE ? r.nextInt(6) != 0 : r.nextInt(design.loadsSdt() ? 3 : 8) == 0;
        Target target = toSub && !w.targetProgs().isEmpty() ? subprog(r, w) : shared(r, s);
        return new Op.Load(t, target, r.nextInt(10) == 0);
    }

    /**
     * An SDT observer load on a probe of a target prog. Like functions, probes
     * come from the world (a trace must stay a scenario, which names only
     * what the world has); SdtAttachTest covers an unknown probe.
     */
    private static Op sdtLoad(Random r, World w) {
        List<TargetProgDef> withProbes = w.targetProgs().filter(t -> !t.probes().isEmpty());
        if (withProbes.isEmpty()) {
            return new Op.Load(ProgType.SDT, subprog(r, w), false);
        }
        TargetProgDef t = withProbes.get(r.nextInt(withProbes.size()));
        String probe = t.probes().get(r.nextInt(t.probes().size())).name();
        return new Op.Load(ProgType.SDT, new Target.SdtProbe(t.id(), probe), r.nextInt(10) == 0);
    }

    private Op attachMulti(Random r, KState s) {
        World w = s.world();
        int n = 1 + r.nextInt(3);
        List<Target> targets = List.empty();
        for (int i = 0; i < n; i++) {
            targets = targets.append(r.nextInt(12) == 0 && !w.targetProgs().isEmpty() ? subprog(r, w) : shared(r, s));
        }
        Option<List<Long>> cookies = r.nextInt(3) == 0
                ? Option.of(targets.map(x -> (long) (1 + r.nextInt(9))))
                : Option.none();
        int flags = r.nextInt(20) == 0 ? 1 : 0;
        Option<Integer> cnt = Option.none();
        int c = r.nextInt(40);
        if (c == 0) {
            cnt = Option.of(0);
        } else if (c == 1) {
            cnt = Option.of(2_000_000);
        } else if (c == 2) {
            cnt = Option.of(1025);
        } else if (c == 3) {
            // u64 cookies of cnt > 512 exceed PAGE_SIZE: the one kvmalloc that can fall back to vmalloc (H1)
            cnt = Option.of(513);
        }
        return new Op.AttachMulti(progId(r, s), targets, cookies, flags, cnt);
    }

    /**
     * A kernel function, half of the time one that already has a trampoline:
     * trampolines shared by several progs and links are where limits, image
     * swaps and partial overlaps happen.
     */
    private static Target shared(Random r, KState s) {
        List<Target> used = s.trampolines().keySet().toList().filter(t -> t instanceof Target.Func);
        return !used.isEmpty() && r.nextBoolean() ? used.get(r.nextInt(used.size())) : func(r, s.world());
    }

    private static Target func(Random r, World w) {
        List<KernelFunc> fs = w.functions();
        return new Target.Func(fs.get(r.nextInt(fs.size())).name());
    }

    private static Target subprog(Random r, World w) {
        if (w.targetProgs().isEmpty()) {
            return func(r, w);
        }
        TargetProgDef t = w.targetProgs().get(r.nextInt(w.targetProgs().size()));
        return new Target.Subprog(t.id(), t.subprogs().get(r.nextInt(t.subprogs().size())));
    }

    /** A live prog id most of the time, else one past the largest (a bad fd). */
    private static int progId(Random r, KState s) {
        List<Integer> ids = s.progs().values().filter(p -> p.fdOpen()).map(p -> p.id()).toList();
        if (ids.isEmpty() || r.nextInt(12) == 0) {
            return s.world().firstUserProgId() + s.progs().size() + 1;
        }
        return ids.get(r.nextInt(ids.size()));
    }

    private static int linkId(Random r, KState s) {
        List<Integer> ids = s.links().keySet().toList();
        if (ids.isEmpty() || r.nextInt(12) == 0) {
            return ids.size() + 7;
        }
        return ids.get(r.nextInt(ids.size()));
    }
}
