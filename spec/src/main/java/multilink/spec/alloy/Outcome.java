package multilink.spec.alloy;

import edu.mit.csail.sdg.ast.Command;
import edu.mit.csail.sdg.ast.CommandScope;
import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.translator.A4Solution;
import io.vavr.collection.List;

/**
 * What one Alloy command gave: an instance (for a {@code check}, a
 * counterexample) or none, in how long, and whether that is what the command
 * says it expects ({@code expect 0}: no instance, {@code expect 1}: one).
 */
public record Outcome(Command command, A4Solution solution, CompModule module, long nanos) {

    public String name() {
        return command.label;
    }

    public boolean check() {
        return command.check;
    }

    public boolean satisfiable() {
        return solution.satisfiable();
    }

    /** True when the command states no expectation. */
    public boolean asExpected() {
        return command.expects < 0 || (command.expects == 1) == satisfiable();
    }

    public boolean expectsInstance() {
        return command.expects == 1;
    }

    /** "no counterexample", "counterexample", "instance", "no instance". */
    public String result() {
        if (check()) {
            return satisfiable() ? "counterexample" : "no counterexample";
        }
        return satisfiable() ? "instance" : "no instance";
    }

    /** The command's scope as the table shows it: {@code scope 3, 2 TargetProg, 5 Int}. */
    public String scope() {
        List<String> parts = List.of(String.valueOf(command.overall < 0 ? 3 : command.overall));
        for (CommandScope s : command.scope) {
            parts = parts.append((s.isExact ? "exactly " : "") + s.startingScope + " "
                    + s.sig.label.replace("this/", ""));
        }
        return "scope " + parts.append(command.bitwidth < 0 ? "4 Int" : command.bitwidth + " Int").mkString(", ");
    }

    public double seconds() {
        return nanos / 1e9;
    }

    /** The solve time as the table shows it. */
    public String time() {
        return String.format(java.util.Locale.ROOT, "%.2f s", seconds());
    }
}
