package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.Designs;

/**
 * The designs the commands know by name. Production knows the presets and
 * every switch spelling ({@code olsa-v3+dedup}, {@code dong-v1+fixes});
 * tests hand {@link Main} a catalogue with a planted bug to prove that
 * check and run catch it.
 *
 * @param all    the designs {@code all} stands for
 * @param parses whether names beyond {@code all} are read as a preset plus switches
 */
public record DesignCatalogue(List<Design> all, boolean parses) {

    public DesignCatalogue(List<Design> all) {
        this(all, false);
    }

    public static DesignCatalogue builtIn() {
        return new DesignCatalogue(Designs.all(), true);
    }

    public Option<Design> byName(String name) {
        return resolve(name).toOption();
    }

    /** The design a name stands for; Left is a one-line reason. */
    public Either<String, Design> resolve(String name) {
        Option<Design> d = all.find(x -> x.name().equals(name));
        if (d.isDefined()) {
            return Either.right(d.get());
        }
        return parses ? Designs.parse(name)
                : Either.left("unknown design \"" + name + "\" (known: " + names().mkString(", ") + ")");
    }

    public List<String> names() {
        return all.map(Design::name);
    }
}
