package multilink.cli;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.design.KnownFinding;
import multilink.model.design.Switch;
import multilink.model.design.Switches;
import multilink.model.invariant.Invariants;
import multilink.model.step.FaultPoint;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The READMEs' tables that the code knows are compared with the code: fault
 * points, known findings and their fixes, invariants, commands, switches.
 */
class DocsTest {
    static String read(String... path) throws IOException {
        return Files.readString(Path.of("..", path));
    }

    /** The cells of a markdown table's rows whose first cell matches, after the header. */
    static List<List<String>> table(String text, String header) {
        List<String> lines = List.ofAll(text.lines().toList());
        int at = lines.indexWhere(l -> l.startsWith(header));
        return lines.drop(at + 2).takeWhile(l -> l.startsWith("|"))
                .map(l -> List.of(l.substring(1, l.length() - 1).split("(?<!\\\\)\\|")).map(String::trim));
    }

    static Set<String> codes(String cell) {
        return TreeSet.ofAll(List.of(cell.split("`")).zipWithIndex().filter(t -> t._2 % 2 == 1).map(t -> t._1));
    }

    @Test
    void faultPointTableListsEveryPointWithItsErrno() throws IOException {
        List<List<String>> rows = table(read("README.md"), "| fault point |");
        Set<String> documented = rows.flatMap(r -> codes(r.get(0))).map(c -> c.startsWith("_") ? "ftrace" + c : c)
                .toSortedSet();
        assertEquals(TreeSet.ofAll(FaultPoint.all().map(FaultPoint::scenarioName)), documented);
        for (List<String> r : rows) {
            for (String c : codes(r.get(0))) {
                String name = c.startsWith("_") ? "ftrace" + c : c;
                FaultPoint p = FaultPoint.parse(name).get();
                assertEquals(p.errno().ok() ? "-" : p.errno().name(), r.get(2), name);
            }
        }
    }

    @Test
    void perDesignTableMatchesFaultPointsAndFindings() throws IOException {
        List<List<String>> rows = table(read("cli", "README.md"), "| design | fault points |");
        assertEquals(Designs.names(), rows.map(r -> codes(r.get(0)).head()));
        List<String> classic = Designs.byName("classic").get().faultPoints().map(FaultPoint::scenarioName);
        for (List<String> r : rows) {
            Design d = Designs.byName(codes(r.get(0)).head()).get();
            Set<String> points = codes(r.get(1));
            if (r.get(1).startsWith("the classic ones")) {
                points = points.addAll(classic);
            }
            assertEquals(TreeSet.ofAll(d.faultPoints().map(FaultPoint::scenarioName)), points, d.name());
            assertEquals(d.knownFindings().map(f -> f.hazard() + " (`" + f.fix() + "`)").mkString(", "), r.get(2),
                    d.name());
        }
    }

    @Test
    void findingsTableMatchesEveryPresetsFindingsAndFixes() throws IOException {
        List<List<String>> rows = table(read("README.md"), "| hazard | designs | fix |");
        List<Design> presets = Designs.all();
        Set<String> hazards = presets.flatMap(Design::presetFindings).map(KnownFinding::hazard).toSortedSet();
        assertEquals(hazards, rows.map(r -> r.get(0)).toSortedSet());
        for (List<String> r : rows) {
            String h = r.get(0);
            List<Design> with = presets.filter(d -> d.presetFindings().exists(f -> f.hazard().equals(h)));
            String designs = with.size() == presets.size() ? "all" : with.map(Design::name).mkString(", ");
            assertEquals(designs, r.get(1), h);
            KnownFinding f = with.head().presetFindings().find(x -> x.hazard().equals(h)).get();
            assertEquals("`" + f.fix() + "`", r.get(2), h);
        }
    }

    @Test
    void invariantTableListsEveryInvariant() throws IOException {
        List<List<String>> rows = table(read("README.md"), "| id | kernel rule |");
        assertEquals(Invariants.ids(), rows.map(r -> codes(r.get(0)).head()));
    }

    @Test
    void commandTableListsEveryCommand() throws IOException {
        List<List<String>> rows = table(read("cli", "README.md"), "| Command |");
        List<String> documented = rows.map(r -> r.get(0).replace("`", "").split(" ")[1]);
        CommandLine cl = new CommandLine(new Main(DesignCatalogue.builtIn(), X86Backend.REAL));
        Main.subcommands(DesignCatalogue.builtIn(), X86Backend.REAL).forEach(cl::addSubcommand);
        Set<String> code = TreeSet.ofAll(cl.getSubcommands().keySet()).add("help");
        assertEquals(code, documented.toSortedSet());
    }

    @Test
    void killMatrixListsEverySeededBug() throws IOException {
        List<List<String>> rows = table(read("README.md"), "| seeded bug | design |");
        assertEquals(MutantCatalogue.all().map(MutantCatalogue.Mutant::name), rows.map(r -> codes(r.get(0)).head()));
        assertEquals(MutantCatalogue.all().map(MutantCatalogue.Mutant::design), rows.map(r -> codes(r.get(1)).head()));
    }

    @Test
    void designsListsEveryPresetAndSwitch() {
        Cli cli = Cli.run("designs");
        assertEquals(0, cli.exit());
        for (Design d : Designs.all()) {
            assertEquals(true, cli.out().lines().anyMatch(l -> l.startsWith(d.name() + " ")), d.name());
        }
        for (Switch s : Switches.ALL) {
            assertEquals(true, cli.out().lines().anyMatch(l -> l.startsWith(s.name() + " ")), s.name());
        }
    }

    @Test
    void everyFixSwitchIsNamedInTheReadme() throws IOException {
        String readme = read("README.md");
        for (Switch s : Switches.ALL.filter(x -> x.kind() != Switch.Kind.BUG)) {
            assertEquals(true, readme.contains("`" + s.name() + "`"), s.name());
        }
    }

    /**
     * DESIGNS.md shows the registry as Presets.java has it (the presets it
     * lists are registered, in that order; a new one need not be added to
     * the example), and every field of the descriptor.
     */
    @Test
    void designsDocShowsTheRegistryAndTheDescriptor() throws IOException {
        String doc = read("DESIGNS.md");
        String code = read("model", "src", "main", "java", "multilink", "model", "design", "Presets.java");
        java.util.regex.Pattern block = java.util.regex.Pattern.compile(
                "public static final List<Preset> ALL = List\\.of\\(([^;]*)\\);");
        java.util.regex.Matcher inCode = block.matcher(code);
        java.util.regex.Matcher inDoc = block.matcher(doc);
        assertEquals(true, inCode.find() && inDoc.find(), "the ALL = List.of(...) block");
        List<String> registered = List.of(inCode.group(1).split(",")).map(String::trim);
        List<String> shown = List.of(inDoc.group(1).split(",")).map(String::trim);
        assertEquals(shown, registered.filter(shown::contains), "DESIGNS.md's registry, in order");
        assertEquals(Designs.names().size(), registered.size());
        assertEquals(List.of(multilink.model.design.Preset.class.getRecordComponents()).map(c -> c.getName()),
                table(doc, "| field |").map(r -> codes(r.get(0)).head()));
    }
}
