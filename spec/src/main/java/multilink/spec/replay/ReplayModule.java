package multilink.spec.replay;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.spec.tlc.Workspace;

import java.nio.file.Path;

/**
 * A module that walks a dumped state graph instead of computing it: in each
 * state, one transition per edge TLC generated there, to the state the table
 * says. TLC then does for the graph all it did in the run but evaluate the
 * syscalls: enumerate successors, fingerprint the VIEW, look up the seen set,
 * check invariants. Its time is the floor under any spec of the same graph
 * (issue 14: how fast the spec could get without changing what TLC checks).
 *
 * <p>Two walks: {@code ReplayNext} sets the variables to their values (the
 * state's shape as the spec has it, so the run's invariants apply; one
 * config checks them, one does not); {@code CompactNext} sets each variable
 * to its value's number (a state of small integers: the floor for a spec
 * that changed its state's shape).
 * The module extends the run's MC module, so constants, variables, the VIEW
 * and the invariants are the run's own; one more variable, {@code replayAt},
 * holds the state's number and is outside the VIEW.
 */
public final class ReplayModule {
    public static final String NAME = "Replay";
    public static final String DATA = "ReplayData";
    /** The configs: the walk over values with the run's invariants, without them, the walk over numbers. */
    public static final String WITH_INVARIANTS = NAME + "Invariants";
    public static final String VALUES = NAME + "Values";
    public static final String COMPACT = NAME + "Compact";

    private ReplayModule() {
    }

    /** The data module, the walk and its three configs written to {@code dir}, beside the run's spec. */
    public static Either<String, Path> write(Path dir, String mcModule, String mcConfigText, StateGraphDump g) {
        Either<String, String> checked = config(mcConfigText, "ReplayInit", "ReplayNext", true);
        if (checked.isLeft()) {
            return Either.left(checked.getLeft());
        }
        String values = config(mcConfigText, "ReplayInit", "ReplayNext", false).get();
        String compact = config(mcConfigText, "CompactInit", "CompactNext", false).get();
        return Workspace.write(dir, DATA + ".tla", data(g))
                .flatMap(p -> Workspace.write(dir, NAME + ".tla", walk(mcModule, g.variables())))
                .flatMap(p -> Workspace.write(dir, WITH_INVARIANTS + ".cfg", checked.get()))
                .flatMap(p -> Workspace.write(dir, VALUES + ".cfg", values))
                .flatMap(p -> Workspace.write(dir, COMPACT + ".cfg", compact))
                .map(p -> dir);
    }

    static String data(StateGraphDump g) {
        StringBuilder b = new StringBuilder("---- MODULE " + DATA + " ----\nEXTENDS Naturals, Sequences, TLC\n");
        b.append("\\* Written by multilink's bench from TLC's dump of a run: not a spec.\n");
        for (int v = 0; v < g.variables().size(); v++) {
            b.append(valueTable(g.variables().get(v))).append(" == <<\n")
                    .append(g.values().get(v).mkString(",\n")).append("\n>>\n");
        }
        b.append("Rows == <<\n").append(g.rows().map(r -> r.mkString("<<", ",", ">>")).mkString(",\n"))
                .append("\n>>\n");
        b.append("Succ == <<\n").append(g.successors().map(s -> s.mkString("<<", ",", ">>")).mkString(",\n"))
                .append("\n>>\n");
        b.append("InitialStates == ").append(g.initial().mkString("{", ", ", "}")).append("\n====\n");
        return b.toString();
    }

    static String walk(String mcModule, List<String> variables) {
        return "---- MODULE " + NAME + " ----\n"
                + "EXTENDS " + mcModule + ", " + DATA + "\n"
                + "VARIABLE replayAt\n"
                + "ReplayInit == replayAt \\in InitialStates" + assign(variables, "", "replayAt", true) + "\n"
                + "ReplayNext == \\E e \\in 1..Len(Succ[replayAt]) : LET j == Succ[replayAt][e] IN\n"
                + "    replayAt' = j" + assign(variables, "'", "j", true) + "\n"
                + "CompactInit == replayAt \\in InitialStates" + assign(variables, "", "replayAt", false) + "\n"
                + "CompactNext == \\E e \\in 1..Len(Succ[replayAt]) : LET j == Succ[replayAt][e] IN\n"
                + "    replayAt' = j" + assign(variables, "'", "j", false) + "\n"
                + "====\n";
    }

    /** Each variable (primed or not) set from row {@code state}: to its value, or to the value's number. */
    private static String assign(List<String> variables, String prime, String state, boolean values) {
        StringBuilder b = new StringBuilder();
        for (int v = 0; v < variables.size(); v++) {
            String number = "Rows[" + state + "][" + (v + 1) + "]";
            b.append("\n    /\\ ").append(variables.get(v)).append(prime).append(" = ")
                    .append(values ? valueTable(variables.get(v)) + "[" + number + "]" : number);
        }
        return b.toString();
    }

    private static String valueTable(String variable) {
        return "V_" + variable;
    }

    /**
     * The run's config with the walk as INIT and NEXT: its constants and VIEW
     * kept, its invariants kept for the shaped walk only (they read values, not
     * numbers), its PROPERTY dropped (an action property reads the syscall the
     * walk does not know).
     */
    static Either<String, String> config(String mcConfig, String init, String next, boolean invariants) {
        List<String> lines = List.of(mcConfig.split("\n"));
        List<String> constants = lines.takeWhile(l -> !l.startsWith("INIT"));
        Option<String> view = lines.find(l -> l.startsWith("VIEW "));
        if (view.isEmpty()) {
            return Either.left("the run's config has no VIEW line; the walk needs one to leave replayAt out");
        }
        List<String> inv = lines.dropWhile(l -> !l.startsWith("INVARIANTS"))
                .takeWhile(l -> l.startsWith("INVARIANTS") || l.startsWith(" ") || l.isBlank());
        return Either.right(constants.mkString("\n") + "\nINIT " + init + "\nNEXT " + next + "\n" + view.get() + "\n"
                + (invariants ? inv.mkString("\n") + "\n" : ""));
    }
}
