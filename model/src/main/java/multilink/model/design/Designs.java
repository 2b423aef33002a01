package multilink.model.design;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The designs by name. A name is a preset and the switches that differ from
 * it: {@code olsa-v3+dedup}, {@code upstream-retirefix}, {@code dong-v1+fixes}
 * (every fix of its known findings), {@code classic+bug_no_tramp_limit}.
 */
public final class Designs {
    private Designs() {
    }

    /** A preset: the name, the switches it has on, and the class that implements its paths. */
    private record Preset(String name, Set<String> defaults, Function<Set<String>, Design> make) {
    }

    private static final List<Preset> PRESETS = List.of(
            new Preset("classic", HashSet.empty(), Classic::new),
            new Preset("olsa-v3", HashSet.empty(), s -> new SingleOpsMulti("olsa-v3", s)),
            new Preset("upstream", HashSet.of(Switches.COOKIES, Switches.SORT, Switches.DEDUP, Switches.RETIREFIX),
                    s -> new SingleOpsMulti("upstream", s)),
            new Preset("dong-v1", HashSet.empty(), DongV1::new));

    private static final Pattern SWITCH = Pattern.compile("([+-])([a-z0-9_]+)");

    /** The four presets as shipped. */
    public static List<Design> all() {
        return PRESETS.map(p -> p.make().apply(p.defaults()));
    }

    public static List<String> names() {
        return PRESETS.map(Preset::name);
    }

    public static Option<Design> byName(String name) {
        return parse(name).toOption();
    }

    /** A design from its name; Left is a one-line reason. */
    public static Either<String, Design> parse(String spelling) {
        Option<Preset> p = PRESETS.filter(x -> spelling.equals(x.name()) || spelling.startsWith(x.name() + "+")
                || spelling.startsWith(x.name() + "-")).maxBy(x -> x.name().length());
        if (p.isEmpty()) {
            return Either.left("unknown design '" + spelling + "' (designs: " + names().mkString(", ") + ")");
        }
        Preset preset = p.get();
        Design d = preset.make().apply(preset.defaults());
        String rest = spelling.substring(preset.name().length());
        Matcher m = SWITCH.matcher(rest);
        int at = 0;
        Set<String> on = preset.defaults();
        while (at < rest.length()) {
            if (!m.find(at) || m.start() != at) {
                return Either.left("cannot read '" + rest.substring(at) + "' in design '" + spelling
                        + "': write +switch or -switch");
            }
            String name = m.group(2);
            boolean add = m.group(1).equals("+");
            List<String> names;
            if (name.equals("fixes")) {
                names = d.presetFindings().map(KnownFinding::fix);
            } else if (Switches.byName(name).exists(s -> s.appliesTo(preset.name()))) {
                names = List.of(name);
            } else {
                return Either.left("unknown switch '" + name + "' for design " + preset.name()
                        + " (./multilink designs lists them)");
            }
            on = add ? on.addAll(names) : on.removeAll(names);
            at = m.end();
        }
        return Either.right(d.withSwitches(on));
    }

    /** The name of a design: its preset, then the switches added and removed, in order. */
    static String spell(Design d) {
        Preset p = PRESETS.find(x -> x.name().equals(d.preset())).get();
        Set<String> added = TreeSet.ofAll(d.switches().removeAll(p.defaults()));
        Set<String> removed = TreeSet.ofAll(p.defaults().removeAll(d.switches()));
        StringBuilder b = new StringBuilder(p.name());
        Set<String> fixes = TreeSet.ofAll(d.presetFindings().map(KnownFinding::fix)).removeAll(p.defaults());
        if (!fixes.isEmpty() && fixes.forAll(added::contains)) {
            b.append("+fixes");
            added = added.removeAll(fixes);
        }
        added.forEach(s -> b.append('+').append(s));
        removed.forEach(s -> b.append('-').append(s));
        return b.toString();
    }
}
