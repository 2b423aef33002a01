package multilink.cli;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.design.KnownFinding;
import multilink.model.design.Switch;
import multilink.model.design.Switches;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ./multilink designs}: every preset with its switches on, its known
 * findings with their fixes, and every switch with one line each, so a user
 * can spell the design of their own patch ({@code olsa-v3+dedup}).
 */
@Command(name = "designs", description = "List the designs, their known findings and every switch a design name "
        + "can add (+name) or remove (-name).", mixinStandardHelpOptions = true)
final class DesignsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(render());
        out.flush();
        return Main.EXIT_OK;
    }

    static String render() {
        StringBuilder b = new StringBuilder();
        TextTable presets = TextTable.of("design", "switches on", "known findings (fix)");
        for (Design d : Designs.all()) {
            presets = presets.row(d.name(), d.switches().isEmpty() ? "-" : d.switches().toList().sorted().mkString(" "),
                    d.knownFindings().isEmpty() ? "-" : d.knownFindings().map(KnownFinding::toString).mkString(", "));
        }
        b.append(presets.render()).append('\n');
        TextTable sw = TextTable.of("switch", "kind", "designs", "kernel place", "what it does");
        for (Switch s : Switches.ALL) {
            sw = sw.row(s.name(), s.kind().toString().toLowerCase(), s.presets().mkString(","), s.place(), s.summary());
        }
        b.append(sw.render()).append('\n');
        b.append("A design name is a preset and the switches that differ from it, e.g. olsa-v3+dedup,\n"
                + "upstream-retirefix, dong-v1+fixes (+fixes: every known finding's fix), classic+bug_no_tramp_limit.\n");
        return b.toString();
    }

    static List<String> switchNames() {
        return Switches.ALL.map(Switch::name);
    }
}
