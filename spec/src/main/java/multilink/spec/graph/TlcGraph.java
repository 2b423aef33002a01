package multilink.spec.graph;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import multilink.spec.RunConfig;
import multilink.spec.SpecDesign;
import multilink.spec.bounds.StepSpace;
import multilink.spec.canon.CanonicalState;
import multilink.spec.tla.StepCodec;
import multilink.spec.tla.TlaParser;
import multilink.spec.tla.TlaValue;
import multilink.spec.tla.ValueSplitter;
import multilink.spec.tlc.TlcProcess;
import multilink.spec.tlc.TlcProgress;
import multilink.spec.tlc.TlcResult;
import multilink.spec.tlc.Workspace;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLC's side of the exhaustive check: the state graph TLC explores, with the
 * same labels as {@link JavaExplorer}'s. A generated {@code MC<Design>Graph}
 * module numbers the steps as the Java {@link StepSpace} orders them (and
 * ASSUMEs that sequence is exactly the config's Steps), prints
 * {@code <<"E", step, errno>>} for every transition and
 * {@code <<"V", state, broken invariants>>} for every new state. With one
 * worker TLC prints those in the order it writes the edges and nodes of its
 * {@code -dump dot} file, which supplies source and target of each edge.
 */
public final class TlcGraph {
    private static final Pattern EDGE = Pattern.compile("^(-?\\d+) -> (-?\\d+)");
    private static final Pattern NODE = Pattern.compile("^(-?\\d+) \\[label=");

    private TlcGraph() {
    }

    /** The generated module that explores {@code sd}'s spec with the steps of {@code space} in order. */
    public static String module(SpecDesign sd, StepSpace space) {
        String name = sd.mcModule() + "Graph";
        return "---- MODULE " + name + " ----\n"
                + "\\* Generated: the steps in the order of the Java StepSpace; every edge and new state printed.\n"
                + "EXTENDS " + sd.mcModule() + "\n\n"
                + "StepSeq == <<\n    " + space.steps().map(s -> StepCodec.encode(s).render()).mkString(",\n    ")
                + "\n>>\n\n"
                + "ASSUME Len(StepSeq) = Cardinality(Steps) /\\ SeqRange(StepSeq) = Steps\n\n"
                // TLC keeps a constant [x \in S |-> e] as its definition and evaluates e at
                // each application (a CHOOSE over every step, per edge); @@ builds the table
                // once: upstream+fixes' `check --conformance` 63-70 s before, 47-50 s after (2026-12-01)
                + "StepIndex == [st \\in Steps |-> CHOOSE i \\in 1..Len(StepSeq) : StepSeq[i] = st] @@ <<>>\n\n"
                + "GraphNext == SyscallNext(Run, LAMBDA st, errno : PrintT(<<\"E\", StepIndex[st], errno>>))\n\n"
                + "DesignBroken == " + designBroken(sd.design()) + "\n\n"
                + "GraphDump == PrintT(<<\"V\", kernelVars, Broken \\cup DesignBroken>>)\n"
                + "====\n";
    }

    /**
     * The ids of the design's own invariants ({@code Design.invariants()}) the
     * state breaks: each is an operator of that name in the design's module.
     */
    public static String designBroken(multilink.model.design.Design d) {
        List<String> ids = d.invariants().map(multilink.model.invariant.Invariant::id);
        return ids.isEmpty() ? "{}"
                : ids.map(id -> "(IF " + id + " THEN {} ELSE {\"" + id + "\"})").mkString(" \\cup ");
    }

    /**
     * The run's config: the design's default one with the run's step set and
     * limits and GraphNext; with {@code check} it keeps the default
     * invariants and property, so the graph run is also the default TLC run.
     */
    private static String config(String defaultConfig, RunConfig config, boolean check) {
        String text = defaultConfig
                .replaceAll("MaxProgs = \\d+", "MaxProgs = " + config.maxProgs())
                .replaceAll("MaxLinks = \\d+", "MaxLinks = " + config.maxLinks())
                .replaceAll("Steps <- \\w+", "Steps <- " + config.stepSet())
                .replace("NEXT Next", "NEXT GraphNext");
        return check ? text.replace("INVARIANTS\n", "INVARIANTS\n    GraphDump\n")
                : text.substring(0, text.indexOf("INVARIANTS")) + "INVARIANT GraphDump\n";
    }

    /** A graph and the TLC run that produced it. */
    public record Run(StateGraph graph, TlcResult tlc) {
    }

    /** Explores {@code sd}'s spec in {@code dir} (a fresh {@link Workspace}) under {@code config}. */
    public static Either<String, Run> explore(Path dir, SpecDesign sd, RunConfig config, StepSpace space,
                                              boolean check, Consumer<TlcProgress> progress) {
        String name = sd.mcModule() + "Graph";
        String defaultCfg;
        try {
            defaultCfg = Files.readString(dir.resolve(sd.mcModule() + ".cfg"));
        } catch (IOException e) {
            return Either.left("cannot read " + sd.mcModule() + ".cfg: " + e.getMessage());
        }
        Either<String, Path> written = Workspace.write(dir, name + ".tla", module(sd, space))
                .flatMap(p -> Workspace.write(dir, name + ".cfg", config(defaultCfg, config, check)));
        if (written.isLeft()) {
            return Either.left(written.getLeft());
        }
        ArrayList<int[]> labels = new ArrayList<>();
        ArrayList<String> errnos = new ArrayList<>();
        ArrayList<String> states = new ArrayList<>();
        ArrayList<io.vavr.collection.SortedSet<String>> verdicts = new ArrayList<>();
        java.util.HashMap<String, String> errnoIntern = new java.util.HashMap<>();
        String[] bad = {null};
        ValueSplitter values = new ValueSplitter(text -> {
            if (bad[0] != null) {
                return;
            }
            if (text.startsWith("<<\"E\"")) {
                // the hot path: one per transition, parsed without the general parser
                String[] parts = text.substring(2, text.lastIndexOf(">>")).split(",");
                labels.add(new int[]{Integer.parseInt(parts[1].trim()) - 1});
                String e = parts[2].trim();
                errnos.add(errnoIntern.computeIfAbsent(e.substring(1, e.length() - 1), k -> k));
                return;
            }
            Either<String, TlaValue> v = TlaParser.parse(text);
            if (v.isLeft()) {
                bad[0] = "unreadable PrintT output: " + v.getLeft();
                return;
            }
            List<TlaValue> xs = TlaValue.elements(v.get());
            List<TlaValue> vars = TlaValue.elements(xs.get(1));
            TreeMap<String, TlaValue> m = TreeMap.ofEntries(CanonicalState.VARIABLES.zip(vars));
            states.add(CanonicalState.key(m));
            verdicts.add(TreeSet.ofAll(TlaValue.elements(xs.get(2)).map(x -> ((TlaValue.Str) x).value())));
        });
        Path dot = dir.resolve("graph.dot");
        Either<String, TlcResult> tlc = TlcProcess.run(dir, name, name, 1,
                List.of("-dump", "dot", dot.toString()), progress, values);
        if (tlc.isLeft()) {
            return Either.left(tlc.getLeft());
        }
        if (bad[0] != null) {
            return Either.left(bad[0]);
        }
        if (tlc.get().violation().isDefined()) {
            return Either.left("the graph run stopped: " + tlc.get().violation().get().message());
        }
        return edges(dot, labels, errnos, states.size()).map(es -> new Run(
                new StateGraph(List.ofAll(states), HashMap.ofEntries(List.ofAll(states).zipWithIndex()),
                        es, List.ofAll(verdicts)), tlc.get()));
    }

    /** Source and target of each edge from the dot file, zipped with the printed labels. */
    private static Either<String, List<Edge>> edges(Path dot, ArrayList<int[]> labels, ArrayList<String> errnos,
                                                    int nodes) {
        java.util.HashMap<Long, Integer> index = new java.util.HashMap<>();
        ArrayList<Edge> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dot)) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher e = EDGE.matcher(line);
                if (e.find()) {
                    int k = out.size();
                    if (k >= labels.size()) {
                        return Either.left("the dot file has more edges than TLC printed labels");
                    }
                    out.add(new Edge(node(index, e.group(1)), labels.get(k)[0], errnos.get(k),
                            node(index, e.group(2))));
                    continue;
                }
                Matcher n = NODE.matcher(line);
                if (n.find()) {
                    node(index, n.group(1));
                }
            }
        } catch (IOException e) {
            return Either.left("cannot read TLC's dot dump: " + e.getMessage());
        }
        if (out.size() != labels.size() || index.size() != nodes) {
            return Either.left("TLC's dot dump (" + out.size() + " edges, " + index.size()
                    + " nodes) does not match what it printed (" + labels.size() + " edges, " + nodes + " states)");
        }
        return Either.right(List.ofAll(out));
    }

    /** A node's index: the order of first appearance, which is TLC's discovery order. */
    private static int node(java.util.HashMap<Long, Integer> index, String fp) {
        return index.computeIfAbsent(Long.parseLong(fp), k -> index.size());
    }
}
