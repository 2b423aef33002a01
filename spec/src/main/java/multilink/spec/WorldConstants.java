package multilink.spec;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;
import multilink.model.world.World;
import multilink.spec.canon.CanonicalState;
import multilink.spec.tla.TlaValue;

/**
 * A {@link World} as the spec's constants (KernelObjects: Fns, Modules,
 * Subprogs, Probes, TargetProgIds, FirstUserProgId, MaxTrampLinks, KeyRank), written
 * out as definitions {@code Trace<Constant>} and the config lines binding the
 * constants to them. MCBounds hand-writes the same for Bounds.WORLD;
 * generating them lets a trace from any world run, DefaultWorld.get() included.
 */
record WorldConstants(World world) {
    private static final List<String> CONSTANTS = List.of("Fns", "Modules", "Subprogs", "Probes", "TargetProgIds",
            "FirstUserProgId", "MaxTrampLinks", "KeyRank");

    /** The TLA+ definitions, one per constant. */
    String definitions() {
        TreeMap<TlaValue, TlaValue> fns = TreeMap.ofEntries(world.functions()
                .map(f -> io.vavr.Tuple.of((TlaValue) TlaValue.str(f.name()), func(f))));
        TreeMap<TlaValue, TlaValue> subprogs = TreeMap.ofEntries(world.targetProgs()
                .flatMap(tp -> tp.subprogs().map(s -> io.vavr.Tuple.of(
                        CanonicalState.target(new Target.Subprog(tp.id(), s)),
                        (TlaValue) TlaValue.rec("prog", TlaValue.num(tp.id()), "name", TlaValue.str(s),
                                "btfId", TlaValue.num(tp.btfId(s).get()))))));
        TreeMap<TlaValue, TlaValue> probes = TreeMap.ofEntries(world.targetProgs()
                .flatMap(tp -> tp.probes().map(p -> io.vavr.Tuple.of(
                        CanonicalState.target(new Target.SdtProbe(tp.id(), p.name())),
                        (TlaValue) TlaValue.rec("prog", TlaValue.num(tp.id()), "name", TlaValue.str(p.name()),
                                "origOff", TlaValue.num(p.origOff()))))));
        // KeyRank is Java's Target order (by name) over every trampoline key the world has
        List<Target> keys = world.functions().<Target>map(f -> new Target.Func(f.name()))
                .appendAll(world.targetProgs().flatMap(tp -> tp.subprogs().map(s -> new Target.Subprog(tp.id(), s))))
                .sorted();
        TreeMap<TlaValue, TlaValue> rank = TreeMap.ofEntries(keys.zipWithIndex()
                .map(k -> io.vavr.Tuple.of(CanonicalState.target(k._1), (TlaValue) TlaValue.num(k._2 + 1))));
        return "TraceFns ==\n    " + lines(fns) + "\n"
                + "TraceModules == " + TlaValue.set(world.modules().map(TlaValue::str)).render() + "\n"
                + "TraceSubprogs ==\n    " + lines(subprogs) + "\n"
                + "TraceProbes ==\n    " + lines(probes) + "\n"
                + "TraceTargetProgIds == " + TlaValue.set(world.targetProgs().map(tp -> TlaValue.num(tp.id())))
                .render() + "\n"
                + "TraceFirstUserProgId == " + world.firstUserProgId() + "\n"
                + "TraceMaxTrampLinks == " + world.maxTrampLinks() + "\n"
                + "TraceKeyRank == " + TlaValue.fn(rank).render() + "\n";
    }

    /** The cfg's CONSTANTS lines for the world (the caller adds Steps, MaxProgs, MaxLinks). */
    String bindings() {
        return CONSTANTS.map(c -> "    " + c + " <- Trace" + c + "\n").mkString();
    }

    /** A one-line description for the generated module's header. */
    String describe() {
        return world.functions().size() + " functions (" + world.functions().map(KernelFunc::name).mkString(", ")
                + "), modules " + world.modules().mkString("[", ", ", "]") + ", target progs "
                + world.targetProgs().map(tp -> tp.id() + ":" + tp.name() + tp.subprogs().mkString("(", ",", ")"))
                .mkString("[", ", ", "]") + ", BPF_MAX_TRAMP_LINKS " + world.maxTrampLinks();
    }

    /** A function one entry a line, for a reader comparing it with MCBounds. */
    private static String lines(TreeMap<TlaValue, TlaValue> f) {
        return f.isEmpty() ? TlaValue.fn(f).render()
                : f.map(e -> "(" + e._1.render() + " :> " + e._2.render() + ")").mkString("\n    @@ ");
    }

    /**
     * MCBounds' Func: what the verifier and ftrace look at, and the argument
     * count (arch_bpf_get_regs_nr's result for a function without struct
     * arguments), which a design keyed by it reads (seed 003's global
     * trampolines, one per argument count).
     */
    private static TlaValue func(KernelFunc f) {
        return TlaValue.rec("module", TlaValue.set(f.module().map(TlaValue::str)), "btf", TlaValue.str(f.btf()),
                "nrArgs", TlaValue.num(f.nrArgs()),
                "sleepableAllowed", TlaValue.bool(f.sleepableAllowed()),
                "fmodRetAllowed", TlaValue.bool(f.fmodRetAllowed()), "returnsInt", TlaValue.bool(f.returnsInt()),
                "ftraceable", TlaValue.bool(f.ftraceable()), "noreturn", TlaValue.bool(f.noreturn()),
                "denied", TlaValue.bool(f.denied()));
    }
}
