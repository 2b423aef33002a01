package multilink.cli;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.world.World;
import multilink.properties.Checker;
import multilink.spec.SpecDesign;
import multilink.spec.TraceModule;

/**
 * The fourth form of a counterexample: a TLA+ module (and its config) that
 * TLC replays against the design's spec, step by step with the errno each
 * step returned. A design derived from a built-in one (a test's planted bug)
 * is written against the built-in design's spec, which is what it claims to
 * implement. TLC wants the module's name to be its file's name, so the module
 * is renamed after the counterexample.
 */
public final class TlaTrace {
    private TlaTrace() {
    }

    /** File name to text ({@code .tla} and {@code .cfg}), or why there is none. */
    public static Either<String, Map<String, String>> files(Design design, World world, Checker.Run run, String base,
                                                            String origin) {
        Design spec = SpecDesign.of(design).isDefined() ? design
                : Designs.all().find(b -> b.getClass().isInstance(design)).getOrNull();
        if (spec == null) {
            return Either.left("no TLA+ trace: the spec has no module for design " + design.name());
        }
        String module = base.replaceAll("[^A-Za-z0-9_]", "_");
        return TraceModule.of(spec, world, run.results().map(r -> r.step()),
                        run.results().map(r -> r.outcome().errno()), origin)
                .map(m -> LinkedHashMap.of(
                        module + ".tla", m.tla().replaceFirst("MODULE " + m.name() + " ", "MODULE " + module + " "),
                        module + ".cfg", m.cfg()));
    }
}
