package multilink.model.design;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The designs by name. A name is a preset and the switches that differ from
 * it: {@code olsa-v3+dedup}, {@code upstream-retirefix}, {@code dong-v1+fixes}
 * (every fix of its known findings), {@code classic+bug_no_tramp_limit}.
 * The presets are {@link Presets}' descriptors.
 */
public final class Designs {
    private Designs() {
    }

    private static final Pattern SWITCH = Pattern.compile("([+-])([a-z0-9_]+)");

    /** The presets as shipped. */
    public static List<Design> all() {
        return Presets.ALL.map(Preset::design);
    }

    public static List<String> names() {
        return Presets.ALL.map(Preset::name);
    }

    public static Option<Design> byName(String name) {
        return parse(name).toOption();
    }

    /** A design from its name; Left is a one-line reason. */
    public static Either<String, Design> parse(String spelling) {
        return parse(spelling, all());
    }

    /**
     * A design from its name among {@code bases} (the presets, or those plus
     * a user's own designs): the longest base name the spelling starts with,
     * then {@code +switch} and {@code -switch} relative to that base.
     */
    public static Either<String, Design> parse(String spelling, List<Design> bases) {
        Option<Design> b = bases.filter(x -> spelling.equals(x.name()) || spelling.startsWith(x.name() + "+")
                || spelling.startsWith(x.name() + "-")).maxBy(x -> x.name().length());
        if (b.isEmpty()) {
            return Either.left("unknown design '" + spelling + "' (designs: " + bases.map(Design::name).mkString(", ")
                    + "; ./multilink designs lists them and their switches)");
        }
        Design base = b.get();
        String rest = spelling.substring(base.name().length());
        Matcher m = SWITCH.matcher(rest);
        int at = 0;
        Set<String> on = base.switches();
        while (at < rest.length()) {
            if (!m.find(at) || m.start() != at) {
                return Either.left("cannot read '" + rest.substring(at) + "' in design '" + spelling
                        + "': write +switch or -switch");
            }
            String name = m.group(2);
            List<String> names;
            if (name.equals("fixes")) {
                names = base.presetFindings().map(KnownFinding::fix);
            } else if (Switches.byName(name).exists(s -> s.appliesTo(base.preset()))) {
                names = List.of(name);
            } else {
                return Either.left("unknown switch '" + name + "' for design " + base.name()
                        + " (./multilink designs lists them)");
            }
            on = m.group(1).equals("+") ? on.addAll(names) : on.removeAll(names);
            at = m.end();
        }
        return Either.right(base.withSwitches(on));
    }

    /**
     * The name of a design with switches {@code on}: its base's name, then the
     * switches added and removed relative to the base's own, in order
     * ({@code +fixes} standing for every fix of the base's findings).
     */
    static String spell(String base, Set<String> defaults, Set<String> on, List<KnownFinding> findings) {
        Set<String> added = TreeSet.ofAll(on.removeAll(defaults));
        Set<String> removed = TreeSet.ofAll(defaults.removeAll(on));
        StringBuilder b = new StringBuilder(base);
        Set<String> fixes = TreeSet.ofAll(findings.map(KnownFinding::fix)).removeAll(defaults);
        if (!fixes.isEmpty() && fixes.forAll(added::contains)) {
            b.append("+fixes");
            added = added.removeAll(fixes);
        }
        added.forEach(s -> b.append('+').append(s));
        removed.forEach(s -> b.append('-').append(s));
        return b.toString();
    }
}
