package multilink.spec;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Design;

/**
 * A design and the TLA+ modules that specify it: {@code <module>.tla} with
 * its Next, {@code MC<module>.tla} with the step sets of its runs.
 *
 * @param design the Java model of the design
 * @param module the spec module's name
 */
public record SpecDesign(Design design, String module) {
    private static final List<String> NAMES = List.of("classic:Classic", "olsa-v3:OlsaV3", "upstream:Upstream",
            "dong-v1:DongV1");

    /** The spec module of a Java design, by the design's name; none for a design the spec does not cover. */
    public static Option<SpecDesign> of(Design design) {
        return NAMES.map(n -> n.split(":")).find(n -> n[0].equals(design.name()))
                .map(n -> new SpecDesign(design, n[1]));
    }

    public String mcModule() {
        return "MC" + module;
    }

    public String configName(RunConfig config) {
        return mcModule() + config.suffix();
    }
}
