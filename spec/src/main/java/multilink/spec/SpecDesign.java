package multilink.spec;

import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.Preset;
import multilink.model.design.Presets;
import multilink.model.design.Switches;

/**
 * A design and the TLA+ modules that specify it: {@code <module>.tla} with
 * its Next, {@code MC<module>.tla} with the step sets of its runs. A design
 * is its preset's module run with the design's switches as the constant
 * {@code Switches}: the spec branches on {@code On("name")} where the model
 * branches on {@code tx.on("name")}. The module is the preset's
 * ({@link Preset#spec()}).
 *
 * @param design the Java model of the design
 * @param module the spec module's name
 */
public record SpecDesign(Design design, String module) {
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
        return Presets.byName(design.preset())
                .filter(p -> name.equals(p.name()) || name.startsWith(p.name() + "+") || name.startsWith(p.name() + "-"))
                .flatMap(Preset::spec).map(m -> new SpecDesign(design, m.module()));
    }

    /** The presets the spec has a module for, as shipped, in {@link Presets} order. */
    public static io.vavr.collection.List<Design> presets() {
        return Presets.ALL.filter(p -> p.spec().isDefined()).map(Preset::design);
    }

    /** Their names, each followed by {@code suffix} ({@code "+fixes"}): test parameters. */
    public static io.vavr.collection.List<String> presetNames(String suffix) {
        return presets().map(d -> d.name() + suffix);
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
