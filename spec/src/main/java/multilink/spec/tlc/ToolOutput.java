package multilink.spec.tlc;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.spec.tla.TlaParser;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads TLC's -tool output line by line: message blocks
 * ({@code @!@!@STARTMSG code:severity @!@!@ ... @!@!@ENDMSG code @!@!@}) are
 * collected and interpreted; every line outside a block (what PrintT prints)
 * goes to the raw consumer. The messages read: 2110/2111/2112/2116
 * (violations), 2114 (deadlock), 2147 (assumption false), 2217 (trace
 * states), 2199/2200 (totals and progress), 2194 (depth), 2195/2196 (a
 * checkpoint begun in a directory, and completed), 2190 (the initial states
 * computed: the search starts); any other message of
 * severity 1 (error) makes the run a failure.
 */
public final class ToolOutput {
    private static final Pattern START = Pattern.compile("@!@!@STARTMSG (\\d+):(\\d+) @!@!@");
    private static final Pattern END = Pattern.compile("@!@!@ENDMSG (\\d+) @!@!@");
    private static final Pattern TOTALS = Pattern.compile(
            "([\\d,]+) states generated(?: \\([^)]*\\))?, ([\\d,]+) distinct states found(?: \\([^)]*\\))?, "
                    + "([\\d,]+) states left on queue");
    private static final Pattern DEPTH = Pattern.compile("depth of the complete state graph search is (\\d+)");
    private static final Pattern CHECKPOINT = Pattern.compile(
            "Checkpointing of run (?:-- Checkpointing of run )?(.+?)(?: compl)?\\s*$");
    private static final Pattern NAMED = Pattern.compile("(Invariant|Action property|Temporal properties|Property) "
            + "(\\w*) ?(?:is|are|was|were) violated");

    private final Consumer<String> raw;
    private final Consumer<TlcProgress> progress;
    private final Consumer<java.nio.file.Path> checkpoint;
    private Option<String> checkpointing = Option.none();
    private final long start = System.nanoTime();
    private Option<Long> searchStart = Option.none();
    private int code = -1;
    private int severity;
    private final StringBuilder body = new StringBuilder();
    private long generated = -1;
    private long distinct = -1;
    private int depth;
    private Option<String[]> violation = Option.none();
    private List<TraceState> trace = List.empty();
    private boolean traceShown;
    private Option<String> error = Option.none();

    /** The kind of a violation whose trace TLC printed without saying what it violates. */
    public static final String UNNAMED = "unnamed";

    public ToolOutput(Consumer<String> raw, Consumer<TlcProgress> progress) {
        this(new TlcWatch(progress, p -> { }, raw));
    }

    public ToolOutput(TlcWatch watch) {
        this.raw = watch.raw();
        this.progress = watch.progress();
        this.checkpoint = watch.checkpoint();
    }

    public void line(String line) {
        Matcher s = START.matcher(line);
        if (code < 0 && s.find()) {
            code = Integer.parseInt(s.group(1));
            severity = Integer.parseInt(s.group(2));
            body.setLength(0);
            return;
        }
        if (code >= 0 && END.matcher(line).find()) {
            message(code, severity, body.toString().trim());
            code = -1;
            return;
        }
        if (code >= 0) {
            body.append(line).append('\n');
        } else {
            raw.accept(line);
        }
    }

    private void message(int c, int sev, String text) {
        switch (c) {
            case 2110, 2111, 2112, 2116 -> {
                Matcher m = NAMED.matcher(text);
                String kind = c == 2110 ? "invariant" : "property";
                violation = Option.of(new String[]{kind, m.find() ? m.group(2) : "", text});
            }
            case 2114 -> violation = Option.of(new String[]{"deadlock", "", text});
            case 2147 -> violation = Option.of(new String[]{"assumption", "", text});
            case 2121 -> traceShown = true;
            case 2195 -> {
                // the server's text repeats itself: "Checkpointing of run -- Checkpointing of run DIR compl"
                Matcher m = CHECKPOINT.matcher(text);
                checkpointing = m.find() ? Option.of(m.group(1)) : Option.none();
            }
            case 2196 -> checkpointing.forEach(d -> checkpoint.accept(java.nio.file.Path.of(d)));
            case 2217 -> traceState(text);
            case 2190 -> searchStart = searchStart.orElse(Option.of(System.nanoTime()));
            case 2199, 2200 -> totals(text);
            case 2194 -> {
                Matcher m = DEPTH.matcher(text);
                if (m.find()) {
                    depth = Integer.parseInt(m.group(1));
                }
            }
            // 2121 introduces the trace; any other error (parse, evaluation, TLC bug) leaves no result to trust
            default -> {
                if (sev == 1 && c != 2121 && violation.isEmpty()) {
                    error = error.orElse(Option.of(firstLine(text)));
                }
            }
        }
    }

    private void totals(String text) {
        Matcher m = TOTALS.matcher(text);
        if (m.find()) {
            generated = num(m.group(1));
            distinct = num(m.group(2));
            double secs = (System.nanoTime() - start) / 1e9;
            progress.accept(new TlcProgress(generated, distinct, num(m.group(3)), secs > 0 ? distinct / secs : 0));
        }
    }

    private void traceState(String text) {
        int nl = text.indexOf('\n');
        String head = nl < 0 ? text : text.substring(0, nl);
        int colon = head.indexOf(':');
        int index = colon > 0 ? Integer.parseInt(head.substring(0, colon).trim()) : trace.size() + 1;
        String action = colon > 0 ? head.substring(colon + 1).trim() : head;
        var vars = TlaParser.parseState(nl < 0 ? "" : text.substring(nl + 1));
        if (vars.isLeft()) {
            error = error.orElse(Option.of("unreadable trace state " + index + ": " + vars.getLeft()));
            return;
        }
        trace = trace.append(new TraceState(index, action, vars.get()));
    }

    /** The run's result, given the exit code of the TLC process. */
    public Either<String, TlcResult> result(int exit) {
        long now = System.nanoTime();
        double secs = (now - start) / 1e9;
        double search = (now - searchStart.getOrElse(start)) / 1e9;
        if (error.isDefined()) {
            return Either.left("TLC error (exit " + exit + "): " + error.get());
        }
        Option<TlcViolation> v = violation.map(x -> new TlcViolation(x[0], x[1], firstLine(x[2]), trace));
        if (v.isEmpty() && traceShown && !trace.isEmpty()) {
            // TLC's distributed server exits 0 after printing the violating transition alone, unnamed
            return Either.right(new TlcResult(Math.max(generated, 0), Math.max(distinct, 0), depth, secs, search,
                    Option.of(new TlcViolation(UNNAMED, "", "a violating transition that TLC's distributed server "
                            + "does not name; run TLC in one process for the invariant and the whole trace",
                            trace))));
        }
        boolean expectedExit = exit == 0 ? v.isEmpty() : v.isDefined() && exit >= 10 && exit <= 13;
        if (!expectedExit && !(v.exists(x -> x.kind().equals("assumption")) && exit == 75)) {
            return Either.left("TLC exited with " + exit + (v.isDefined() ? " after " + v.get().message()
                    : " without a result"));
        }
        if (generated < 0 && v.isEmpty()) {
            return Either.left("TLC finished without reporting its totals");
        }
        return Either.right(new TlcResult(Math.max(generated, 0), Math.max(distinct, 0), depth, secs, search, v));
    }

    private static long num(String s) {
        return Long.parseLong(s.replace(",", ""));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
