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
        return parses ? Designs.parse(name, all)
                : Either.left("unknown design \"" + name + "\" (known: " + names().mkString(", ") + ")");
    }

    /**
     * This catalogue plus the designs a user's jar provides: {@code Design}
     * implementations listed in its
     * {@code META-INF/services/multilink.model.design.Design}, found with
     * {@link java.util.ServiceLoader}. Left is a one-line reason.
     */
    public Either<String, DesignCatalogue> withJar(java.nio.file.Path jar) {
        if (!java.nio.file.Files.isRegularFile(jar)) {
            return Either.left(jar + ": no such file (--design-jar takes a jar)");
        }
        try {
            java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[]{jar.toUri().toURL()},
                    Design.class.getClassLoader());
            List<Design> found = List.ofAll(java.util.ServiceLoader.load(Design.class, loader))
                    .filter(d -> d.getClass().getClassLoader() == loader);
            if (found.isEmpty()) {
                return Either.left(jar + ": lists no design in META-INF/services/" + Design.class.getName());
            }
            List<String> clash = found.map(Design::name).filter(n -> all.exists(d -> d.name().equals(n)));
            if (!clash.isEmpty()) {
                return Either.left(jar + ": design name(s) already taken: " + clash.mkString(", "));
            }
            return Either.right(new DesignCatalogue(all.appendAll(found), true));
        } catch (java.io.IOException | java.util.ServiceConfigurationError | LinkageError e) {
            return Either.left(jar + ": cannot load its designs (" + e.getMessage() + ")");
        }
    }

    public List<String> names() {
        return all.map(Design::name);
    }
}
