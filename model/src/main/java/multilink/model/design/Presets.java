package multilink.model.design;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The registry of design presets: one line per design, in the order every
 * listing shows them ({@code ./multilink designs}, the check report, the
 * switches' design columns). Each design describes itself in its own
 * {@link Preset}; nothing else names it.
 */
public final class Presets {
    private Presets() {
    }

    public static final List<Preset> ALL = List.of(
            Classic.PRESET,
            SingleOpsMulti.OLSA_V3,
            SingleOpsMulti.UPSTREAM,
            DongV1.PRESET,
            DongV2Global.PRESET,
            SdtObserver.PRESET);

    public static Option<Preset> byName(String name) {
        return ALL.find(p -> p.name().equals(name));
    }
}
