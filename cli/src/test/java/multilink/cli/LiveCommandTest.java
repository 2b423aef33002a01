package multilink.cli;

import io.vavr.collection.List;
import multilink.model.world.DefaultWorld;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code live}'s bad input: one line, exit 2, before anything is built or booted. */
class LiveCommandTest {
    @Test
    void unknownKernelIsOneLine() {
        Cli c = Cli.run("live", "x86", "--kernel", "5.10", "--count", "3");
        assertEquals(2, c.exit());
        assertEquals(List.of("multilink: unknown kernel '5.10' (known: 6.1, 6.12)"), c.errLines());
        Cli r = Cli.run("live", "run", "--kernel", "4.19", "--chains", "1");
        assertEquals(2, r.exit());
        assertEquals(List.of("multilink: unknown kernel '4.19' (known: 6.1, 6.12)"), r.errLines());
    }

    @Test
    void aNonClassicScenarioFileIsRefused() throws Exception {
        Path f = Path.of("..", "examples", "06-olsa-v3-image-alloc-fault.json");
        Cli c = Cli.run("live", "run", "--kernel", "6.1", f.toString());
        assertEquals(2, c.exit());
        assertEquals(1, c.errLines().size());
        assertTrue(c.errLines().head().contains("design olsa-v3 (live run plays classic scenarios"), c.err());
    }

    @Test
    void nothingToPlayIsOneLine() {
        Cli c = Cli.run("live", "run", "--kernel", "6.1");
        assertEquals(2, c.exit());
        assertEquals(List.of("multilink: nothing to play: give scenario files or --chains N"), c.errLines());
    }

    @Test
    void scenariosTheGuestCannotPlayAreSkippedWithTheReason() throws Exception {
        Scenario freplace = ScenarioJson.parse(Files.readString(Path.of("..", "examples",
                "04-freplace-fentry-exclusive.json"))).get();
        // example 04: the guest loads the world's target program first and loads against its subprog
        String extJob = LiveScenarioJob.job("0", freplace, DefaultWorld.get()).get();
        assertTrue(extJob.startsWith("scenario 0\nt xdp_target\ns 1 load ext freplace subprog_a 0 @xdp_target\n"
                + "s 2 load tr fentry subprog_a 0 @xdp_target\ns 3 attach ext Lext 0\n"), extJob);
        Scenario onAFunction = ScenarioJson.parse("{\"design\": \"classic\", \"steps\": [{\"op\": \"load\", "
                + "\"prog\": \"e\", \"type\": \"freplace\", \"target\": \"bpf_fentry_test1\"}]}").get();
        assertEquals("step 1: freplace programs need multi-attach the guest lacks or a target program",
                LiveScenarioJob.job("0", onAFunction, DefaultWorld.get()).getLeft());
        Scenario pinned = ScenarioJson.parse(Files.readString(Path.of("..", "examples",
                "05-module-unload-pinned.json"))).get();
        String modJob = LiveScenarioJob.job("1", pinned, DefaultWorld.get()).get();
        assertTrue(modJob.startsWith("scenario 1\ns 1 load m fentry bictcp_init 0 tcp_bic\n"), modJob);
        assertTrue(modJob.contains("s 3 unload_module tcp_bic\n"), modJob);
        // 6.1 plays module steps too, on the model's classic with 6.1's module lifetime (trampmod)
        var classic = DesignCatalogue.builtIn().byName("classic").get();
        assertEquals("classic+trampmod", LiveWorlds.design(multilink.live.KernelLine.byName("6.1").get(), classic)
                .name());
        assertEquals("classic", LiveWorlds.design(multilink.live.KernelLine.byName("6.12").get(), classic).name());
        Scenario basic = ScenarioJson.parse(Files.readString(Path.of("..", "examples",
                "01-classic-fentry-fexit.json"))).get();
        String job = LiveScenarioJob.job("4", basic, DefaultWorld.get()).get();
        assertTrue(job.startsWith("scenario 4\ns 1 load entry fentry bpf_fentry_test1 0 -\n"), job);
        assertTrue(job.contains("s 4 attach exit L2 7\ns 5 attach entry _s5 0\ns 6 close_link L1\n"), job);
        assertTrue(job.endsWith("s 9 close_prog exit\nend\n"), job);
    }

    @Test
    void chainsAreReplayableClassicScenariosOfPlayableSteps() {
        var design = DesignCatalogue.builtIn().byName("classic").get();
        var a = LiveChains.generate(design, "default", DefaultWorld.get(), 3, 5, 12);
        var b = LiveChains.generate(design, "default", DefaultWorld.get(), 3, 5, 12);
        assertEquals(a.map(ScenarioJson::write), b.map(ScenarioJson::write));
        for (Scenario s : a) {
            assertEquals(12, s.steps().size());
            assertTrue(LiveScenarioJob.job("0", s, DefaultWorld.get()).isRight(), ScenarioJson.write(s));
            assertTrue(s.steps().forAll(st -> st.fault().isEmpty()));
            // the file replays on the model as written
            var loaded = Scenarios.resolve(ScenarioJson.parse(ScenarioJson.write(s)).get(), DesignCatalogue.builtIn());
            assertTrue(loaded.isRight());
        }
        assertTrue(a.appendAll(LiveChains.generate(design, "default", DefaultWorld.get(), 4, 20, 12))
                .exists(s -> s.steps().exists(st -> st.op() instanceof NamedOp.UnloadModule)),
                "chains do reach the module");
        // 6.1's chains are drawn on classic+trampmod and say so, so a differing one replays as it was played
        var v61 = LiveWorlds.design(multilink.live.KernelLine.byName("6.1").get(), design);
        var c61 = LiveChains.generate(v61, "default", DefaultWorld.get(), 3, 2, 12);
        assertTrue(c61.forAll(s -> s.design().equals("classic+trampmod")), ScenarioJson.write(c61.head()));
        assertTrue(Scenarios.resolve(c61.head(), DesignCatalogue.builtIn()).get().design().on("trampmod"));
    }
}
