package multilink.spec.replay;

import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state graph TLC wrote with {@code -dump dot FILE}: each distinct state
 * with the TLA+ text of every variable's value, and every transition TLC
 * generated, one per successor it computed (so a syscall that fails in a
 * state is a self-loop of its own, and two steps to the same state are two
 * edges). The values are kept as TLC printed them: a module can read them
 * back, which is what {@link ReplayModule} does.
 *
 * <p>States are numbered from 1 in the order the file lists them; each
 * variable's distinct values are numbered from 1 in the order they first
 * occur, so a state is a row of value numbers.
 *
 * @param variables the state's variables, in the order of the first state's label
 * @param values    per variable, its distinct values (TLA+ text); value n is at index n - 1
 * @param rows      per state, the number of each variable's value
 * @param initial   the numbers of the initial states
 * @param successors per state, the numbers of the states its generated transitions lead to, in file order
 */
public record StateGraphDump(List<String> variables, Vector<Vector<String>> values, Vector<Vector<Integer>> rows,
                             List<Integer> initial, Vector<Vector<Integer>> successors) {

    private static final Pattern NODE = Pattern.compile("^(-?\\d+) \\[label=\"(.*)\"(,style = filled)?\\];?$");
    private static final Pattern EDGE = Pattern.compile("^(-?\\d+) -> (-?\\d+) \\[");
    /** The start of a conjunct of a state's label: {@code /\ name = }. */
    private static final Pattern CONJUNCT = Pattern.compile("(?m)^/\\\\ (\\w+) = ");

    /** Every transition of the graph: TLC's count of states generated, less the initial ones. */
    public long transitions() {
        return successors.map(Vector::size).map(Integer::longValue).fold(0L, Long::sum);
    }

    /** Reads {@code file}; a file that is no TLC dot dump is a Left naming what is wrong and where. */
    public static Either<String, StateGraphDump> read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in.lines().iterator(), file.getFileName().toString());
        } catch (IOException | java.io.UncheckedIOException e) {
            return Either.left("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Parses the lines of a dump; {@code name} is the file named in errors. */
    static Either<String, StateGraphDump> parse(Iterator<String> lines, String name) {
        Builder b = new Builder();
        int lineNo = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            lineNo++;
            Matcher edge = EDGE.matcher(line);
            Matcher node = NODE.matcher(line);
            Option<String> wrong = Option.none();
            if (edge.find()) {
                b.edge(edge.group(1), edge.group(2));
            } else if (node.matches()) {
                wrong = b.node(node.group(1), unescape(node.group(2)), node.group(3) != null);
            }
            if (wrong.isDefined()) {
                return Either.left(name + ":" + lineNo + ": " + wrong.get());
            }
        }
        return b.build().mapLeft(why -> name + ": " + why);
    }

    /** The label's text as TLC wrote it, before dot's escaping of quotes, newlines and backslashes. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A state's label split into its variables' values, in label order. */
    static Either<String, List<Map.Entry<String, String>>> conjuncts(String label) {
        Matcher m = CONJUNCT.matcher(label);
        List<Integer> starts = List.empty();
        List<String> names = List.empty();
        List<Integer> valueStarts = List.empty();
        while (m.find()) {
            starts = starts.append(m.start());
            names = names.append(m.group(1));
            valueStarts = valueStarts.append(m.end());
        }
        if (names.isEmpty() || starts.head() != 0) {
            return Either.left("a state's label is not a conjunction of /\\ variable = value");
        }
        List<Integer> ends = starts.tail().append(label.length());
        List<Map.Entry<String, String>> out = List.empty();
        for (int i = 0; i < names.size(); i++) {
            out = out.append(Map.entry(names.get(i), label.substring(valueStarts.get(i), ends.get(i)).strip()));
        }
        return Either.right(out);
    }

    /** Accumulates the file's lines; mutable while reading, the record it builds is not. */
    private static final class Builder {
        private List<String> variables;
        private final java.util.List<Map<String, Integer>> valueIds = new ArrayList<>();
        private final java.util.List<java.util.List<String>> values = new ArrayList<>();
        private final java.util.List<int[]> rows = new ArrayList<>();
        private final Map<String, Integer> stateIds = new HashMap<>();
        private final java.util.List<Integer> initial = new ArrayList<>();
        private final java.util.List<String[]> edges = new ArrayList<>();

        /** A state's line; what is wrong with it, if anything. */
        Option<String> node(String id, String label, boolean isInitial) {
            if (stateIds.containsKey(id)) {
                return Option.of("state " + id + " listed twice");
            }
            Either<String, List<Map.Entry<String, String>>> parts = conjuncts(label);
            if (parts.isLeft()) {
                return Option.of(parts.getLeft());
            }
            List<String> names = parts.get().map(Map.Entry::getKey);
            if (variables == null) {
                variables = names;
                names.forEach(n -> {
                    valueIds.add(new HashMap<>());
                    values.add(new ArrayList<>());
                });
            } else if (!variables.equals(names)) {
                return Option.of("state " + id + " has variables " + names.mkString(", ") + ", the first state "
                        + variables.mkString(", "));
            }
            int[] row = new int[names.size()];
            for (int v = 0; v < row.length; v++) {
                java.util.List<String> seen = values.get(v);
                row[v] = valueIds.get(v).computeIfAbsent(parts.get().get(v).getValue(), text -> {
                    seen.add(text);
                    return seen.size();
                });
            }
            rows.add(row);
            stateIds.put(id, rows.size());
            if (isInitial) {
                initial.add(rows.size());
            }
            return Option.none();
        }

        /** A transition's line: resolved in {@link #build}, as TLC lists an edge before its target's node. */
        void edge(String from, String to) {
            edges.add(new String[] {from, to});
        }

        Either<String, StateGraphDump> build() {
            if (rows.isEmpty()) {
                return Either.left("no states (not a TLC -dump dot file?)");
            }
            if (initial.isEmpty()) {
                return Either.left("no initial state (TLC fills initial states' nodes)");
            }
            java.util.List<java.util.List<Integer>> succ = new ArrayList<>();
            rows.forEach(r -> succ.add(new ArrayList<>()));
            for (String[] e : edges) {
                Integer from = stateIds.get(e[0]);
                Integer to = stateIds.get(e[1]);
                if (from == null || to == null) {
                    return Either.left("a transition names state " + (from == null ? e[0] : e[1])
                            + ", which the file does not list");
                }
                succ.get(from - 1).add(to);
            }
            return Either.right(new StateGraphDump(variables, Vector.ofAll(values).map(Vector::ofAll),
                    Vector.ofAll(rows).map(r -> Vector.ofAll(r)), List.ofAll(initial),
                    Vector.ofAll(succ).map(Vector::ofAll)));
        }
    }
}
