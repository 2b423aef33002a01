package multilink.x86;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The jqwik face of {@link ConfigSampler}: jqwik's seeded Random drives the sampler, so the properties cover
 * exactly the space check's x86 phase samples (no shrinking; a failure prints the whole configuration).
 */
final class ConfigGen {
    private ConfigGen() {
    }

    static Arbitrary<TrampolineConfig> configs() {
        return Arbitraries.randomValue(ConfigSampler::sample);
    }
}
