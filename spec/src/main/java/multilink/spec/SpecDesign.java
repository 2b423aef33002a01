package multilink.spec;

import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.Switches;

/**
 * A design and the TLA+ modules that specify it: {@code <module>.tla} with
 * its Next, {@code MC<module>.tla} with the step sets of its runs. A design
 * is its preset's module run with the design's switches as the constant
 * {@code Switches}: the spec branches on {@code On("name")} where the model
 * branches on {@code tx.on("name")}.
 *
 * @param design the Java model of the design
 * @param module the spec module's name
 */
public record SpecDesign(Design design, String module) {
    private static final List<String> NAMES = List.of("classic:Classic", "olsa-v3:OlsaV3", "upstream:Upstream",
            "dong-v1:DongV1");

    /**
     * The spec module of a Java design: its preset's, when the design is the
     * preset's own code with switches (its name is the preset's, alone or
     * followed by switches, as Designs spells them); none for a user's design
     * under a name of its own (its code may differ from the preset's), a
     * preset the spec does not cover, or a switch the model does not know.
     */
    public static Option<SpecDesign> of(Design design) {
        if (design.switches().exists(s -> Switches.byName(s).isEmpty())) {
            return Option.none();
        }
        String name = design.name();
        return NAMES.map(n -> n.split(":")).find(n -> n[0].equals(design.preset())
                        && (name.equals(n[0]) || name.startsWith(n[0] + "+") || name.startsWith(n[0] + "-")))
                .map(n -> new SpecDesign(design, n[1]));
    }

    public String mcModule() {
        return "MC" + module;
    }

    public String configName(RunConfig config) {
        return mcModule() + config.suffix();
    }

    /** The design's switches as the cfg's value of the constant Switches, sorted. */
    public String switchesValue() {
        return TreeSet.ofAll(design.switches()).map(s -> "\"" + s + "\"").mkString("{", ", ", "}");
    }

    /** A config's text with its {@code Switches = {...}} line set to this design's switches. */
    public String withSwitches(String cfg) {
        return cfg.replaceAll("(?m)^(\\s*)Switches = \\{[^}\\n]*\\}", "$1Switches = "
                + java.util.regex.Matcher.quoteReplacement(switchesValue()));
    }
}
