package multilink.spec;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import multilink.model.design.Design;
import multilink.model.design.Preset;
import multilink.model.design.Presets;
import multilink.model.design.TlaModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A preset's TLA+ module (multilink.model.design.TlaModule) names files
 * under src/main/tla: they exist, their configs run the limits the Java side
 * runs (RunConfig, Bounds) and the switches of the design they stand for, and
 * no MC module is there that no preset names.
 */
class SpecFilesTest {
    private static final Path TLA = Path.of("src", "main", "tla");

    private static String read(String file) throws IOException {
        return Files.readString(TLA.resolve(file));
    }

    private static int constant(String cfg, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + name + " = (\\d+)$").matcher(cfg);
        assertTrue(m.find(), "no " + name + " in the config");
        return Integer.parseInt(m.group(1));
    }

    private static String switches(String cfg) {
        Matcher m = Pattern.compile("(?m)^\\s*Switches = (\\{[^}\\n]*\\})").matcher(cfg);
        assertTrue(m.find(), "no Switches in the config");
        return m.group(1);
    }

    @Test
    void everyPresetModuleHasItsFilesWithTheLimitsAndSwitchesOfItsRuns() throws IOException {
        List<Preset> withSpec = Presets.ALL.filter(p -> p.spec().isDefined());
        assertTrue(withSpec.size() >= 4, "classic, olsa-v3, upstream and dong-v1 have modules");
        for (Preset p : withSpec) {
            TlaModule m = p.spec().get();
            Design d = p.design();
            SpecDesign sd = SpecDesign.of(d).get();
            assertEquals(m.module(), sd.module());
            assertTrue(read(m.module() + ".tla").contains("MODULE " + m.module() + " "), m.module());
            assertTrue(read(m.mcModule() + ".tla").contains("MODULE " + m.mcModule() + " "), m.mcModule());
            assertTrue(read(m.mcModule() + ".tla").contains("EXTENDS " + m.module() + ","), m.mcModule());
            check(sd, RunConfig.defaultFor(d), m.defaultRun(), new SpecDesign(d.withFixes(), m.module()));
            check(sd, RunConfig.deepFor(d), m.deepRun(), new SpecDesign(d.withFixes(), m.module()));
            check(sd, RunConfig.findingsFor(d), m.findingsRun(), sd);
        }
    }

    private static void check(SpecDesign sd, RunConfig rc, TlaModule.Limits limits, SpecDesign switched)
            throws IOException {
        String file = sd.configName(rc) + ".cfg";
        String cfg = read(file);
        assertEquals(limits.progs(), rc.maxProgs(), file);
        assertEquals(limits.links(), rc.maxLinks(), file);
        assertEquals(rc.maxProgs(), constant(cfg, "MaxProgs"), file);
        assertEquals(rc.maxLinks(), constant(cfg, "MaxLinks"), file);
        assertEquals(switched.switchesValue(), switches(cfg), file + ": the switches of " + switched.design().name());
    }

    @Test
    void everyMcModuleBelongsToAPreset() throws IOException {
        Set<String> named = TreeSet.ofAll(Presets.ALL.flatMap(p -> p.spec()).map(TlaModule::mcModule));
        try (var files = Files.list(TLA)) {
            Set<String> mc = TreeSet.ofAll(files.map(f -> f.getFileName().toString())
                    .filter(f -> f.matches("MC.*\\.tla") && !f.equals("MCBounds.tla"))
                    .map(f -> f.substring(0, f.length() - ".tla".length())).toList());
            assertEquals(named, mc);
        }
    }
}
