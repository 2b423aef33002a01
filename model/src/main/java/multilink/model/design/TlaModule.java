package multilink.model.design;

/**
 * A preset's TLA+ module under spec/src/main/tla: {@code <module>.tla} with
 * its Next, {@code MC<module>.tla} with its step set, and the three configs
 * {@code MC<module>.cfg} (default), {@code MC<module>Deep.cfg} and
 * {@code MC<module>Findings.cfg}, whose MaxProgs and MaxLinks are the limits
 * here (spec's RunConfig; SpecFilesTest holds the files to them).
 *
 * @param module      the module's name
 * @param defaultRun  user progs and live links of the default run (the design with every fix on)
 * @param deepRun     the same of the long run
 * @param findingsRun the same of the findings run (the preset as it is)
 */
public record TlaModule(String module, Limits defaultRun, Limits deepRun, Limits findingsRun) {

    /**
     * How many user progs and live links may exist at once.
     *
     * @param progs user progs alive at once
     * @param links live links at once
     */
    public record Limits(int progs, int links) {
    }

    /** The limits every module has so far: 2/2 by default, 3/3 deep, 1/1 for the findings. */
    public static TlaModule of(String module) {
        return new TlaModule(module, new Limits(2, 2), new Limits(3, 3), new Limits(1, 1));
    }

    public String mcModule() {
        return "MC" + module;
    }
}
