package multilink.cli;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import multilink.live.Accel;
import multilink.live.GuestOutput;
import multilink.live.KernelLine;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kernel errnos held against the model step by step, and the report of a planted difference. */
class LiveRunTest {
    static final KernelLine V612 = KernelLine.byName("6.12").get();

    static List<GuestOutput.StepResult> answers(int... errnos) {
        List<GuestOutput.StepResult> out = List.empty();
        for (int i = 0; i < errnos.length; i++) {
            out = out.append(new GuestOutput.StepResult(String.valueOf(i + 1), errnos[i], HashMap.empty()));
        }
        return out;
    }

    @Test
    void aPlantedErrnoIsTheOneDifferingStep() throws Exception {
        Scenario s = ScenarioJson.parse(Files.readString(Path.of("..", "examples", "01-classic-fentry-fexit.json")))
                .get();
        var loaded = LiveWorlds.forKernel(V612, Scenarios.resolve(s, DesignCatalogue.builtIn()).get());
        LiveRun.Item item = new LiveRun.Item("01-classic-fentry-fexit.json", s);
        // the file's own expectations: ok x4, EBUSY, ok x4
        LiveRun.Played same = LiveRun.compare(item, loaded, answers(0, 0, 0, 0, 16, 0, 0, 0, 0));
        assertTrue(same.agrees());
        assertEquals(9, same.steps().size());
        LiveRun.Played planted = LiveRun.compare(item, loaded, answers(0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertFalse(planted.agrees());
        String report = LiveRunReport.render(new LiveRun.Result(V612, List.of(same, planted), 1500, Accel.TCG), "");
        assertTrue(report.contains("scenarios 2 played, 1 agree, 1 differ; 0 not playable on this guest"), report);
        assertTrue(report.contains("errnos compared 18, differing 1"), report);
        assertTrue(report.contains("  DIFFERS 01-classic-fentry-fexit.json\n    step 5 attach entry: model EBUSY (16), "
                + "kernel ok\n"), report);
    }

    @Test
    void faultsAreStrippedAndCounted() throws Exception {
        Scenario s = ScenarioJson.parse(Files.readString(Path.of("..", "examples",
                "06-olsa-v3-image-alloc-fault.json"))).get();
        assertTrue(s.steps().exists(st -> st.fault().isDefined()));
        assertTrue(LiveRun.stripFaults(s).steps().forAll(st -> st.fault().isEmpty()));
    }
}
