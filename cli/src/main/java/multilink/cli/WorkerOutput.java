package multilink.cli;

import io.vavr.control.Option;

import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * What a TLC worker JVM prints, as {@code tlc --worker} passes it on: its
 * progress lines prefixed, the spec's files as the server sends them left
 * out (a line per module, twice, saying nothing), and an exception's stack
 * trace, which is for TLC's developers, reduced to its first line, said once
 * at the end with the worker's exit (a server that went away mid-run shows as
 * a refused connection).
 */
final class WorkerOutput {
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ more)|^Caused by: ");
    private static final Pattern THROWN = Pattern.compile("^\\s*(java|javax|sun|tlc2)\\.[\\w.$]*(Exception|Error)\\b");

    private final PrintWriter err;
    private Option<String> thrown = Option.none();

    WorkerOutput(PrintWriter err) {
        this.err = err;
    }

    void line(String line) {
        if (STACK_FRAME.matcher(line).find()) {
            return;
        }
        if (THROWN.matcher(line).find()) {
            thrown = thrown.orElse(Option.of(line.trim().replaceFirst(";? ?nested exception is:$", "")));
            return;
        }
        if (!line.startsWith("Parsing file ") && !line.startsWith("Semantic processing of module ")) {
            err.println("tlc: worker: " + line);
            err.flush();
        }
    }

    /** Why the worker did not finish its share, given its exit code; nothing when it did. */
    Option<String> stopped(int exit) {
        if (exit == 0 && thrown.isEmpty()) {
            return Option.none();
        }
        return Option.of((exit != 0 ? " (exit " + exit + ")" : "") + thrown.map(t -> ": " + t).getOrElse(""));
    }
}
