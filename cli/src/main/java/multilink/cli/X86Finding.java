package multilink.cli;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import multilink.x86.ConfigJson;
import multilink.x86.TrampolineConfig;

/**
 * One image of check's x86 phase that the reference encoders disagree with (or that the generator refused): its
 * configuration, which {@code ./multilink x86 --config} replays, and its annotated listing.
 *
 * @param index   position in the phase's sample sequence
 * @param listing the listing with the disagreements, or the refusal
 */
record X86Finding(int index, TrampolineConfig config, String listing) {

    String baseName(long checkSeed) {
        return Counterexample.baseName("x86", checkSeed) + "-image" + index;
    }

    /** File name to content, in the order they are listed to the user. */
    Map<String, String> files(long checkSeed) {
        String base = baseName(checkSeed);
        String header = "; ./multilink check --seed " + checkSeed + ": x86 image " + index
                + " disagrees with the reference encoders\n; replay: ./multilink x86 --config " + base
                + ".config.json --check\n";
        return LinkedHashMap.of(base + ".config.json", ConfigJson.write(config), base + ".listing.txt",
                header + listing);
    }
}
