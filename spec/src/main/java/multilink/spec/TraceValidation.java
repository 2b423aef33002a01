package multilink.spec;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.step.Step;
import multilink.model.world.World;
import multilink.spec.graph.TlcGraph;
import multilink.spec.tla.TlaParser;
import multilink.spec.tla.TlaValue;
import multilink.spec.tla.ValueSplitter;
import multilink.spec.tlc.TlcProcess;
import multilink.spec.tlc.TlcResult;
import multilink.spec.tlc.TlcViolation;
import multilink.spec.tlc.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Checks recorded traces against the spec with TLC. A batch is one module
 * (see {@link #batchModule}) whose initial state picks a trace: TLC follows
 * every trace side by side, each a chain of states of its own, and prints
 * which step of which trace the spec answered with another errno, and the
 * spec's broken invariants in every state. Design invariants are printed,
 * not checked, so one trace that breaks one cannot stop the others; the
 * single-trace {@link TraceModule} is the form that checks them.
 */
public final class TraceValidation {
    private TraceValidation() {
    }

    /** Records {@code traces} on the Java model and checks them in one TLC run. */
    public static Either<String, TraceReport> check(Design design, World world, List<List<Step>> traces,
                                                    int workers) {
        return checkRecorded(design, world, traces.map(s -> RecordedTrace.of(design, world, s)), workers);
    }

    /** Checks traces whose errnos were recorded elsewhere (or altered) in one TLC run. */
    public static Either<String, TraceReport> checkRecorded(Design design, World world, List<RecordedTrace> traces,
                                                            int workers) {
        Either<String, SpecDesign> sd = SpecDesign.of(design).toEither("the spec has no module for design "
                + design.name());
        if (sd.isLeft()) {
            return Either.left(sd.getLeft());
        }
        if (traces.isEmpty()) {
            return Either.left("no traces to check");
        }
        Either<String, String> checks = TraceModule.designChecks(sd.get());
        if (checks.isLeft()) {
            return Either.left(checks.getLeft());
        }
        TreeSet<String> stateInvariants = TreeSet.of(checks.get().trim().split("\\s+"));
        TraceModule m = batchModule(sd.get(), world, traces);
        long start = System.nanoTime();
        ArrayList<String> bad = new ArrayList<>();
        java.util.HashMap<Tuple2<Integer, Integer>, String> rejected = new java.util.HashMap<>();
        java.util.HashMap<Tuple2<Integer, Integer>, TreeSet<String>> broken = new java.util.HashMap<>();
        ValueSplitter values = new ValueSplitter(text -> {
            Either<String, TlaValue> v = TlaParser.parse(text);
            if (v.isLeft()) {
                bad.add("unreadable PrintT output: " + v.getLeft());
                return;
            }
            List<TlaValue> xs = TlaValue.elements(v.get());
            String tag = ((TlaValue.Str) xs.get(0)).value();
            var key = Tuple.of(integer(xs.get(1)) - 1, integer(xs.get(2)));
            if (tag.equals("R")) {
                rejected.put(key, ((TlaValue.Str) xs.get(3)).value());
            } else {
                broken.put(key, TreeSet.ofAll(TlaValue.elements(xs.get(3)).map(x -> ((TlaValue.Str) x).value())));
            }
        });
        Either<String, TlcResult> tlc = Workspace.create(m.name())
                .flatMap(dir -> write(dir, m))
                .flatMap(dir -> TlcProcess.run(dir, m.name(), m.name(), workers, List.of("-deadlock"),
                        p -> { }, values));
        if (tlc.isLeft()) {
            return Either.left(tlc.getLeft());
        }
        if (!bad.isEmpty()) {
            return Either.left(bad.get(0));
        }
        if (tlc.get().violation().isDefined()) {
            return Either.left("the trace batch stopped: " + oneLine(tlc.get().violation().get().message()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Either<String, TraceVerdict>> verdicts = traces.zipWithIndex()
                .map(t -> verdict(t._2, t._1, stateInvariants, HashMap.ofAll(rejected), HashMap.ofAll(broken)));
        return verdicts.find(Either::isLeft).<Either<String, TraceReport>>map(l -> Either.left(l.getLeft()))
                .getOrElse(() -> Either.right(new TraceReport(verdicts.map(Either::get),
                        traces.map(t -> t.steps().size()).sum().intValue(), seconds, tlc.get())));
    }

    /** Runs TLC on one {@link TraceModule}: accepted, rejected at a step, or a design invariant broken. */
    public static Either<String, TraceOutcome> run(TraceModule module, int workers) {
        return Workspace.create(module.name())
                .flatMap(dir -> write(dir, module))
                .flatMap(dir -> TlcProcess.run(dir, module.name(), module.name(), workers, List.empty(),
                        p -> { }, line -> { }))
                .flatMap(r -> r.violation().toEither("TLC found no end to the trace (no violation, no deadlock)"))
                .flatMap(TraceValidation::outcome);
    }

    private static Either<String, TraceOutcome> outcome(TlcViolation v) {
        // the trace's states are t = 0 .. the last one TLC reached
        int t = v.trace().size() - 1;
        return switch (v.kind()) {
            case "deadlock" -> Either.right(new TraceOutcome.Rejected(t + 1));
            case "invariant" -> Either.right(v.name().equals("TraceNotDone")
                    ? new TraceOutcome.Accepted(t) : new TraceOutcome.Broken(v.name(), t));
            case "property" -> Either.right(new TraceOutcome.Broken(v.name(), t));
            default -> Either.left("TLC stopped the trace with a " + v.kind() + ": " + oneLine(v.message()));
        };
    }

    /** The batch's module: {@code TraceSteps[i]} is the i-th trace, the initial state chooses i. */
    static TraceModule batchModule(SpecDesign sd, World world, List<RecordedTrace> traces) {
        WorldConstants w = new WorldConstants(world);
        String name = "TraceBatch" + sd.module();
        int steps = traces.map(t -> t.steps().size()).sum().intValue();
        String tla = "---- MODULE " + name + " ----\n"
                + TraceModule.header(sd, w, traces.size() + " traces recorded from the Java model, checked as one batch",
                steps)
                + "EXTENDS " + sd.module() + ", TLC\n\n"
                + "VARIABLES t, i \\* trace i, t of its steps taken; t = Len(TraceSteps[i]) + 1 once the spec rejected one\n\n"
                + w.definitions()
                + "TraceNoSteps == {}\n\n"
                + "TraceSteps == <<\n" + traces.zipWithIndex().map(t -> "  \\* trace " + (t._2 + 1) + "\n  <<\n"
                        + TraceModule.stepLines(t._1.steps(), t._1.errnos(), "    ") + "  >>").mkString(",\n")
                + "\n>>\n\n"
                + "TraceErrnos == <<\n" + traces.map(t -> "    " + TraceModule.errnoTuple(t.errnos()))
                        .mkString(",\n") + "\n>>\n\n"
                + "TraceInit == Init /\\ i \\in 1..Len(TraceSteps) /\\ t = 0\n\n"
                + "TraceNext == /\\ t \\in 0..(Len(TraceSteps[i]) - 1)\n"
                + "             /\\ Do(TraceSteps[i][t + 1])\n"
                + "             /\\ i' = i\n"
                + "             /\\ IF last'.errno = TraceErrnos[i][t + 1] THEN t' = t + 1\n"
                + "                ELSE t' = Len(TraceSteps[i]) + 1 /\\ PrintT(<<\"R\", i, t + 1, last'.errno>>)\n\n"
                + "TraceView == <<View, t, i>>\n\n"
                + "DesignBroken == " + TlcGraph.designBroken(sd.design()) + "\n\n"
                + "\\* Not a check: prints the spec's verdicts of every state (the design's own invariants too)\n"
                + "\\* for the Java side to compare.\n"
                + "TraceDump == PrintT(<<\"V\", i, t, Broken \\cup DesignBroken>>)\n"
                + "====\n";
        String cfg = TraceModule.config(sd, w, "TraceInit", "TraceNext", "TraceView", "    TraceDump\n");
        return new TraceModule(name, tla, cfg);
    }

    private static Either<String, TraceVerdict> verdict(int i, RecordedTrace trace, TreeSet<String> stateInvariants,
                                                        Map<Tuple2<Integer, Integer>, String> rejected,
                                                        Map<Tuple2<Integer, Integer>, TreeSet<String>> broken) {
        int n = trace.steps().size();
        Option<Tuple2<Integer, String>> rej = List.rangeClosed(1, n)
                .find(k -> rejected.containsKey(Tuple.of(i, k))).map(k -> Tuple.of(k, rejected.get(Tuple.of(i, k)).get()));
        int compared = rej.map(r -> r._1 - 1).getOrElse(n);
        if (rej.isEmpty() && !broken.containsKey(Tuple.of(i, n))) {
            return Either.left("trace " + i + ": TLC neither took all " + n + " steps nor rejected one");
        }
        Option<String> diff = List.rangeClosed(0, compared).flatMap(k -> {
            TreeSet<String> spec = broken.get(Tuple.of(i, k)).getOrElse(TreeSet.empty());
            TreeSet<String> java = k == 0 ? TreeSet.empty()
                    : TreeSet.ofAll(trace.broken().get(k - 1)).filter(stateInvariants::contains);
            return spec.equals(java) ? Option.none() : Option.of("after step " + k + " ("
                    + (k == 0 ? "boot" : trace.steps().get(k - 1)) + ") the spec breaks " + spec.mkString(", ")
                    + " and the model " + java.mkString(", "));
        }).headOption();
        if (rej.isDefined()) {
            int k = rej.get()._1;
            return Either.right(new TraceVerdict.Rejected(i, k, trace.steps().get(k - 1), trace.errnos().get(k - 1),
                    rej.get()._2, diff));
        }
        return Either.right(new TraceVerdict.Accepted(i, n, diff));
    }

    private static Either<String, Path> write(Path dir, TraceModule m) {
        return Workspace.write(dir, m.name() + ".tla", m.tla())
                .flatMap(p -> Workspace.write(dir, m.name() + ".cfg", m.cfg())).map(p -> dir);
    }

    private static int integer(TlaValue v) {
        return Math.toIntExact(((TlaValue.Int) v).value());
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
