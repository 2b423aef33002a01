package multilink.properties.pin;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.Image;
import multilink.model.state.KState;
import multilink.model.state.ModuleObj;
import multilink.model.state.ProgType;
import multilink.model.state.TrampNode;
import multilink.model.state.Warning;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;
import multilink.model.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FENTRY_MULTI;
import static multilink.model.state.ProgType.FEXIT;
import static multilink.model.state.ProgType.FMOD_RET;
import static multilink.model.state.ProgType.FMOD_RET_MULTI;
import static multilink.model.state.ProgType.FREPLACE;
import static multilink.properties.pin.Reached.MOD;
import static multilink.properties.pin.Reached.MOD_F1;
import static multilink.properties.pin.Reached.MOD_F2;
import static multilink.properties.pin.Reached.T1;
import static multilink.properties.pin.Reached.T2;
import static multilink.properties.pin.Reached.attach;
import static multilink.properties.pin.Reached.closeLink;
import static multilink.properties.pin.Reached.closeProg;
import static multilink.properties.pin.Reached.design;
import static multilink.properties.pin.Reached.fault;
import static multilink.properties.pin.Reached.fn;
import static multilink.properties.pin.Reached.load;
import static multilink.properties.pin.Reached.loadSleepable;
import static multilink.properties.pin.Reached.loadSub;
import static multilink.properties.pin.Reached.multi;
import static multilink.properties.pin.Reached.multiCnt;
import static multilink.properties.pin.Reached.multiCookies;
import static multilink.properties.pin.Reached.retarget;
import static multilink.properties.pin.Reached.sub;
import static multilink.properties.pin.Reached.unload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paths of the kernel code the other tests do not reach: limits at their
 * exact boundary, the user arrays and target kinds of seed 001, re-attach and
 * re-target of classic links, text pokes versus ftrace, detach faults in the
 * single-ops designs, load-time checks, and the ids the model hands out when
 * a broken state still names freed objects.
 */
class KernelPathsTest {
    static final Target SUB_A = sub("subprog_a");
    static final Target SUB_B = sub("subprog_b");

    static Outcome step(String design, KState s, Step st) {
        return Syscalls.step(design(design), s, st);
    }

    /** The step fails with {@code errno}, leaves the state as it was and breaks nothing. */
    static void failsUnchanged(String design, KState s, Step st, Errno errno) {
        Outcome o = step(design, s, st);
        assertEquals(errno, o.errno(), () -> st + " " + o.events());
        assertEquals(List.empty(), Invariants.check(s, o), st.toString());
        // a register that failed leaves ftrace_managed set, as the kernel does: no change a step can see
        assertEquals(s, Invariants.ftraceManagedAsBefore(s, o.state()));
    }

    static void failsUnchanged(String design, Step st, Errno errno, Step... setup) {
        failsUnchanged(design, Reached.run(design, setup), st, errno);
    }

    static HashSet<Warning> warnings(Outcome o) {
        return HashSet.ofAll(o.state().warnings());
    }

    // ---- limits, at the boundary ----

    @Test
    void dongV1AcceptsExactly1024Targets() {
        Step[] p = {load(FENTRY_MULTI, T1)};
        failsUnchanged("dong-v1", multiCnt(2, 1024, fn(T1)), Errno.EFAULT, p);
        failsUnchanged("dong-v1", multiCnt(2, 1025, fn(T1)), Errno.E2BIG, p);
    }

    @Test
    void singleOpsAcceptsExactly2To20Targets() {
        for (String d : List.of("olsa-v3", "upstream")) {
            failsUnchanged(d, multiCnt(2, 1 << 20, fn(T1)), Errno.EFAULT, load(FENTRY_MULTI, T1));
        }
    }

    // ---- seed 001's user arrays and targets ----

    @Test
    void dongV1CookieArray() {
        Step[] p = {load(FENTRY_MULTI, T1)};
        Step withCookies = multiCookies(2, List.of(1L, 2L), fn(T1), fn(T2));
        failsUnchanged("dong-v1", fault(withCookies, FaultPoint.ARRAY_ALLOC, 1), Errno.ENOMEM, p);
        failsUnchanged("dong-v1", fault(withCookies, FaultPoint.COPY_FROM_USER, 1), Errno.EFAULT, p);
        failsUnchanged("dong-v1", multiCookies(2, List.of(1L), fn(T1), fn(T2)), Errno.EFAULT, p);
        KState s = Reached.run("dong-v1", load(FENTRY_MULTI, T1), withCookies);
        assertEquals(List.of(1L, 2L), s.links().get(1).get().entries().map(e -> e.cookie()));
    }

    @Test
    void dongV1TargetFdArrayForSubprogAndModuleTargets() {
        Step[] p = {load(FENTRY_MULTI, T1)};
        // tgt_fds is there when a target needs a non-zero fd: a BPF subprog (its prog's fd) or a
        // module function (its BTF's fd); vmlinux functions alone take fd 0 (seed 001, line 366)
        for (Step st : List.of(multi(2, fn(T1), SUB_A), multi(2, fn(T1), fn(MOD_F1)))) {
            Outcome o = step("dong-v1", Reached.run("dong-v1", p), st);
            assertEquals(Errno.OK, o.errno());
            assertEquals(List.of("kvmalloc(tgt_fds)", "kvmalloc(btf_ids)"),
                    o.events().map(Object::toString).filter(e -> e.startsWith("kvmalloc")), st.toString());
        }
        Outcome vmlinux = step("dong-v1", Reached.run("dong-v1", p), multi(2, fn(T1), fn(T2)));
        assertEquals(List.of("kvmalloc(btf_ids)"), vmlinux.events().map(Object::toString).filter(e -> e.startsWith("kvmalloc")));
        // arrays within PAGE_SIZE never fall back to vmalloc (mm/util.c:661): the point is not passed
        Outcome small = step("dong-v1", Reached.run("dong-v1", p),
                fault(multiCookies(2, List.of(1L, 2L), fn(T1), SUB_A), FaultPoint.KVMALLOC_VMALLOC, 1));
        assertEquals(Errno.OK, small.errno());
        assertFalse(small.faultFired());
        assertEquals(HashSet.empty(), warnings(small));
        for (Step st : List.of(multi(2, fn(T1), SUB_A), multi(2, fn(T1), fn(MOD_F1)))) {
            failsUnchanged("dong-v1", fault(st, FaultPoint.ARRAY_ALLOC, 1), Errno.ENOMEM, p);
            failsUnchanged("dong-v1", fault(st, FaultPoint.COPY_FROM_USER, 1), Errno.EFAULT, p);
        }
        failsUnchanged("dong-v1", multiCnt(2, 3, fn(T1), SUB_A), Errno.EFAULT, p);
        failsUnchanged("dong-v1", multiCnt(2, 1), Errno.EINVAL, p);
    }

    /** Only u64 cookies of cnt > 512 exceed PAGE_SIZE: the one kvmalloc that can fall back (H1's trigger). */
    @Test
    void dongV1OnlyLargeCookieArraysCanBeVmalloced() {
        Step[] p = {load(FENTRY_MULTI, T1)};
        Step big = Step.faulty(new Op.AttachMulti(2, List.of(fn(T1)), Option.of(List.of(1L)), 0, Option.of(513)),
                FaultPoint.KVMALLOC_VMALLOC, 1);
        Outcome o = step("dong-v1", Reached.run("dong-v1", p), big);
        assertEquals(Errno.EFAULT, o.errno(), "the user's cookies array is shorter than cnt");
        assertTrue(o.faultFired());
        assertEquals(HashSet.of(new Warning(Warning.Kind.FREE_MISMATCH, "kfree(cookies) of vmalloc memory")),
                warnings(o));
        Step justBelow = Step.faulty(new Op.AttachMulti(2, List.of(fn(T1)), Option.of(List.of(1L)), 0,
                Option.of(512)), FaultPoint.KVMALLOC_VMALLOC, 1);
        Outcome below = step("dong-v1", Reached.run("dong-v1", p), justBelow);
        assertEquals(Errno.EFAULT, below.errno());
        assertFalse(below.faultFired(), "512 cookies are exactly PAGE_SIZE: kmalloc only");
        // btf_ids of the largest cnt (1024 u32) are PAGE_SIZE: never vmalloc
        Step maxIds = Step.faulty(new Op.AttachMulti(2, List.of(fn(T1)), Option.none(), 0, Option.of(1024)),
                FaultPoint.KVMALLOC_VMALLOC, 1);
        assertFalse(step("dong-v1", Reached.run("dong-v1", p), maxIds).faultFired());
    }

    @Test
    void dongV1TargetChecks() {
        Step[] p = {load(FENTRY_MULTI, T1)};
        failsUnchanged("dong-v1", multi(2, fn(T1), fn("no_such_function")), Errno.EINVAL, p);
        failsUnchanged("dong-v1", multi(2, fn(T1), SUB_A), Errno.EBADF, load(FENTRY_MULTI, T1), closeProg(1));
        // the same target twice: one reference on each object, then the second node is -EBUSY
        failsUnchanged("dong-v1", multi(2, SUB_A, SUB_A), Errno.EBUSY, p);
        failsUnchanged("dong-v1", multi(2, fn(T1), fn(MOD_F1), fn(MOD_F1)), Errno.EBUSY, p);
        KState twoSubs = Reached.run("dong-v1", load(FENTRY_MULTI, T1), multi(2, SUB_A, SUB_B));
        assertEquals(List.of(1), twoSubs.links().get(1).get().tgtProgs(), "the target prog once");
        assertEquals(2, twoSubs.progs().get(1).get().refcnt());
        KState closed = Reached.run("dong-v1", load(FENTRY_MULTI, T1), multi(2, SUB_A, SUB_B), closeLink(1));
        assertEquals(1, closed.progs().get(1).get().refcnt(), "released with the link");
    }

    /**
     * A module that went away: libbpf still holds its BTF fd (seed 002), so
     * btf_get_by_fd works and bpf_check_attach_target's btf_try_get_module
     * fails: -ENOENT (kernel/bpf/verifier.c:22779-22795 in 6.12), whether or
     * not something in the kernel still holds the BTF; nothing changes.
     */
    @Test
    void dongV1ModuleGoneIsENOENT() {
        KState s = Reached.run("dong-v1", load(FENTRY_MULTI, T1));
        KState going = s.withModules(s.modules().put(MOD, new ModuleObj(MOD, 0, false)));
        Outcome o = step("dong-v1", going, multi(2, fn(T1), fn(MOD_F1)));
        assertEquals(Errno.ENOENT, o.errno());
        assertEquals(going, o.state(), multilink.model.invariant.StateDiff.describe(going, o.state()));
        failsUnchanged("dong-v1", multi(2, fn(T1), fn(MOD_F1)), Errno.ENOENT, load(FENTRY_MULTI, T1), unload(MOD));
    }

    /** A check failing on a module target gives the module reference back (sleepable, fmod_ret). */
    @Test
    void dongV1TargetCheckFailuresDropTheModule() {
        failsUnchanged("dong-v1", multi(2, fn(T1), fn(MOD_F1)), Errno.EINVAL, loadSleepable(FENTRY_MULTI, T1));
        failsUnchanged("dong-v1", multi(2, fn(MOD_F2), fn(MOD_F1)), Errno.EINVAL, load(FMOD_RET_MULTI, MOD_F2));
        failsUnchanged("dong-v1", multi(2, fn(MOD_F2), fn(T2)), Errno.EINVAL, load(FMOD_RET_MULTI, MOD_F2));
        KState ok = Reached.run("dong-v1", load(FMOD_RET_MULTI, MOD_F2), multi(2, fn(MOD_F2), fn("bpf_modify_return_test")));
        assertEquals(2, ok.links().get(1).get().entries().size());
    }

    // ---- seed 000 ----

    @ParameterizedTest
    @ValueSource(strings = {"olsa-v3", "upstream"})
    void fentryMultiOnANoreturnFunctionIsFine(String d) {
        KState s = Reached.run(d, load(FENTRY_MULTI, T1), multi(2, T1, "do_exit"));
        assertEquals(2, s.links().get(1).get().entries().size());
        failsUnchanged(d, multi(2, T1, "do_exit"), Errno.EINVAL, load(ProgType.FEXIT_MULTI, T1));
        failsUnchanged(d, multi(2, T1, "migrate_disable"), Errno.EINVAL, load(FENTRY_MULTI, T1));
        failsUnchanged(d, multi(2, T1, "bpf_lsm_inline_helper"), Errno.ENOENT, load(FENTRY_MULTI, T1));
        failsUnchanged(d, multi(2, T1, T2), Errno.EINVAL, loadSleepable(FENTRY_MULTI, T1));
        failsUnchanged(d, multi(2, T1, "no_such_function"), Errno.EINVAL, load(FENTRY_MULTI, T1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"olsa-v3", "upstream"})
    void singleOpsDetachFaultsWarnAndLeaveFtraceBehind(String d) {
        KState s = Reached.run(d, load(FENTRY, T1), attach(2), load(FENTRY_MULTI, T1), multi(3, T1, T2));
        Outcome unreg = step(d, s, fault(closeLink(2), FaultPoint.FTRACE_UNREGISTER, 1));
        assertEquals(Errno.OK, unreg.errno());
        assertEquals(HashSet.of(new Warning(Warning.Kind.FTRACE_UPDATE_FAILED, "update_ftrace_direct_del")),
                warnings(unreg));
        assertTrue(unreg.state().directCalls().containsKey(fn(T2)), "T2's entry still calls the old image");
        Outcome mod = step(d, s, fault(closeLink(2), FaultPoint.FTRACE_MODIFY, 1));
        assertEquals(HashSet.of(new Warning(Warning.Kind.FTRACE_UPDATE_FAILED, "update_ftrace_direct_mod")),
                warnings(mod));
        assertEquals(s.directCalls().get(fn(T1)), mod.state().directCalls().get(fn(T1)));
        Outcome img = step(d, s, fault(closeLink(2), FaultPoint.IMAGE_ALLOC, 1));
        assertEquals(HashSet.of(new Warning(Warning.Kind.UNLINK_FAILED, "link 2 " + T1 + ": ENOMEM")),
                warnings(img));
    }

    @ParameterizedTest
    @ValueSource(strings = {"olsa-v3", "upstream"})
    void singleOpsAttachFtraceFaultsRollBack(String d) {
        Step[] p = {load(FENTRY, T1), attach(2), load(FENTRY_MULTI, T1)};
        failsUnchanged(d, fault(multi(3, T1, T2), FaultPoint.FTRACE_REGISTER, 1), Errno.ENOMEM, p);
        failsUnchanged(d, fault(multi(3, T1, T2), FaultPoint.FTRACE_MODIFY, 1), Errno.ENOMEM, p);
        failsUnchanged(d, fault(multi(3, T1, T2), FaultPoint.FTRACE_HASH_ALLOC, 1), Errno.ENOMEM, p);
        failsUnchanged(d, fault(multi(3, T1, T2), FaultPoint.TRAMPOLINE_GET, 1), Errno.ENOMEM, p);
        failsUnchanged(d, fault(multi(3, T1, T2), FaultPoint.IMAGE_ALLOC, 2), Errno.ENOMEM, p);
    }

    // ---- classic attach: re-attach and re-target ----

    @Test
    void reattachToAModuleFunctionSwapsTheModuleReference() {
        KState s = Reached.run("classic", load(FENTRY, MOD_F1), attach(2), closeLink(1), attach(2));
        assertEquals(1, s.modules().get(MOD).get().refcnt(), "one aux->mod, not two");
        assertEquals(Option.of(MOD), s.progs().get(2).get().mod());
        failsUnchanged("classic", Reached.run("classic", load(FENTRY, MOD_F1), attach(2), closeLink(1)),
                fault(attach(2), FaultPoint.LINK_PRIME, 1), Errno.EMFILE);
        failsUnchanged("classic", Reached.run("classic", load(FENTRY, T1), attach(2), closeLink(1)),
                fault(attach(2), FaultPoint.IMAGE_ALLOC, 1), Errno.ENOMEM);
    }

    @Test
    void retargetWithoutAFirstAttachDropsTheLoadTimeTarget() {
        KState s = Reached.run("classic", loadSub(FREPLACE, "subprog_a"), retarget(2, SUB_B));
        assertTrue(s.trampolines().get(SUB_A).isEmpty(), "dst_trampoline put");
        assertEquals(2, s.progs().get(1).get().refcnt(), "fd + the link's tgt_prog; dst_prog put");
        assertEquals(Option.none(), s.progs().get(2).get().dstProg());
        assertEquals(Option.of(1), s.links().get(1).get().tgtProg());
    }

    @Test
    void retargetToTheLoadTimeTargetUsesIt() {
        KState s = Reached.run("classic", loadSub(FREPLACE, "subprog_a"), retarget(2, SUB_A));
        assertEquals(1, s.trampolines().get(SUB_A).get().refcnt());
        assertEquals(2, s.progs().get(1).get().refcnt());
        assertEquals(Option.of(1), s.links().get(1).get().tgtProg());
    }

    @Test
    void aFailedRetargetGivesTheTargetProgBack() {
        failsUnchanged("classic", fault(retarget(2, SUB_B), FaultPoint.LINK_ALLOC, 1), Errno.ENOMEM,
                loadSub(FREPLACE, "subprog_a"));
        failsUnchanged("classic", fault(retarget(2, SUB_B), FaultPoint.LINK_PRIME, 1), Errno.EMFILE,
                loadSub(FREPLACE, "subprog_a"));
        failsUnchanged("classic", retarget(2, sub("no_such")), Errno.EINVAL, loadSub(FREPLACE, "subprog_a"));
        // a freplace prog owns its trampoline: fentry beside it is -EBUSY, and the other way round
        failsUnchanged("classic", attach(3), Errno.EBUSY, loadSub(FREPLACE, "subprog_a"),
                loadSub(FENTRY, "subprog_a"), attach(2));
        failsUnchanged("classic", attach(2), Errno.EBUSY, loadSub(FREPLACE, "subprog_a"),
                loadSub(FENTRY, "subprog_a"), attach(3));
    }

    // ---- text pokes are not ftrace ----

    @Test
    void bpfSubprogTargetsIgnoreFtraceFaults() {
        KState one = Reached.run("classic", loadSub(FENTRY, "subprog_a"), loadSub(FEXIT, "subprog_a"), attach(2));
        Outcome modify = step("classic", one, fault(attach(3), FaultPoint.FTRACE_MODIFY, 1));
        assertEquals(Errno.OK, modify.errno(), "a poke, not modify_ftrace_direct");
        Outcome register = step("classic", Reached.run("classic", loadSub(FENTRY, "subprog_a")),
                fault(attach(2), FaultPoint.FTRACE_REGISTER, 1));
        assertEquals(Errno.OK, register.errno());
        Outcome unregister = step("classic", one, fault(closeLink(1), FaultPoint.FTRACE_UNREGISTER, 1));
        assertEquals(Errno.OK, unregister.errno());
        assertEquals(HashSet.empty(), warnings(unregister));
        assertTrue(unregister.state().directCalls().isEmpty());
    }

    @Test
    void aFailedUnregisterLeavesTheSiteCallingTheImage() {
        KState s = Reached.run("classic", load(FENTRY, T1), attach(2));
        Outcome o = step("classic", s, fault(closeLink(1), FaultPoint.FTRACE_UNREGISTER, 1));
        assertEquals(Errno.OK, o.errno());
        assertEquals(HashSet.of(new Warning(Warning.Kind.UNLINK_FAILED, "link 1: ENOMEM")), warnings(o));
        assertEquals(s.directCalls(), o.state().directCalls());
        Outcome m = step("classic", Reached.run("classic", load(FENTRY, T1), load(FENTRY, T1), attach(2), attach(3)),
                fault(closeLink(1), FaultPoint.FTRACE_MODIFY, 1));
        assertEquals(HashSet.of(new Warning(Warning.Kind.UNLINK_FAILED, "link 1: ENOMEM")), warnings(m));
    }

    // ---- load ----

    @ParameterizedTest
    @ValueSource(strings = {"classic", "olsa-v3", "upstream", "dong-v1"})
    void loadChecks(String d) {
        failsUnchanged(d, load(ProgType.TARGET, T1), Errno.EINVAL);
        failsUnchanged(d, load(ProgType.SDT, T1), Errno.EINVAL);
        failsUnchanged(d, Step.of(new Op.Load(FREPLACE, SUB_A, true)), Errno.EINVAL);
        // attach_prog_fd that is no prog is tried as a BTF fd (btf_get_by_fd), which fails too: -EINVAL
        failsUnchanged(d, loadSub(FENTRY, "subprog_a"), Errno.EINVAL, closeProg(1));
        failsUnchanged(d, load(FREPLACE, T1), Errno.EINVAL);
        failsUnchanged(d, loadSub(FENTRY, "no_such"), Errno.EINVAL);
        failsUnchanged(d, Step.of(new Op.Load(FENTRY, SUB_A, true)), Errno.EINVAL);
        failsUnchanged(d, loadSub(FMOD_RET, "subprog_a"), Errno.EINVAL);
        failsUnchanged(d, load(FEXIT, "do_exit"), Errno.EINVAL);
        failsUnchanged(d, load(FMOD_RET, "do_exit"), Errno.EINVAL);
        failsUnchanged(d, load(FENTRY, "migrate_disable"), Errno.EINVAL);
        failsUnchanged(d, load(FENTRY, "no_such_function"), Errno.EINVAL);
        failsUnchanged(d, load(FMOD_RET, T2), Errno.EINVAL);
        failsUnchanged(d, loadSleepable(FENTRY, T2), Errno.EINVAL);
        failsUnchanged(d, loadSleepable(FENTRY, MOD_F1), Errno.EINVAL);
        failsUnchanged(d, load(FMOD_RET, MOD_F1), Errno.EINVAL);
        failsUnchanged(d, fault(load(FENTRY, MOD_F1), FaultPoint.TRAMPOLINE_GET, 1), Errno.ENOMEM);
        failsUnchanged(d, load(FENTRY, MOD_F1), Errno.ENOENT, unload(MOD));
        // bpf_fentry_test1 is a KF_SLEEPABLE fmodret kfunc: sleepable and fmod_ret both allowed
        KState s = Reached.run(d, load(FENTRY, "do_exit"), loadSleepable(FENTRY, T1), load(FMOD_RET, MOD_F2),
                load(FMOD_RET, T1), loadSleepable(FMOD_RET, T1));
        assertEquals(6, s.progs().size());
        assertTrue(s.progs().get(3).get().sleepable());
        assertTrue(s.progs().get(6).get().sleepable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"olsa-v3", "upstream"})
    void seed000MultiLoadChecks(String d) {
        failsUnchanged(d, loadSub(FENTRY_MULTI, "subprog_a"), Errno.EINVAL);
        failsUnchanged(d, load(FENTRY_MULTI, "no_such_function"), Errno.EINVAL);
        failsUnchanged(d, load(FENTRY_MULTI, MOD_F1), Errno.ENOENT, unload(MOD));
        failsUnchanged(d, load(FMOD_RET_MULTI, T1), Errno.EINVAL);
        KState s = Reached.run(d, load(FENTRY_MULTI, MOD_F1));
        assertEquals(1, s.modules().get(MOD).get().refcnt());
        assertEquals(Option.of("btf:" + MOD), s.progs().get(2).get().attachBtf());
        assertTrue(s.trampolines().isEmpty(), "verified against the BTF, no trampoline at load");
    }

    @Test
    void dongV1MultiLoadsLikeAClassicProg() {
        failsUnchanged("dong-v1", load(FENTRY_MULTI, "migrate_disable"), Errno.EINVAL);
        // noreturn_deny names FEXIT and MODIFY_RETURN only (verifier.c:22997-22998 in 6.12)
        assertEquals(1, Reached.run("dong-v1", load(ProgType.FEXIT_MULTI, "do_exit")).progs().get(2).get().refcnt());
        failsUnchanged("dong-v1", load(ProgType.FEXIT, "do_exit"), Errno.EINVAL);
        KState s = Reached.run("dong-v1", loadSub(FENTRY_MULTI, "subprog_a"));
        assertEquals(Option.of(SUB_A), s.progs().get(2).get().dstTrampoline());
        assertEquals(Option.of(1), s.progs().get(2).get().dstProg());
    }

    /** A noreturn function in a module: the failed load gives back the module it pinned. */
    @Test
    void aFailedLoadGivesBackTheModuleItPinned() {
        World d = DefaultWorld.get();
        World w = new World(d.functions().append(KernelFunc.plain("testmod_exit", 1).inModule(MOD).asNoreturn())
                .append(KernelFunc.plain("testmod_denied", 1).inModule(MOD).asDenied()),
                d.modules(), d.targetProgs(), d.maxTrampLinks());
        KState s = KState.initial(w);
        for (Step st : List.of(load(FEXIT, "testmod_exit"), load(FENTRY, "testmod_denied"))) {
            Outcome o = Syscalls.step(design("classic"), s, st);
            assertEquals(Errno.EINVAL, o.errno());
            assertEquals(s, o.state(), st.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"olsa-v3", "upstream"})
    void sleepableMultiOnAnAllowedFunction(String d) {
        KState s = Reached.run(d, loadSleepable(FENTRY_MULTI, T1), multi(2, T1));
        assertTrue(s.progs().get(2).get().sleepable());
        assertEquals(1, s.links().size());
    }

    /** Re-attach records the module the check pinned in aux->mod (here one a broken state had dropped). */
    @Test
    void reattachRecordsTheModuleItPinned() {
        KState s = Reached.run("classic", load(FENTRY, MOD_F1), attach(2), closeLink(1));
        KState noMod = Reached.put(s, s.progs().get(2).get().withMod(Option.none()))
                .withModules(s.modules().put(MOD, new ModuleObj(MOD, 0, true)));
        assertEquals(List.empty(), Invariants.checkState(noMod));
        Outcome o = step("classic", noMod, attach(2));
        assertEquals(Errno.OK, o.errno());
        assertEquals(Option.of(MOD), o.state().progs().get(2).get().mod());
        assertEquals(1, o.state().modules().get(MOD).get().refcnt());
        assertEquals(List.empty(), Invariants.check(noMod, o));
    }

    /** The boot-time target prog is no tracing prog: link_create on it is -EINVAL. */
    @Test
    void attachingTheTargetProgItselfIsInvalid() {
        failsUnchanged("classic", attach(1), Errno.EINVAL);
        failsUnchanged("dong-v1", multi(1, T1), Errno.EINVAL);
    }

    /** A kernel without multi links refuses a multi attach even for a multi prog it could not have loaded. */
    @Test
    void classicRefusesMultiAttach() {
        KState s = Reached.run("upstream", load(FENTRY_MULTI, T1));
        failsUnchanged("classic", s, multi(2, T1), Errno.EINVAL);
    }

    // ---- syscalls on bad handles ----

    @Test
    void badHandles() {
        failsUnchanged("classic", closeLink(1), Errno.EBADF);
        failsUnchanged("classic", closeProg(2), Errno.EBADF);
        failsUnchanged("classic", unload("no_such_module"), Errno.ENOENT);
        failsUnchanged("classic", attach(2), Errno.EBADF);
        failsUnchanged("upstream", multi(2, T1), Errno.EBADF);
        failsUnchanged("upstream", multi(2, T1), Errno.EINVAL, load(FENTRY, T1));
        failsUnchanged("dong-v1", attach(2), Errno.EINVAL, load(FENTRY_MULTI, T1));
    }

    // ---- ids while a broken state still names freed objects ----

    static int nextLinkId(KState s) {
        Outcome l = Syscalls.step(design("dong-v1"), s, load(FENTRY, MOD_F1));
        assertEquals(Errno.OK, l.errno(), l.events().toString());
        Outcome a = Syscalls.step(design("dong-v1"), l.state(), attach(l.created().get()));
        assertEquals(Errno.OK, a.errno(), a.events().toString());
        return a.created().get();
    }

    static int nextProgId(KState s) {
        Outcome l = Syscalls.step(design("dong-v1"), s, load(FENTRY, T2));
        assertEquals(Errno.OK, l.errno());
        return l.created().get();
    }

    @Test
    void freedIdsStillNamedAreNotHandedOut() {
        KState rich = Reached.rich();
        assertEquals(4, nextLinkId(rich));
        assertEquals(7, nextProgId(rich));
        // link 1 freed, its node still on T1: id 1 is not free
        assertEquals(4, nextLinkId(rich.withLinks(rich.links().remove(1))));
        // link 2 freed, still subprog_b's extension_prog
        assertEquals(4, nextLinkId(rich.withLinks(rich.links().remove(2))));
        // link 1 closed properly: its id is free again, unless a leaked image still names it
        KState closed = Reached.run("classic", load(FENTRY, T1), attach(2), load(FENTRY, T2), attach(3), closeLink(1));
        assertEquals(1, nextLinkId(closed));
        Image leaked = new Image(fn("bpf_fentry_test5"), List.of(new TrampNode(1, 9, 0)), List.empty(), List.empty());
        assertEquals(3, nextLinkId(closed.withImages(closed.images().put(leaked, 1))));
        // prog 7 freed but still named: by a link's prog, tgt_prog, tgt_progs, or an installed node
        KState l1 = Reached.put(rich, Reached.withProg(rich.links().get(1).get(), 7));
        assertEquals(8, nextProgId(l1));
        assertEquals(8, nextProgId(Reached.put(rich, Reached.withTgtProg(rich.links().get(1).get(), Option.of(7)))));
        assertEquals(8, nextProgId(Reached.put(rich, Reached.withTgtProgs(rich.links().get(3).get(), List.of(1, 7)))));
        Image names7 = new Image(fn("bpf_fentry_test5"), List.empty(), List.of(new TrampNode(9, 7, 0)), List.empty());
        assertEquals(8, nextProgId(rich.withImages(rich.images().put(names7, 1))));
    }

    @Test
    void theFirstIdsOfABootedWorld() {
        KState s = KState.initial(DefaultWorld.get());
        Outcome l = Syscalls.step(design("classic"), s, load(FENTRY, T1));
        assertEquals(Option.of(2), l.created());
        Outcome a = Syscalls.step(design("classic"), l.state(), attach(2));
        assertEquals(Option.of(1), a.created());
        List<Violation> v = Invariants.check(l.state(), a);
        assertEquals(List.empty(), v);
    }
}
