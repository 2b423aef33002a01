package multilink.model.design;

/**
 * A named behaviour a design may or may not have: where the series differ
 * (a feature), the fix of a known finding, or a seeded bug (a plausible C
 * mistake planted on purpose to show that the checkers catch it). The same
 * name selects the behaviour in the Java model ({@code tx.on(name)}) and in
 * the TLA+ spec ({@code On(name)}).
 *
 * @param name    the switch's name, as written after {@code +} or {@code -} in a design name
 * @param kind    feature, fix or seeded bug
 * @param family  the code it changes: {@link Switches#EVERY} (the shared paths), a family of presets
 *                that run the same code ({@link Switches#SINGLE_OPS}), or one preset's name; a preset
 *                lists the families it runs ({@link Preset#families()})
 * @param place   the kernel function (and file) it stands for
 * @param summary one line for {@code ./multilink designs}
 */
public record Switch(String name, Kind kind, String family, String place, String summary) {

    public enum Kind {
        /** A behaviour the designs differ in (the merged series' cookies, sorted ids, ...). */
        FEATURE,
        /** The fix of a known finding (the kernel's own where there is one). */
        FIX,
        /** A seeded bug: the kill matrix shows which checker catches it. */
        BUG
    }

    /** The presets whose code paths it changes, in {@link Presets} order (the first is where a bug is planted). */
    public io.vavr.collection.List<String> presets() {
        return Presets.ALL.filter(p -> p.runs(family)).map(Preset::name);
    }

    public boolean appliesTo(String preset) {
        return Presets.byName(preset).exists(p -> p.runs(family));
    }
}
