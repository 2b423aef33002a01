package multilink.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.ProgType;
import multilink.model.state.TrampKind;
import multilink.model.step.Outcome;
import multilink.model.world.KernelFunc;
import multilink.model.step.Fault;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.Step;
import multilink.model.world.Target;
import multilink.model.world.World;

import java.util.Random;

/**
 * Seeded random syscall sequences over a whole world, past the bounds of the
 * model-checking runs: any prog type at any function or subprog, mostly live
 * ids (now and then any id, for the EBADF paths), multi lists of 1-3 targets
 * with duplicates, cookies the UAPI may not have, and a fault (hit 1 or 2) at
 * one of the design's points in about one step of six.
 */
record TraceGenerator(Design design, World world, Random random) {

    static TraceGenerator of(Design design, World world, long seed) {
        return new TraceGenerator(design, world, new Random(seed));
    }

    /**
     * Runs the model alongside so that most steps name live progs and links
     * of the right kind; an id picked at random now and then covers EBADF.
     */
    List<Step> trace(int length) {
        List<Step> out = List.empty();
        KState state = KState.initial(world);
        java.util.Map<Integer, ProgType> progs = new java.util.TreeMap<>();
        java.util.Set<Integer> links = new java.util.TreeSet<>();
        int created = 0;
        for (int n = 0; n < length; n++) {
            List<Integer> single = List.ofAll(progs.keySet()).filter(id -> !progs.get(id).multi());
            List<Integer> multi = List.ofAll(progs.keySet()).filter(id -> progs.get(id).multi());
            int anyId = 1 + random.nextInt(created + 3);
            Op op = switch (random.nextInt(12)) {
                case 0, 1, 2 -> load();
                case 3 -> new Op.CloseProg(live(List.ofAll(progs.keySet()), anyId));
                case 4, 5 -> new Op.Attach(live(single, anyId),
                        random.nextInt(6) == 0 ? Option.of(subprogOrFunc()) : Option.none(), random.nextInt(3));
                case 6, 7, 8 -> multi(live(multi, anyId));
                case 9 -> new Op.CloseLink(live(List.ofAll(links), anyId));
                case 10 -> new Op.DetachLink(live(List.ofAll(links), anyId));
                default -> new Op.UnloadModule(pick(world.modules()));
            };
            List<FaultPoint> points = design.faultPoints();
            Step step = random.nextInt(6) == 0 && !points.isEmpty()
                    ? new Step(op, Option.of(new Fault(pick(points), 1 + random.nextInt(2))))
                    : Step.of(op);
            Outcome o = Syscalls.step(design, state, step);
            if (o.errno().ok()) {
                if (op instanceof Op.Load l) {
                    o.created().forEach(id -> progs.put(id, l.type()));
                } else if (op instanceof Op.Attach || op instanceof Op.AttachMulti) {
                    o.created().forEach(links::add);
                } else if (op instanceof Op.CloseProg c) {
                    progs.remove(c.prog());
                } else if (op instanceof Op.CloseLink c) {
                    links.remove(c.link());
                }
                created = Math.max(created, o.created().getOrElse(0));
            }
            state = o.state();
            out = out.append(step);
        }
        return out;
    }

    private int live(List<Integer> ids, int anyId) {
        return ids.isEmpty() || random.nextInt(7) == 0 ? anyId : pick(ids);
    }

    private Op load() {
        ProgType type = pick(List.of(ProgType.FENTRY, ProgType.FEXIT, ProgType.FMOD_RET, ProgType.FENTRY_MULTI,
                ProgType.FEXIT_MULTI, ProgType.FMOD_RET_MULTI, ProgType.FENTRY, ProgType.FENTRY_MULTI,
                ProgType.FREPLACE, ProgType.SDT));
        List<KernelFunc> fmodRet = world.functions().filter(KernelFunc::fmodRetAllowed);
        Target target = type.kind() == TrampKind.MODIFY_RETURN && !fmodRet.isEmpty() && random.nextBoolean()
                ? new Target.Func(pick(fmodRet).name())
                : type == ProgType.FREPLACE && random.nextBoolean() ? subprogOrFunc()
                : type == ProgType.SDT && random.nextInt(4) != 0 ? probe() : target();
        return new Op.Load(type, target, random.nextInt(10) == 0);
    }

    private Op multi(int prog) {
        List<Target> targets = List.fill(1 + random.nextInt(3), this::target);
        Option<List<Long>> cookies = random.nextInt(3) == 0
                ? Option.of(targets.map(t -> (long) random.nextInt(4))) : Option.none();
        return new Op.AttachMulti(prog, targets, cookies, random.nextInt(12) == 0 ? 1 : 0,
                random.nextInt(12) == 0 ? Option.of(targets.size() + 1) : Option.none());
    }

    /** Mostly functions: subprogs only pay off once a prog attaches to them. */
    private Target target() {
        return random.nextInt(8) == 0 ? subprogOrFunc() : new Target.Func(pick(world.functions()).name());
    }

    /** A probe of a target prog (seed 004), now and then one it does not have. */
    private Target probe() {
        List<Target> probes = world.targetProgs().flatMap(tp -> tp.probes()
                .map(p -> (Target) new Target.SdtProbe(tp.id(), p.name())));
        return probes.isEmpty() || random.nextInt(5) == 0
                ? new Target.SdtProbe(world.targetProgs().headOption().map(tp -> tp.id()).getOrElse(1), "no_such_probe")
                : pick(probes);
    }

    private Target subprogOrFunc() {
        List<Target> subprogs = world.targetProgs().flatMap(tp -> tp.subprogs()
                .map(s -> (Target) new Target.Subprog(tp.id(), s)));
        return subprogs.isEmpty() ? new Target.Func(pick(world.functions()).name()) : pick(subprogs);
    }

    private <T> T pick(List<T> xs) {
        return xs.get(random.nextInt(xs.size()));
    }
}
