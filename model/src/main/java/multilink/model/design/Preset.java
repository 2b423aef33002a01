package multilink.model.design;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import multilink.model.step.FaultPoint;

import java.util.function.Function;

/**
 * One design preset and everything the project knows about it, in one place:
 * its Java behaviour, which switch families its code reads, its TLA+ module
 * with the limits of its model-checking runs, the steps its exhaustive runs
 * try, and the switches only its code has. {@link Presets} lists them; the
 * model ({@link Designs}, {@link Switches}), the spec (SpecDesign, RunConfig,
 * Bounds) and the command line read them from there, so a new design is its
 * own files plus one line in {@link Presets} (DESIGNS.md).
 *
 * @param name        the preset's name ("dong-v1"), as written on the command line
 * @param defaults    the switches on in the preset as shipped
 * @param make        the Java design: the preset's code run with a switch set
 * @param families    the switch families whose code paths the preset runs ({@link Switch#family()});
 *                    {@link Switches#EVERY} is implied
 * @param spec        its TLA+ module, none while the spec has no module for it
 * @param steps       what its exhaustive runs try beyond every design's steps
 * @param ownSwitches switches of its own code (fixes of its findings, seeded bugs), in family {@code name}
 */
public record Preset(String name, Set<String> defaults, Function<Set<String>, Design> make, List<String> families,
                     Option<TlaModule> spec, McSteps steps, List<Switch> ownSwitches) {

    /** The preset as shipped. */
    public Design design() {
        return make.apply(defaults);
    }

    /** The fault points its paths pass through ({@link Design#faultPoints()}). */
    public List<FaultPoint> faultPoints() {
        return design().faultPoints();
    }

    /** Every hazard of its code the model reproduces, with its fix ({@link Design#presetFindings()}). */
    public List<KnownFinding> findings() {
        return design().presetFindings();
    }

    /** Whether a switch of this family changes this preset's code paths. */
    public boolean runs(String family) {
        return family.equals(Switches.EVERY) || family.equals(name) || families.contains(family);
    }
}
