package multilink.cli;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import multilink.x86.ConfigJson;
import multilink.x86.GlobalCallerConfig;
import multilink.x86.TrampolineConfig;

/**
 * One image of check's x86 phase that the reference encoders disagree with (or that the generator refused): its
 * configuration, which {@code ./multilink x86 --config} replays, and its annotated listing. A trampoline's
 * configuration is written as JSON, a global caller's as its {@code global_caller ...} line (both forms
 * {@code x86 --config} reads).
 *
 * @param what    "image 12" or "global caller 3": the kind and position in the phase's sample sequence
 * @param tag     the same in a file name: "image12", "global-caller3"
 * @param suffix  the configuration file's ending
 * @param config  the configuration file's text
 * @param listing the listing with the disagreements, or the refusal
 */
record X86Finding(String what, String tag, String suffix, String config, String listing) {

    static X86Finding trampoline(int index, TrampolineConfig config, String listing) {
        return new X86Finding("image " + index, "image" + index, ".config.json", ConfigJson.write(config), listing);
    }

    static X86Finding globalCaller(int index, GlobalCallerConfig config, String listing) {
        return new X86Finding("global caller " + index, "global-caller" + index, ".config", config.line() + "\n", listing);
    }

    String baseName(long checkSeed) {
        return Counterexample.baseName("x86", checkSeed) + "-" + tag;
    }

    /** The configuration's file name, which the replay line names. */
    String configFile(long checkSeed) {
        return baseName(checkSeed) + suffix;
    }

    /** File name to content, in the order they are listed to the user. */
    Map<String, String> files(long checkSeed) {
        String base = baseName(checkSeed);
        String header = "; ./multilink check --seed " + checkSeed + ": x86 " + what
                + " disagrees with the reference encoders\n; replay: ./multilink x86 --config " + configFile(checkSeed)
                + " --check\n";
        return LinkedHashMap.of(configFile(checkSeed), config, base + ".listing.txt", header + listing);
    }
}
