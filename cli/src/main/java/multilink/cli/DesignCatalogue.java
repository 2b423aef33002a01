package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.Designs;

/**
 * The designs the commands know by name. Production uses
 * {@link Designs#all()}; tests hand {@link Main} a catalogue with a planted
 * bug to prove that check and run catch it.
 */
public record DesignCatalogue(List<Design> all) {

    public static DesignCatalogue builtIn() {
        return new DesignCatalogue(Designs.all());
    }

    public Option<Design> byName(String name) {
        return all.find(d -> d.name().equals(name));
    }

    public List<String> names() {
        return all.map(Design::name);
    }
}
