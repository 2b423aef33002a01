package multilink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.invariant.Violation;
import multilink.properties.Verdict;

/**
 * What a replay means for the user: which steps returned another errno than
 * the file expects, whether the invariants that broke are exactly the ones
 * the file expects to break, and the readable table (the same one written
 * next to a counterexample).
 */
public record ReplayReport(Replay.Result result, List<String> problems) {

    public static ReplayReport of(Replay.Result r) {
        // a Java list while collecting: appending to a Vavr List copies it (a file of mismatches was quadratic)
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (Replay.Replayed st : r.steps()) {
            Errno got = st.outcome().errno();
            for (Errno want : st.scenarioStep().expect()) {
                if (want != got) {
                    problems.add("step " + st.index() + ": expected " + want + ", got " + got);
                }
            }
        }
        for (Replay.Replayed st : r.steps()) {
            for (String p : st.stateProblems()) {
                problems.add("step " + st.index() + ": " + p);
            }
        }
        Option<Replay.Replayed> broke = r.steps().find(st -> !st.violations().isEmpty());
        Option<SortedSet<String>> fileWants = r.loaded().scenario().expectViolation();
        for (Replay.Replayed st : r.steps()) {
            for (SortedSet<String> want : st.scenarioStep().expectViolation()) {
                SortedSet<String> got = ids(st.violations());
                if (!want.equals(got)) {
                    problems.add("step " + st.index() + ": expected violation of " + want.mkString(", ")
                            + ", got " + (got.isEmpty() ? "none" : got.mkString(", ")));
                }
            }
        }
        if (broke.isDefined()) {
            Replay.Replayed st = broke.get();
            SortedSet<String> got = ids(st.violations());
            boolean expected = st.scenarioStep().expectViolation().contains(got) || fileWants.contains(got);
            if (!expected && st.scenarioStep().expectViolation().isEmpty()) {
                problems.add("step " + st.index() + ": " + st.violations().head()
                        + (fileWants.isDefined() ? " (the file expects " + fileWants.get().mkString(", ") + ")" : ""));
            }
        } else if (fileWants.isDefined()) {
            problems.add("expected violation of " + fileWants.get().mkString(", ") + ", got none");
        }
        if (r.loaded().scenario().steps().drop(r.steps().size()).exists(s -> s.expectViolation().isDefined())) {
            problems.add("a violation at step " + r.steps().size()
                    + " stopped the replay before a step that expects one");
        }
        return new ReplayReport(r, List.ofAll(problems));
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    private static SortedSet<String> ids(List<Violation> v) {
        return TreeSet.ofAll(v.map(Violation::invariant));
    }

    /** The step table: syscall, errno against the expected one, reference events; then what broke. */
    public String table() {
        TextTable t = TextTable.of("step", "syscall", "errno", "expect", "reference events");
        for (Replay.Replayed st : result.steps()) {
            Errno got = st.outcome().errno();
            String expect = st.scenarioStep().expect().map(e -> e == got ? e.toString() : e + " MISMATCH")
                    .getOrElse("-");
            t = t.row(String.valueOf(st.index()), Syscall.describe(st.scenarioStep()), got.toString(), expect,
                    st.outcome().events().isEmpty() ? "-" : st.outcome().events().mkString(" "));
        }
        StringBuilder b = new StringBuilder(t.render());
        for (Replay.Replayed st : result.steps().filter(s -> !s.violations().isEmpty())) {
            b.append("\nviolated after step ").append(st.index()).append(":\n");
            TextTable v = TextTable.of("invariant", "object", "expected", "actual");
            for (Violation x : st.violations()) {
                v = v.row(x.invariant(), x.object(), x.expected(), x.actual());
            }
            b.append(v.render());
        }
        int notRun = result.loaded().scenario().steps().size() - result.steps().size();
        if (notRun > 0) {
            b.append("\n").append(notRun).append(" later step(s) not run: the kernel is tainted after a violation\n");
        }
        b.append("\nverdict: ").append(verdict(result.verdict())).append('\n');
        return b.toString();
    }

    static String verdict(Verdict v) {
        if (v instanceof Verdict.Known k) {
            return "known finding " + k.finding().hazard() + " at step " + (k.index() + 1) + ": "
                    + k.finding().summary();
        } else if (v instanceof Verdict.Broken br) {
            return "VIOLATION at step " + (br.index() + 1) + ": " + br.violation()
                    + (br.withFixes() ? " (with every known finding's fix on)" : "");
        }
        List<Verdict.Known> known = ((Verdict.Clean) v).known();
        if (known.isEmpty()) {
            return "clean";
        }
        // one line per finding, at the step it first showed
        return "clean" + known.distinctBy(k -> k.finding().hazard())
                .map(k -> "; known finding " + k.finding().hazard() + " at step " + (k.index() + 1) + ": "
                        + k.finding().summary() + " (fix: +" + k.finding().fix() + ")").mkString();
    }

    public String text(String file) {
        StringBuilder b = new StringBuilder();
        b.append(file).append(": design ").append(result.loaded().design().name()).append(", world ")
                .append(result.loaded().scenario().world()).append('\n');
        result.loaded().scenario().description().forEach(d -> b.append(d).append('\n'));
        b.append('\n').append(table());
        b.append(passed() ? "PASS\n" : "FAIL\n");
        problems.forEach(p -> b.append("  ").append(p).append('\n'));
        return b.toString();
    }

    public ObjectNode json(String file) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("file", file).put("design", result.loaded().design().name())
                .put("world", result.loaded().scenario().world()).put("passed", passed())
                .put("verdict", verdict(result.verdict()));
        ArrayNode steps = root.putArray("steps");
        for (Replay.Replayed st : result.steps()) {
            ObjectNode o = steps.addObject();
            o.put("step", st.index()).put("syscall", Syscall.describe(st.scenarioStep()))
                    .put("errno", st.outcome().errno().toString());
            st.scenarioStep().expect().forEach(e -> o.put("expect", e.toString()));
            st.outcome().events().forEach(e -> o.withArray("events").add(e.toString()));
            for (Violation v : st.violations()) {
                o.withArray("violations").addObject().put("invariant", v.invariant()).put("object", v.object())
                        .put("expected", v.expected()).put("actual", v.actual());
            }
        }
        problems.forEach(root.putArray("problems")::add);
        return root;
    }
}
