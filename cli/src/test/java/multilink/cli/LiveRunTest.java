package multilink.cli;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
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

    /**
     * Answers to example 01 (load entry, load exit, attach entry as L1, attach exit as L2, ...): the loads report
     * prog ids 11 and 12, the two successful attaches their links' info.
     */
    static List<GuestOutput.StepResult> answers(int... errnos) {
        List<GuestOutput.StepResult> out = List.empty();
        for (int i = 0; i < errnos.length; i++) {
            io.vavr.collection.Map<String, String> info = HashMap.empty();
            if (errnos[i] == 0 && (i == 0 || i == 1)) {
                info = HashMap.of("prog_id", String.valueOf(11 + i));
            } else if (errnos[i] == 0 && (i == 2 || i == 3)) {
                info = HashMap.of("link_id", String.valueOf(i), "prog_id", String.valueOf(11 + i - 2), "type", "2",
                        "attach_type", String.valueOf(24 + i - 2));
            } else if (errnos[i] == 0 && i == 4) {
                // attaching entry again: where the kernel let it, a second fentry link of prog 11
                info = HashMap.of("link_id", "4", "prog_id", "11", "type", "2", "attach_type", "24");
            }
            out = out.append(new GuestOutput.StepResult(String.valueOf(i + 1), errnos[i], info));
        }
        return out;
    }

    @Test
    void aLinkOfAnotherProgIsADifference() throws Exception {
        Scenario s = ScenarioJson.parse(Files.readString(Path.of("..", "examples", "01-classic-fentry-fexit.json")))
                .get();
        var loaded = LiveWorlds.forKernel(V612, Scenarios.resolve(s, DesignCatalogue.builtIn()).get());
        List<GuestOutput.StepResult> a = answers(0, 0, 0, 0, 16, 0, 0, 0, 0);
        // the fexit link (step 4) claims the fentry prog
        a = a.update(3, r -> new GuestOutput.StepResult("4", 0, r.info().put("prog_id", "11")));
        LiveRun.Played p = LiveRun.compare(new LiveRun.Item("01", s), loaded, a);
        assertEquals(2, p.linksChecked());
        assertEquals(List.of("step 4: the link's prog is id 11, the attached prog exit is id 12"), p.linkProblems());
        assertFalse(p.agrees());
    }

    @Test
    void aPlantedErrnoIsTheOneDifferingStep() throws Exception {
        Scenario s = ScenarioJson.parse(Files.readString(Path.of("..", "examples", "01-classic-fentry-fexit.json")))
                .get();
        var loaded = LiveWorlds.forKernel(V612, Scenarios.resolve(s, DesignCatalogue.builtIn()).get());
        LiveRun.Item item = new LiveRun.Item("01-classic-fentry-fexit.json", s);
        // the file's own expectations: ok x4, EBUSY, ok x4
        LiveRun.Played same = LiveRun.compare(item, loaded, answers(0, 0, 0, 0, 16, 0, 0, 0, 0));
        assertTrue(same.agrees(), same.linkProblems().mkString("\n"));
        assertEquals(9, same.steps().size());
        assertEquals(2, same.linksChecked());
        LiveRun.Played planted = LiveRun.compare(item, loaded, answers(0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertFalse(planted.agrees());
        String report = LiveRunReport.render(new LiveRun.Result(V612, List.of(same, planted), 1500, Accel.TCG), "");
        assertTrue(report.contains("scenarios 2 played, 1 agree, 1 differ; 0 not playable on this guest"), report);
        assertTrue(report.contains("errnos compared 18, differing 1"), report);
        assertTrue(report.contains("links read back with bpf_link_get_info_by_fd 5, not the attached prog's 0"),
                report);
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

    /**
     * 6.1 pokes a function whose module went away: -EBUSY where BPF text took
     * the freed page (the model), -EINVAL where nothing did; both agree, any
     * other answer differs.
     */
    @Test
    void anAttachAtFreedModuleTextMayAlsoBeEinval() {
        Scenario s = ScenarioJson.parse("""
                {"design": "classic+trampmod", "steps": [
                  {"op": "load", "prog": "m", "type": "fentry", "target": "bpf_testmod_fentry_test1"},
                  {"op": "unload_module", "module": "bpf_testmod"},
                  {"op": "attach", "prog": "m"}]}""").get();
        var loaded = Scenarios.resolve(s, DesignCatalogue.builtIn()).get();
        LiveRun.Item item = new LiveRun.Item("freed", s);
        List<GuestOutput.StepResult> ebusy = List.of(new GuestOutput.StepResult("1", 0, HashMap.of("prog_id", "11")),
                new GuestOutput.StepResult("2", 0, HashMap.empty()), new GuestOutput.StepResult("3", 16, HashMap.empty()));
        assertTrue(LiveRun.compare(item, loaded, ebusy).agrees());
        LiveRun.Played einval = LiveRun.compare(item, loaded, ebusy.update(2, r -> new GuestOutput.StepResult("3", 22,
                HashMap.empty())));
        assertTrue(einval.agrees());
        assertEquals(Option.of(22), einval.steps().get(2).alsoRight());
        assertTrue(LiveRunReport.render(new LiveRun.Result(KernelLine.byName("6.1").get(), List.of(einval), 0,
                Accel.TCG), "").contains("1 answered the other errno"));
        assertFalse(LiveRun.compare(item, loaded, ebusy.update(2, r -> new GuestOutput.StepResult("3", 1,
                HashMap.empty()))).agrees());
        assertTrue(LiveRun.compare(item, loaded, ebusy).steps().take(2).forAll(c -> c.alsoRight().isEmpty()));
    }
}
