package multilink.spec;

import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.Preset;
import multilink.model.design.Presets;
import multilink.model.design.TlaModule;

import java.util.function.Function;

/**
 * Which of a design's model-checking runs: the step set (the default one, or
 * the one with everything that reaches the known findings) and how many user
 * progs and live links may exist at once. Each named run is one
 * {@code MC<Design><suffix>.cfg} under src/main/tla.
 *
 * @param findings whether the run uses the findings step set and checks every invariant
 * @param maxProgs user progs alive at once
 * @param maxLinks live links at once
 * @param suffix   the config file's suffix after {@code MC<Design>}; empty for the default
 */
public record RunConfig(boolean findings, int maxProgs, int maxLinks, String suffix) {
    /** The default bounds (2 progs, 2 links): 22-44 s per design with 2 workers on 2 cores, dong-v1 89 s. */
    public static final RunConfig DEFAULT = new RunConfig(false, 2, 2, "");

    /**
     * A design's default run: its preset's {@link TlaModule#defaultRun()}
     * (2 user progs and 2 live links for every preset so far, dong-v1 too,
     * since faulted steps whose fault cannot fire are skipped); {@link #DEFAULT}
     * for a design whose preset has no module.
     */
    public static RunConfig defaultFor(Design design) {
        return limits(design, TlaModule::defaultRun).map(l -> new RunConfig(false, l.progs(), l.links(), ""))
                .getOrElse(DEFAULT);
    }

    /** A design's long run: its preset's {@link TlaModule#deepRun()}, or {@link #DEEP}. */
    public static RunConfig deepFor(Design design) {
        return limits(design, TlaModule::deepRun).map(l -> new RunConfig(false, l.progs(), l.links(), "Deep"))
                .getOrElse(DEEP);
    }

    /** A design's findings run: its preset's {@link TlaModule#findingsRun()}, or {@link #FINDINGS}. */
    public static RunConfig findingsFor(Design design) {
        return limits(design, TlaModule::findingsRun)
                .map(l -> new RunConfig(true, l.progs(), l.links(), "Findings")).getOrElse(FINDINGS);
    }

    private static Option<TlaModule.Limits> limits(Design design, Function<TlaModule, TlaModule.Limits> run) {
        return Presets.byName(design.preset()).flatMap(Preset::spec).map(run);
    }

    /** The long run: the default step set, 3 progs and 3 links. */
    public static final RunConfig DEEP = new RunConfig(false, 3, 3, "Deep");
    /** The preset as it is at 1 prog and 1 link: TLC must find a violation of a known finding. */
    public static final RunConfig FINDINGS = new RunConfig(true, 1, 1, "Findings");

    /** The same step set at other limits (no config file of its own; the runner generates one). */
    public RunConfig withLimits(int progs, int links) {
        return new RunConfig(findings, progs, links, suffix + "P" + progs + "L" + links);
    }

    /**
     * The default run with BPF_MAX_TRAMP_LINKS lowered to 1 (the suffix says
     * so; the runner generates the config): two progs on one trampoline are
     * then over the limit, which the default bounds (limit 2, two links)
     * cannot show. No modify path and no -EBUSY of a prog already on the list
     * there, so it is a run for the limit, not a default.
     */
    public static final RunConfig LIMIT1 = new RunConfig(false, 2, 2, "TrampLimit1");

    /** BPF_MAX_TRAMP_LINKS of the run: the world's, or 1 for {@link #LIMIT1}. */
    public java.util.OptionalInt maxTrampLinks() {
        return suffix.contains("TrampLimit1") ? java.util.OptionalInt.of(1) : java.util.OptionalInt.empty();
    }

    /** The TLA+ definition the config's Steps constant is bound to. */
    public String stepSet() {
        return findings ? "MC_FindingsStepSet" : "MC_StepSet";
    }
}
