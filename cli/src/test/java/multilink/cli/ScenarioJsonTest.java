package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Try;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.state.KState;
import multilink.model.step.Step;
import multilink.model.world.World;
import multilink.properties.Checker;
import multilink.properties.StepGen;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer and the parser agree, and a written trace replays exactly as it was recorded. */
class ScenarioJsonTest {

    static Either<ScenarioError, Scenario> read(Path f) {
        return ScenarioJson.parse(Try.of(() -> Files.readString(f)).get());
    }

    @Test
    void examplesRoundTrip() throws Exception {
        for (Path f : ExamplesTest.examples()) {
            Scenario s = read(f).getOrElseThrow(e -> new AssertionError(e.render(f.toString())));
            assertEquals(Either.right(s), ScenarioJson.parse(ScenarioJson.write(s)), f.toString());
        }
    }

    /** A random trace of a design, as check's explorer draws it. */
    static Checker.Run randomRun(Design d, World w, long seed, int length) {
        Random r = new Random(seed);
        StepGen gen = StepGen.of(d);
        KState s = KState.initial(w);
        List<Step> steps = List.empty();
        for (int i = 0; i < length; i++) {
            Step st = gen.next(r, s);
            steps = steps.append(st);
            s = multilink.model.kernel.Syscalls.step(d, s, st).state();
        }
        return Checker.run(d, w, steps);
    }

    @Property(tries = 100)
    void recordedTracesRoundTripAndReplayFaithfully(@ForAll long seed) {
        List<Design> all = Designs.all();
        Design d = all.get((int) Math.floorMod(seed, (long) all.size()));
        String worldName = Math.floorMod(seed, 3L) == 0 ? "small" : "default";
        World w = Scenarios.world(worldName);
        Checker.Run run = randomRun(d, w, seed, 25);
        Scenario s = TraceScenario.of(d.name(), worldName, w, run, "seed " + seed);
        String json = ScenarioJson.write(s);
        Either<ScenarioError, Scenario> back = ScenarioJson.parse(json);
        assertEquals(Either.right(s), back, json);
        var loaded = Scenarios.resolve(back.get(), DesignCatalogue.builtIn());
        assertTrue(loaded.isRight(), () -> loaded.getLeft().render("trace") + "\n" + json);
        Replay.Result replay = Replay.run(loaded.get());
        assertEquals(run.results().map(r -> r.outcome().errno()), replay.steps().map(r -> r.outcome().errno()), json);
        assertEquals(run.results().map(r -> r.outcome().state()), replay.steps().map(r -> r.outcome().state()));
        assertEquals(run.verdict(), replay.verdict());
        assertTrue(ReplayReport.of(replay).passed(), () -> ReplayReport.of(replay).text("trace"));
    }
}
