package multilink.cli;

import io.vavr.collection.List;
import multilink.model.Errno;
import multilink.model.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a scenario can say beyond syscalls and errnos: inline worlds, state assertions, raw ids, fault errnos. */
class ScenarioFeaturesTest {
    @TempDir
    Path dir;

    private Cli run(String json) throws IOException {
        Path f = dir.resolve("s.json");
        Files.writeString(f, json);
        return Cli.run("run", f.toString());
    }

    /** The built-in worlds are presets of the inline schema: written out and read back they are the same world. */
    @Test
    void presetsAreWorldsOfTheInlineSchema() {
        for (String name : Scenarios.WORLDS) {
            World w = Scenarios.world(name);
            assertEquals(w, WorldJson.parse(WorldJson.write(w)).get(), name);
        }
    }

    /** include/uapi/asm-generic/errno.h:22 (EWOULDBLOCK), include/linux/errno.h:27 (ENOTSUPP 524). */
    @Test
    void errnoNamesAliasesAndNumbers() {
        assertEquals(Errno.EAGAIN, Errno.parse("EWOULDBLOCK").get());
        assertEquals(Errno.ENOTSUPP, Errno.parse("ENOTSUPP").get());
        assertEquals(Errno.ENOTSUPP, Errno.parse("-524").get());
        assertEquals(Errno.EOPNOTSUPP, Errno.parse("95").get());
        assertEquals(Errno.EINVAL, Errno.parse("-22").get());
        assertTrue(Errno.parse("-9999").isEmpty());
        assertTrue(Errno.parse("ENOTSUP").isEmpty(), "glibc's alias, not the kernel's");
    }

    @Test
    void aStateAssertionThatDoesNotHoldFailsTheRunWithOneLinePerDifference() throws IOException {
        Cli cli = run("""
                {"design": "classic", "steps": [
                  {"op": "load", "prog": "p1", "type": "fentry", "target": "bpf_fentry_test1", "expect": "ok"},
                  {"op": "attach", "prog": "p1", "as": "L1", "expect": "ok", "assert": {
                    "trampolines": {"bpf_fentry_test1": {"fentry": ["p2"]}},
                    "refcnt": {"prog p1": 3, "trampoline bpf_fentry_test1": 1},
                    "direct_calls": [],
                    "link_info": {"L1": {"prog": "p1", "targets": ["bpf_fentry_test1#7"]}}}}]}
                """);
        assertEquals(1, cli.exit(), cli.out() + cli.err());
        List<String> lines = List.of(cli.out().split("\n")).filter(l -> l.startsWith("  step 2: "));
        assertEquals(List.of(
                "  step 2: trampoline bpf_fentry_test1 fentry: expected [p2], got [p1]",
                "  step 2: refcnt of prog p1: expected 3, got 2",
                "  step 2: direct calls: expected [], got [bpf_fentry_test1]",
                "  step 2: link L1 targets: expected [bpf_fentry_test1#7], got [bpf_fentry_test1]"), lines);
    }

    @Test
    void aFaultMayChooseAnErrnoTheKernelFunctionReturns() throws IOException {
        Cli ok = run("""
                {"design": "classic", "steps": [
                  {"op": "load", "prog": "p1", "type": "fentry", "target": "bpf_fentry_test1", "expect": "ok"},
                  {"op": "attach", "prog": "p1", "fault": {"point": "ftrace_register", "errno": "EBUSY"}, "expect": "EBUSY",
                   "assert": {"trampolines": {"bpf_fentry_test1": {"fentry": []}}, "direct_calls": []}},
                  {"op": "attach", "prog": "p1", "fault": {"point": "image_alloc", "errno": "EPERM"}, "expect": "EPERM"},
                  {"op": "attach", "prog": "p1", "fault": {"point": "ftrace_register"}, "expect": "ENOMEM"}]}
                """);
        assertEquals(0, ok.exit(), ok.out() + ok.err());
    }

    /** Written back, the new fields read to the same scenario (the counterexample format is the scenario format). */
    @Test
    void inlineWorldsAssertionsRawIdsAndFaultErrnosRoundTrip() {
        String json = """
                {"design": "dong-v1",
                 "world": {"functions": [{"name": "f", "args": 2, "module": "m"}, {"name": "g", "noreturn": true, "returns": "void"}],
                           "modules": ["m"], "progs": [{"name": "t", "type": "fentry", "subprogs": ["s"], "tail_call_reachable": true}],
                           "max_tramp_links": 3},
                 "steps": [
                  {"op": "load", "prog": "p", "type": "fentry_multi", "target": 0, "expect": "EINVAL"},
                  {"op": "load", "prog": "p", "type": "fentry_multi", "target": "g", "expect": "ok"},
                  {"op": "attach_multi", "prog": "p", "targets": ["g", 17, "t:s"], "cookies": null, "as": "L",
                   "fault": {"point": "link_prime", "errno": "ENOSPC"}, "expect": "EINVAL",
                   "assert": {"trampolines": {"g": {"fentry": []}, "t:s": null}, "refcnt": {"module m": 0, "btf btf:m": 1},
                              "direct_calls": [], "link_info": {"L": null}}},
                  {"op": "attach_multi", "prog": "p", "targets": null, "cnt": 1, "expect": "EINVAL"}]}
                """;
        Scenario s = ScenarioJson.parse(json).get();
        assertEquals(Scenario.INLINE, s.world());
        assertEquals(s, ScenarioJson.parse(ScenarioJson.write(s)).get());
        Scenarios.Loaded l = Scenarios.resolve(s, DesignCatalogue.builtIn()).get();
        assertEquals(3, l.world().maxTrampLinks());
        ReplayReport r = ReplayReport.of(Replay.run(l));
        assertTrue(r.passed(), r.text("inline"));
    }
}
