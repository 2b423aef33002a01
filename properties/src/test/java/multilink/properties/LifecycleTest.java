package multilink.properties;

import io.vavr.collection.List;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.Trampoline;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.Target;
import multilink.model.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FENTRY_MULTI;
import static multilink.model.state.ProgType.FEXIT;
import static multilink.model.state.ProgType.FEXIT_MULTI;
import static multilink.model.state.ProgType.FMOD_RET;
import static multilink.model.state.ProgType.FREPLACE;
import static multilink.properties.Fx.MOD;
import static multilink.properties.Fx.P1;
import static multilink.properties.Fx.P2;
import static multilink.properties.Fx.P3;
import static multilink.properties.Fx.attach;
import static multilink.properties.Fx.closeLink;
import static multilink.properties.Fx.closeProg;
import static multilink.properties.Fx.design;
import static multilink.properties.Fx.detach;
import static multilink.properties.Fx.failsUnchanged;
import static multilink.properties.Fx.load;
import static multilink.properties.Fx.loadSub;
import static multilink.properties.Fx.multi;
import static multilink.properties.Fx.retarget;
import static multilink.properties.Fx.setup;
import static multilink.properties.Fx.unload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Detach paths, limits, classic and multi links sharing functions, and
 * modules: every step succeeds or fails as the kernel does, every invariant
 * holds throughout, and closing everything leaves the kernel as it booted.
 */
class LifecycleTest {
    static final String T1 = "bpf_fentry_test1";
    static final String T2 = "bpf_fentry_test2";
    static final String T3 = "bpf_fentry_test3";
    static final World W = DefaultWorld.get();

    /** Close every link and prog fd the steps created: the state must be the boot state again. */
    static void closesToBoot(Design d, List<Step> steps, List<Step> teardown) {
        KState end = setup(d, W, steps.appendAll(teardown));
        assertEquals(KState.initial(W), end, multilink.model.invariant.StateDiff.describe(KState.initial(W), end));
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "olsa-v3", "upstream", "dong-v1"})
    void classicFentryFexitFmodRetOnOneFunctionAndBack(String name) {
        Design d = design(name);
        var steps = List.of(load(FENTRY, "bpf_modify_return_test"), load(FEXIT, "bpf_modify_return_test"),
                load(FMOD_RET, "bpf_modify_return_test"), attach(P1), attach(P2), attach(P3));
        KState s = setup(d, W, steps);
        Trampoline t = s.trampolines().get(new Target.Func("bpf_modify_return_test")).get();
        assertEquals(3, t.progCount());
        assertEquals(3, t.refcnt(), "each link took over its prog's load-time dst_trampoline reference");
        closesToBoot(d, steps, List.of(closeLink(2), closeLink(1), closeLink(3), closeProg(P1), closeProg(P2),
                closeProg(P3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "olsa-v3", "upstream", "dong-v1"})
    void detachLinkIsNotSupportedForTracingLinks(String name) {
        failsUnchanged(design(name), W, List.of(load(FENTRY, T1), attach(P1)), detach(1), Errno.EOPNOTSUPP);
        failsUnchanged(design(name), W, List.empty(), detach(1), Errno.EBADF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "olsa-v3", "upstream", "dong-v1"})
    void closingTheProgFdFirstKeepsTheLinkAlive(String name) {
        Design d = design(name);
        var steps = List.of(load(FENTRY, T1), attach(P1), closeProg(P1));
        KState s = setup(d, W, steps);
        assertEquals(1, s.progs().get(P1).get().refcnt(), "the link holds the prog");
        closesToBoot(d, steps, List.of(closeLink(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "olsa-v3", "upstream", "dong-v1"})
    void freplaceRetargetsToAnotherSubprog(String name) {
        Design d = design(name);
        var steps = List.of(loadSub(FREPLACE, "subprog_a"), attach(P1), retarget(P1, "subprog_b"));
        KState s = setup(d, W, steps);
        assertEquals(2, s.links().size());
        assertEquals(3, s.progs().get(1).get().refcnt(), "fd + link 1 tgt_prog (from dst_prog) + link 2 tgt_prog");
        closesToBoot(d, steps, List.of(closeLink(1), closeLink(2), closeProg(P1)));
    }

    @Test
    void trampLinkLimitIs38AcrossKinds() {
        Design d = design("classic");
        List<Step> steps = List.empty();
        int id = P1;
        for (int i = 0; i < World.BPF_MAX_TRAMP_LINKS; i++) {
            steps = steps.append(load(i % 2 == 0 ? FENTRY : FEXIT, T1)).append(attach(id++));
        }
        KState s = setup(d, W, steps);
        assertEquals(38, s.trampolines().get(new Target.Func(T1)).get().progCount());
        failsUnchanged(d, W, steps.append(load(FENTRY, T1)), attach(id), Errno.E2BIG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"olsa-v3", "upstream", "dong-v1"})
    void classicAndMultiOnOneFunctionDetachedInEitherOrder(String name) {
        Design d = design(name);
        var steps = List.of(load(FENTRY, T1), attach(P1), load(FEXIT_MULTI, T1), multi(P2, T1, T2));
        KState s = setup(d, W, steps);
        Trampoline t1 = s.trampolines().get(new Target.Func(T1)).get();
        assertEquals(1, t1.fentry().size());
        assertEquals(1, t1.fexit().size());
        assertEquals(s.directCalls().get(new Target.Func(T1)), t1.curImage());
        closesToBoot(d, steps, List.of(closeLink(1), closeLink(2), closeProg(P1), closeProg(P2)));
        closesToBoot(d, steps, List.of(closeLink(2), closeLink(1), closeProg(P2), closeProg(P1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"olsa-v3", "upstream", "dong-v1"})
    void twoMultiLinksSharingFunctions(String name) {
        Design d = design(name);
        var steps = List.of(load(FENTRY_MULTI, T1), load(FEXIT_MULTI, T2), multi(P1, T1, T2, T3), multi(P2, T2, T3));
        KState s = setup(d, W, steps);
        assertEquals(3, s.trampolines().size());
        assertEquals(2, s.trampolines().get(new Target.Func(T3)).get().progCount());
        closesToBoot(d, steps, List.of(closeLink(1), closeProg(P1), closeLink(2), closeProg(P2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "olsa-v3", "upstream", "dong-v1"})
    void moduleCannotGoWhileAProgPinsIt(String name) {
        Design d = design(name);
        var steps = List.of(load(FENTRY, "bpf_testmod_fentry_test1"), attach(P1));
        failsUnchanged(d, W, steps, unload(MOD), Errno.EAGAIN);
        failsUnchanged(d, W, steps.append(closeLink(1)), unload(MOD), Errno.EAGAIN);
        KState s = setup(d, W, steps.appendAll(List.of(closeLink(1), closeProg(P1), unload(MOD))));
        assertTrue(!s.modules().get(MOD).get().live());
        assertTrue(s.btfs().get("btf:" + MOD).isEmpty(), "the module's BTF went with it");
        failsUnchanged(d, W, List.of(unload(MOD)), load(FENTRY, "bpf_testmod_fentry_test1"), Errno.ENOENT);
        failsUnchanged(d, W, List.of(unload(MOD)), unload(MOD), Errno.ENOENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"olsa-v3", "upstream"})
    void multiOnModuleFunctionsPinsTheModuleThroughTheProg(String name) {
        Design d = design(name);
        var steps = List.of(load(FENTRY_MULTI, "bpf_testmod_fentry_test1"),
                multi(P1, "bpf_testmod_fentry_test1", "bpf_testmod_fentry_test2"));
        KState s = setup(d, W, steps);
        assertEquals(1, s.modules().get(MOD).get().refcnt(), "one reference: prog->aux->mod");
        failsUnchanged(d, W, steps, unload(MOD), Errno.EAGAIN);
        closesToBoot(d, steps, List.of(closeLink(1), closeProg(P1)));
    }

    @Test
    void dongV1LinkHoldsEachModuleAndBtfOnce() {
        Design d = design("dong-v1");
        var steps = List.of(load(FENTRY_MULTI, T1),
                multi(P1, T1, "bpf_testmod_fentry_test1", "bpf_testmod_fentry_test2", T2));
        KState s = setup(d, W, steps);
        var link = s.links().get(1).get();
        assertEquals(List.of(MOD), link.mods());
        assertEquals(List.of("vmlinux", "btf:" + MOD), link.btfs());
        failsUnchanged(d, W, steps, unload(MOD), Errno.EAGAIN);
        closesToBoot(d, steps, List.of(closeLink(1), closeProg(P1)));
    }

    @Test
    void upstreamSortsIdsWithTheirCookies() {
        Design d = design("upstream");
        var steps = List.of(load(FENTRY_MULTI, T1), Fx.multiCookies(P1, List.of(3L, 1L, 2L), T3, T1, T2));
        KState s = setup(d, W, steps);
        var entries = s.links().get(1).get().entries();
        assertEquals(List.of(T1, T2, T3), entries.map(e -> e.tramp().toString()));
        assertEquals(List.of(1L, 2L, 3L), entries.map(e -> e.cookie()));
        Trampoline t3 = s.trampolines().get(new Target.Func(T3)).get();
        assertEquals(3L, t3.fentry().head().cookie(), "each function runs with its own cookie");
    }

    @Test
    void newestProgRunsFirst() {
        Design d = design("classic");
        KState s = setup(d, W, List.of(load(FENTRY, T1), load(FENTRY, T1), attach(P1), attach(P2)));
        assertEquals(List.of(P2, P1), s.trampolines().get(new Target.Func(T1)).get().fentry().map(n -> n.prog()));
    }

    @Test
    void everySuccessfulStepReportsItsReferenceEvents() {
        Design d = design("classic");
        KState s = setup(d, W, List.of(load(FENTRY, T1)));
        Outcome o = Syscalls.step(d, s, attach(P1));
        List<String> calls = o.events().map(e -> e.call());
        assertTrue(calls.containsAll(List.of("bpf_prog_inc", "bpf_tramp_image_alloc", "register_ftrace_direct",
                "bpf_link_settle")), calls.toString());
    }
}
