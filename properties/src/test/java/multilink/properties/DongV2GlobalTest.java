package multilink.properties;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.DongV2Global;
import multilink.model.design.DongV2GlobalObjects;
import multilink.model.invariant.Invariant;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.StateDiff;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.DesignObjects;
import multilink.model.state.KState;
import multilink.model.step.FaultPoint;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.KernelFunc;
import multilink.model.world.RawBtfId;
import multilink.model.world.Target;
import multilink.model.world.World;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FENTRY_MULTI;
import static multilink.model.state.ProgType.FEXIT_MULTI;
import static multilink.model.state.ProgType.FMOD_RET_MULTI;
import static multilink.properties.Fx.MOD;
import static multilink.properties.Fx.P1;
import static multilink.properties.Fx.P2;
import static multilink.properties.Fx.attach;
import static multilink.properties.Fx.closeLink;
import static multilink.properties.Fx.closeProg;
import static multilink.properties.Fx.design;
import static multilink.properties.Fx.fault;
import static multilink.properties.Fx.load;
import static multilink.properties.Fx.loadSleepable;
import static multilink.properties.Fx.multi;
import static multilink.properties.Fx.multiCnt;
import static multilink.properties.Fx.multiCookies;
import static multilink.properties.Fx.multiCookiesCnt;
import static multilink.properties.Fx.multiTargets;
import static multilink.properties.Fx.unload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dong-v2-global (seed 003 v2): every errno its attach path returns, with
 * nothing changed; the coexistence with classic trampolines; its own
 * invariants on crafted bad states; each known finding shown by the preset
 * and gone with its fix.
 */
class DongV2GlobalTest {
    static final String T1 = "bpf_fentry_test1";
    static final String T2 = "bpf_fentry_test2";
    static final String T7 = "bpf_fentry_test7";
    static final String MRT = "bpf_modify_return_test";
    static final String MODF = "bpf_testmod_fentry_test1";
    static final String NOFTRACE = "bpf_lsm_inline_helper";
    static final World W = DefaultWorld.get();
    /** A world with a function of seven arguments: no bpf_global_caller_7 (v2 02/18). */
    static final World SEVEN = new World(W.functions().append(KernelFunc.plain("bpf_seven_args", 7)), W.modules(),
            W.targetProgs(), W.maxTrampLinks());
    static final Target SUB = new Target.Subprog(DefaultWorld.TARGET_PROG, "subprog_a");

    static final Design PRESET = design("dong-v2-global");
    static final Design FIXED = PRESET.withFixes();

    /** Runs steps that must succeed and keep every invariant, the design's own too. */
    static KState setup(Design d, World w, List<Step> steps) {
        KState s = KState.initial(w);
        for (Step st : steps) {
            Outcome o = Syscalls.step(d, s, st);
            assertEquals(Errno.OK, o.errno(), "setup step " + st + " events " + o.events());
            List<Violation> v = Invariants.check(d, s, o);
            assertTrue(v.isEmpty(), "setup step " + st + " broke " + v);
            s = o.state();
        }
        return s;
    }

    static Outcome run(Design d, World w, List<Step> setup, Step step) {
        return Syscalls.step(d, setup(d, w, setup), step);
    }

    /** The step fails with {@code errno}, changes nothing at all, and every invariant holds. */
    static void failsUnchanged(Design d, World w, List<Step> setup, Step step, Errno errno) {
        KState s = setup(d, w, setup);
        Outcome o = Syscalls.step(d, s, step);
        assertEquals(errno, o.errno(), step + " events " + o.events());
        KState after = Invariants.ftraceManagedAsBefore(s, o.state());
        assertEquals(s, after, () -> "failed " + step + " changed " + StateDiff.describe(s, after));
        assertTrue(Invariants.check(d, s, o).isEmpty(), () -> "violations " + Invariants.check(d, s, o));
    }

    /**
     * A check of the attach path. {@code finding}: the preset as posted
     * breaks "nothing changed" there (a known finding), so only the design with
     * every fix on is held to it.
     */
    record Case(String name, World world, List<Step> setup, Step step, Errno errno, boolean finding) {
        Case(String name, List<Step> setup, Step step, Errno errno) {
            this(name, W, setup, step, errno, false);
        }

        Stream<DynamicTest> tests() {
            Stream<Design> ds = finding ? Stream.of(FIXED) : Stream.of(PRESET, FIXED);
            return ds.map(d -> DynamicTest.dynamicTest(d.name() + ": " + name + " -> " + errno,
                    () -> failsUnchanged(d, world, setup, step, errno)));
        }
    }

    static final List<Step> P = List.of(load(FENTRY_MULTI, T1));

    /** Every check of link_create and bpf_tracing_prog_attach_multi, in the patch's order (v2 11/18, 05/18). */
    static List<Case> attachPath() {
        var cookies = List.of(7L, 8L);
        var hashAlloc = FaultPoint.FTRACE_HASH_ALLOC;
        var p2 = List.of(load(FENTRY_MULTI, T1), load(FENTRY_MULTI, T1));
        var other = List.of(load(FENTRY_MULTI, T7), multi(P1, T7), load(FENTRY_MULTI, T1));
        return List.of(
                // link_create (shared)
                new Case("prog fd closed", List.of(load(FENTRY_MULTI, T1), closeProg(P1)), multi(P1, T1), Errno.EBADF),
                new Case("attach_multi on a classic prog", List.of(load(FENTRY, T1)), multi(P1, T1), Errno.EINVAL),
                new Case("classic attach on a multi prog", P, attach(P1), Errno.EINVAL),
                // bpf_tracing_multi_link_check
                new Case("cnt 0", P, multiCnt(P1, 0, T1), Errno.EINVAL),
                new Case("cnt > 102400", P, multiCnt(P1, DongV2Global.MAX_TRACING_MULTI_CNT + 1, T1), Errno.E2BIG),
                new Case("cookies kvmalloc fails", P, fault(multiCookies(P1, cookies, T1, T2), FaultPoint.ARRAY_ALLOC),
                        Errno.ENOMEM),
                new Case("cookies copy_from_user fails", P,
                        fault(multiCookies(P1, cookies, T1, T2), FaultPoint.COPY_FROM_USER), Errno.EFAULT),
                new Case("fewer cookies than cnt", P, multiCookiesCnt(P1, 2, List.of(7L), T1, T2), Errno.EFAULT),
                new Case("tgt_fds kvmalloc fails (module target)", P, fault(multi(P1, T1, MODF), FaultPoint.ARRAY_ALLOC),
                        Errno.ENOMEM),
                new Case("tgt_fds copy_from_user fails", P, fault(multi(P1, T1, MODF), FaultPoint.COPY_FROM_USER),
                        Errno.EFAULT),
                new Case("btf_ids kvmalloc fails", P, fault(multi(P1, T1), FaultPoint.ARRAY_ALLOC), Errno.ENOMEM),
                new Case("btf_ids copy_from_user fails", P, fault(multi(P1, T1), FaultPoint.COPY_FROM_USER),
                        Errno.EFAULT),
                new Case("cnt larger than the ids", P, multiCnt(P1, 3, T1), Errno.EFAULT),
                new Case("a zero btf id", P, multiTargets(P1, new Target.Func(T1), RawBtfId.of(0)), Errno.EINVAL),
                // the link and its entries
                new Case("link kzalloc fails", P, fault(multi(P1, T1), FaultPoint.LINK_ALLOC), Errno.ENOMEM),
                new Case("entries kzalloc fails", P, fault(multi(P1, T1), FaultPoint.ARRAY_ALLOC, 2), Errno.ENOMEM),
                // per target
                new Case("target prog fd closed", List.of(load(FENTRY_MULTI, T1), closeProg(1)),
                        multiTargets(P1, new Target.Func(T1), SUB), Errno.EBADF),
                new Case("target prog (bpf2bpf not supported)", P, multiTargets(P1, new Target.Func(T1), SUB),
                        Errno.EOPNOTSUPP),
                new Case("module BTF gone", List.of(unload(MOD), load(FENTRY_MULTI, T1)), multi(P1, T1, MODF),
                        Errno.ENOENT),
                new Case("unknown btf id", P, multiTargets(P1, new Target.Func(T1), RawBtfId.of(99999)), Errno.EINVAL),
                new Case("sleepable, a target that may not sleep", List.of(loadSleepable(FENTRY_MULTI, T1)),
                        multi(P1, T1, T2), Errno.EINVAL),
                new Case("fmod_ret_multi, a target off the allowlist", List.of(load(FMOD_RET_MULTI, MRT)),
                        multi(P1, MRT, T2), Errno.EINVAL),
                new Case("btf_id_deny in bpf_check_attach_target (v2 09/18), module target before it", P,
                        multi(P1, MODF, "migrate_disable"), Errno.EINVAL),
                new Case("fexit_multi on a noreturn function (noreturn_deny for the *_MULTI kinds: H14b's fix)", W,
                        List.of(load(FEXIT_MULTI, T1)), multi(P1, T1, "do_exit"), Errno.EINVAL, true),
                new Case("fmod_ret_multi on do_exit, module target before it: off the fmod_ret allowlist",
                        List.of(load(FMOD_RET_MULTI, MRT)), multi(P1, "bpf_testmod_fentry_test2", "do_exit"),
                        Errno.EINVAL),
                new Case("arch_bpf_get_regs_nr fails (vmlinux target)", P,
                        fault(multi(P1, T1), DongV2Global.ARCH_BPF_GET_REGS_NR), Errno.ENODEV),
                new Case("arch_bpf_get_regs_nr fails (module target: H2)", W, P,
                        fault(multi(P1, MODF), DongV2Global.ARCH_BPF_GET_REGS_NR), Errno.ENODEV, true),
                // bpf_gtrampoline_link_prog
                new Case("seven arguments: no global caller", SEVEN, P, multi(P1, T1, "bpf_seven_args"),
                        Errno.EOPNOTSUPP, false),
                // the rollback walks every entry, also the one whose md it never made or just freed (H6c)
                new Case("kfunc_md_create fails (H6c: WARN on the missing md)", W, P,
                        fault(multi(P1, T1), DongV2Global.KFUNC_MD_ALLOC), Errno.ENOMEM, true),
                new Case("kfunc_md_bpf_link's kmalloc fails (H6c)", W, P,
                        fault(multi(P1, T1), DongV2Global.KFUNC_MD_ALLOC, 2), Errno.ENOMEM, true),
                new Case("kfunc_md_create fails on the 2nd entry (H6c: WARN on the missing md)", W, P,
                        fault(multi(P1, T1, T2), DongV2Global.KFUNC_MD_ALLOC, 3), Errno.ENOMEM, true),
                new Case("same function twice: kfunc_md_bpf_link -EEXIST (H6c)", W, P, multi(P1, T1, T1),
                        Errno.EEXIST, true),
                // the rollback of entry 0 unlinks the prog there, which is the first link's node (H6c)
                new Case("same prog on the function through a second link (H6c)", W, List.of(load(FENTRY_MULTI, T1),
                        multi(P1, T1)), multi(P1, T1), Errno.EEXIST, true),
                // bpf_gtrampoline_update_all: register path (gtr 1 not registered yet)
                new Case("register: function not ftrace-able (ftrace_set_filter_ips)", P, multi(P1, NOFTRACE),
                        Errno.EINVAL),
                new Case("register: filter hash alloc fails", P, fault(multi(P1, T1), hashAlloc), Errno.ENOMEM),
                new Case("register: a classic trampoline's direct call (ftrace_direct_update)",
                        List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1)), multi(P2, T1), Errno.EBUSY),
                new Case("register: ftrace_direct_update alloc fails", P, fault(multi(P1, T1), FaultPoint.FTRACE_REGISTER),
                        Errno.ENOMEM),
                new Case("register of gtr 2 fails after gtr 1 registered (rollback unregisters gtr 1)", P,
                        fault(multi(P1, T1, MRT), FaultPoint.FTRACE_REGISTER, 2), Errno.ENOMEM),
                // reset path (gtr 1 registered by a link on bpf_fentry_test7)
                new Case("reset: hash alloc fails", other, fault(multi(3, T1), hashAlloc), Errno.ENOMEM),
                new Case("reset: function not ftrace-able (ftrace_location)", other, multi(3, NOFTRACE), Errno.ENOENT),
                new Case("reset: a classic trampoline's direct call", List.of(load(FENTRY, T1), attach(P1),
                        load(FENTRY_MULTI, T7), multi(P2, T7), load(FENTRY_MULTI, T1)), multi(4, T1), Errno.EBUSY),
                new Case("reset: ftrace_direct_update alloc fails", other, fault(multi(3, T1), FaultPoint.FTRACE_REGISTER),
                        Errno.ENOMEM),
                new Case("reset: filter fails after direct_functions grew (H6b)", W, other,
                        fault(multi(3, T1), hashAlloc, 2), Errno.ENOMEM, true),
                // bpf_link_prime
                new Case("bpf_link_prime fails (unlink all)", P, fault(multi(P1, T1, MRT), FaultPoint.LINK_PRIME),
                        Errno.EMFILE),
                new Case("bpf_link_prime fails, other progs stay", p2.append(multi(P1, T1)),
                        fault(multi(P2, T1, MRT), FaultPoint.LINK_PRIME), Errno.EMFILE));
    }

    @TestFactory
    Stream<DynamicTest> everyErrnoOfTheAttachPathChangesNothing() {
        return attachPath().toJavaStream().flatMap(Case::tests);
    }

    /** The list above names every errno the path can return (the over-limit, fault and check errnos). */
    @Test
    void theCasesCoverEveryErrnoOfThePath() {
        assertEquals(TreeSet.of(Errno.EBADF, Errno.EINVAL, Errno.E2BIG, Errno.ENOMEM, Errno.EFAULT, Errno.EOPNOTSUPP,
                        Errno.ENOENT, Errno.ENODEV, Errno.EEXIST, Errno.EBUSY, Errno.EMFILE),
                TreeSet.ofAll(attachPath().map(Case::errno)));
    }

    // ---- coexistence with classic trampolines ----

    /** seed 003: "FENTRY_MULTI will be attached to the target who already have FENTRY on it": -EBUSY in the code. */
    @Test
    void multiOnAFunctionWithAClassicFentryIsRefusedWithEbusy() {
        failsUnchanged(FIXED, W, List.of(load(FENTRY, T1), attach(P1), load(FENTRY_MULTI, T1)), multi(P2, T1),
                Errno.EBUSY);
    }

    /** The reverse (hook P2): register_ftrace_direct of the classic trampoline finds the ip taken. */
    @Test
    void classicFentryOnAFunctionInTheGlobalFilterIsRefusedWithEbusy() {
        failsUnchanged(FIXED, W, List.of(load(FENTRY_MULTI, T1), multi(P1, T1), load(FENTRY, T1)), attach(P2),
                Errno.EBUSY);
        // and once the multi link is gone the classic attach goes through
        KState s = setup(FIXED, W, List.of(load(FENTRY_MULTI, T1), multi(P1, T1), load(FENTRY, T1), closeLink(1),
                attach(P2)));
        assertEquals(DesignObjects.NONE, s.designObjects());
    }

    // ---- the objects: what a link puts there and takes away ----

    @Test
    void aLinkFillsTheTableAndItsReleaseEmptiesIt() {
        KState s = setup(PRESET, W, List.of(load(FENTRY_MULTI, T1), load(FEXIT_MULTI, T1),
                multiCookies(P1, List.of(5L, 6L), T1, MRT), multi(P2, T1, MODF)));
        DongV2GlobalObjects o = (DongV2GlobalObjects) s.designObjects();
        assertEquals(2, o.md().get(T1).get().users());
        assertEquals(List.of(new DongV2GlobalObjects.MdProg(P1, 5)), o.md().get(T1).get().fentry());
        assertEquals(List.of(new DongV2GlobalObjects.MdProg(P2, 0)), o.md().get(T1).get().fexit());
        assertEquals(TreeMap.of(1, TreeSet.of(T1, MODF), 2, TreeSet.of(MRT)), o.gtr());
        assertEquals(TreeSet.of(T1, MODF, MRT), o.direct());
        assertEquals(1, s.modules().get(MOD).get().refcnt(), "the link's mods[] holds the module");
        assertTrue(o.tla().startsWith("[md |-> (\"bpf_fentry_test1\" :> [nr_args |-> 1, users |-> 2, "
                + "fentry |-> <<[prog |-> 2, cookie |-> 5]>>, fexit |-> <<[prog |-> 3, cookie |-> 0]>>"), o.tla());
        assertTrue(o.tla().contains("gtr |-> (1 :> {\"bpf_fentry_test1\", \"bpf_testmod_fentry_test1\"} @@ "
                + "2 :> {\"bpf_modify_return_test\"})"), o.tla());
        KState one = setup(PRESET, W, List.of(load(FENTRY_MULTI, T1), load(FEXIT_MULTI, T1),
                multiCookies(P1, List.of(5L, 6L), T1, MRT), multi(P2, T1, MODF), closeLink(1)));
        DongV2GlobalObjects left = (DongV2GlobalObjects) one.designObjects();
        assertEquals(TreeMap.of(1, TreeSet.of(T1, MODF)), left.gtr(), "gtr 2 unregistered");
        KState none = setup(PRESET, W, List.of(load(FENTRY_MULTI, T1), load(FEXIT_MULTI, T1),
                multiCookies(P1, List.of(5L, 6L), T1, MRT), multi(P2, T1, MODF), closeLink(1), closeLink(2)));
        assertEquals(DesignObjects.NONE, none.designObjects(), "the empty table is the empty slot");
        assertEquals("<<>>", none.designObjects().tla());
        assertEquals(0, none.modules().get(MOD).get().refcnt());
    }

    // ---- its invariants, each on a crafted bad state ----

    static KState linked() {
        return setup(PRESET, W, List.of(load(FENTRY_MULTI, T1), multi(P1, T1, MRT)));
    }

    static DongV2GlobalObjects objects(KState s) {
        return (DongV2GlobalObjects) s.designObjects();
    }

    static List<String> broken(KState s) {
        return PRESET.invariants().flatMap(i -> i.check(s)).map(Violation::invariant).distinct();
    }

    static Invariant own(String id) {
        return PRESET.invariants().find(i -> i.id().equals(id)).get();
    }

    @Test
    void theOwnInvariantsHoldOnALinkedState() {
        assertEquals(List.empty(), broken(linked()));
        assertEquals(List.of("KFUNC_MD_NR_ARGS", "KFUNC_MD_USERS", "KFUNC_MD_PROGS_MATCH_LINKS", "GTRAMP_LINKS_LIVE",
                "GTRAMP_FILTER_MATCHES_MD", "GTRAMP_DIRECT_MATCHES_FILTER", "GTRAMP_DIRECT_EXCLUSIVE",
                "KFUNC_MD_ATTACH_ALLOWED"),
                PRESET.invariants().map(Invariant::id));
    }

    @Test
    void kfuncMdNrArgsFailsOnAWrongArgumentCount() {
        KState s = linked();
        DongV2GlobalObjects o = objects(s);
        var md = o.md().get(T1).get();
        KState bad = s.withDesignObjects(o.withMd(o.md().put(T1, new DongV2GlobalObjects.Md(2, md.users(),
                md.fentry(), md.fexit(), md.fmodRet()))));
        assertEquals(1, own("KFUNC_MD_NR_ARGS").check(bad).size());
        assertEquals("kfunc_md " + T1, own("KFUNC_MD_NR_ARGS").check(bad).head().object());
    }

    @Test
    void kfuncMdUsersFailsOnAnExtraUserAndOnAnMdNoLinkNames() {
        KState s = linked();
        DongV2GlobalObjects o = objects(s);
        KState extra = s.withDesignObjects(o.withMd(o.md().put(T1, o.md().get(T1).get().withUsers(2))));
        assertEquals(List.of("KFUNC_MD_USERS"), broken(extra));
        KState orphan = s.withDesignObjects(o.withMd(o.md().put(T2, DongV2GlobalObjects.Md.fresh(2))));
        assertEquals(List.of("KFUNC_MD_USERS"), broken(orphan));
    }

    @Test
    void progsMatchLinksFailsOnAStrayProgAndAWrongCookie() {
        KState s = linked();
        DongV2GlobalObjects o = objects(s);
        var md = o.md().get(T1).get();
        KState stray = s.withDesignObjects(o.withMd(o.md().put(T1, md.withList(multilink.model.state.TrampKind.FEXIT,
                List.of(new DongV2GlobalObjects.MdProg(P1, 0))))));
        assertEquals(1, own("KFUNC_MD_PROGS_MATCH_LINKS").check(stray).size());
        KState cookie = s.withDesignObjects(o.withMd(o.md().put(T1, md.withList(multilink.model.state.TrampKind.FENTRY,
                List.of(new DongV2GlobalObjects.MdProg(P1, 9))))));
        assertEquals(List.of("KFUNC_MD_PROGS_MATCH_LINKS"), broken(cookie));
    }

    @Test
    void linksLiveFailsOnEntriesOfAGoneLink() {
        KState s = linked();
        DongV2GlobalObjects o = objects(s);
        KState bad = s.withDesignObjects(o.withLinks(o.links().put(7, List.of(new DongV2GlobalObjects.Entry(T2, 0)))));
        assertTrue(broken(bad).contains("GTRAMP_LINKS_LIVE"), broken(bad).toString());
        assertEquals(1, own("GTRAMP_LINKS_LIVE").check(bad).size());
    }

    @Test
    void filterMatchesMdFailsOnAMissingAndAnExtraFunction() {
        KState s = linked();
        DongV2GlobalObjects o = objects(s);
        KState missing = s.withDesignObjects(o.withGtr(o.gtr().put(1, TreeSet.empty())));
        assertEquals(1, own("GTRAMP_FILTER_MATCHES_MD").check(missing).size());
        KState extra = s.withDesignObjects(o.withGtr(o.gtr().put(1, TreeSet.of(T1, T7))));
        assertEquals("gtr 1", own("GTRAMP_FILTER_MATCHES_MD").check(extra).head().object());
    }

    @Test
    void directMatchesFilterFailsOnAStaleEntry() {
        KState s = linked();
        DongV2GlobalObjects o = objects(s);
        KState bad = s.withDesignObjects(o.withDirect(o.direct().add(T7)));
        assertEquals(List.of("GTRAMP_DIRECT_MATCHES_FILTER"), broken(bad));
    }

    @Test
    void directExclusiveFailsWhereAClassicTrampolineCallsToo() {
        KState s = setup(PRESET, W, List.of(load(FENTRY, T1), attach(P1)));
        KState bad = s.withDesignObjects(DongV2GlobalObjects.EMPTY.withDirect(TreeSet.of(T1))
                .withGtr(TreeMap.of(1, TreeSet.of(T1))));
        assertEquals(1, own("GTRAMP_DIRECT_EXCLUSIVE").check(bad).size());
    }

    @Test
    void attachAllowedFailsOnAnFexitProgOnANoreturnFunctionAndAnyProgOnADeniedOne() {
        KState s = setup(PRESET, W, List.of(load(FEXIT_MULTI, T1), multi(P1, T1)));
        DongV2GlobalObjects o = objects(s);
        var md = o.md().get(T1).get();
        KState noret = s.withDesignObjects(o.withMd(o.md().remove(T1).put("do_exit", md)));
        assertEquals("kfunc_md do_exit (noreturn)", own("KFUNC_MD_ATTACH_ALLOWED").check(noret).head().object());
        KState denied = s.withDesignObjects(o.withMd(o.md().remove(T1).put("migrate_disable", md)));
        assertEquals("kfunc_md migrate_disable (btf_id_deny)",
                own("KFUNC_MD_ATTACH_ALLOWED").check(denied).head().object());
        KState fentry = setup(PRESET, W, List.of(load(FENTRY_MULTI, T1), multi(P1, T1, "do_exit")));
        assertEquals(List.empty(), own("KFUNC_MD_ATTACH_ALLOWED").check(fentry), "fentry on do_exit is allowed");
    }

    // ---- the findings: shown by the preset, gone with the fix ----

    /** The violations the step shows on {@code d}, the design's own invariants included. */
    static List<String> shows(Design d, World w, List<Step> setup, Step step) {
        KState s = setup(d, w, setup);
        return Invariants.check(d, s, Syscalls.step(d, s, step)).map(Violation::invariant).distinct();
    }

    static void shownAndFixed(String fix, List<String> expected, List<Step> setup, Step step) {
        assertEquals(expected, shows(PRESET, W, setup, step));
        Design fixed = PRESET.withSwitches(PRESET.switches().add(fix));
        assertEquals(List.empty(), shows(fixed, W, setup, step), fix);
    }

    @Test
    void h2ModuleLeakedWhenArchBpfGetRegsNrFails() {
        shownAndFixed(DongV2Global.REGSNRPUT, List.of("REF_MODULE", Invariants.FAILED_SYSCALL_CHANGES_NOTHING), P,
                fault(multi(P1, MODF), DongV2Global.ARCH_BPF_GET_REGS_NR));
    }

    @Test
    void h14bFexitMultiAttachesToANoreturnFunction() {
        shownAndFixed(DongV2Global.NORETMULTI, List.of("KFUNC_MD_ATTACH_ALLOWED"), List.of(load(FEXIT_MULTI, T1)),
                multi(P1, T1, "do_exit"));
        // MODIFY_RETURN_MULTI is off the fmod_ret allowlist there anyway (do_exit returns void)
        // btf_id_deny is checked for every target in v2 (09/18): dong-v1's H14 has no deny half here
        failsUnchanged(PRESET, W, P, multi(P1, T1, "migrate_disable"), Errno.EINVAL);
    }

    /** H1 as in dong-v1 (the same kfree of kvmalloc'd arrays in v2 11/18): cookies of cnt > 512 from vmalloc. */
    @Test
    void h1KvmallocdCookiesFreedWithKfree() {
        shownAndFixed("kvfree", List.of("FREE_MATCHES_ALLOC", Invariants.FAILED_SYSCALL_CHANGES_NOTHING), P,
                fault(multiCookiesCnt(P1, 513, List.of(1L), T1), FaultPoint.KVMALLOC_VMALLOC));
    }

    @Test
    void h6aUnlinkIgnoresAFailedUnregister() {
        shownAndFixed(DongV2Global.UNLINKUPDATE, List.of("GTRAMP_FILTER_MATCHES_MD"),
                List.of(load(FENTRY_MULTI, T1), multi(P1, T1)), fault(closeLink(1), FaultPoint.FTRACE_UNREGISTER));
        // what follows: the function stays hooked, so a classic attach there is refused
        KState s = setup(PRESET, W, List.of(load(FENTRY_MULTI, T1), multi(P1, T1), load(FENTRY, T1)));
        KState after = Syscalls.step(PRESET, s, fault(closeLink(1), FaultPoint.FTRACE_UNREGISTER)).state();
        assertEquals(Errno.EBUSY, Syscalls.step(PRESET, after, attach(P2)).errno());
    }

    @Test
    void h6bResetLeavesTheDirectEntriesItAdded() {
        shownAndFixed(DongV2Global.RESETROLLBACK, List.of("GTRAMP_DIRECT_MATCHES_FILTER",
                Invariants.FAILED_SYSCALL_CHANGES_NOTHING), List.of(load(FENTRY_MULTI, T7), multi(P1, T7),
                load(FENTRY_MULTI, T1)), fault(multi(P2, T1), FaultPoint.FTRACE_HASH_ALLOC, 2));
    }

    @Test
    void h6cUnlinkStopsAtTheFirstError() {
        shownAndFixed(DongV2Global.MDUNLINKALL, List.of("KFUNC_MD_USERS", Invariants.FAILED_SYSCALL_CHANGES_NOTHING),
                P, multi(P1, T1, T1));
        shownAndFixed(DongV2Global.MDUNLINKALL, List.of("NO_KERNEL_WARN", Invariants.FAILED_SYSCALL_CHANGES_NOTHING),
                P, fault(multi(P1, T1, T2), DongV2Global.KFUNC_MD_ALLOC, 3));
    }

    /** Each known finding's symptoms name what it shows, so the checkers excuse it and nothing else. */
    @Test
    void theFindingsExplainWhatTheyShow() {
        KState s = setup(PRESET, W, P);
        Outcome o = Syscalls.step(PRESET, s, multi(P1, T1, T1));
        List<Violation> v = Invariants.check(PRESET, s, o);
        assertFalse(v.isEmpty());
        var h6c = PRESET.presetFindings().find(f -> f.hazard().equals("H6c")).get();
        assertTrue(v.forAll(h6c::explains), v.toString());
        var h2 = PRESET.presetFindings().find(f -> f.hazard().equals("H2")).get();
        assertFalse(v.exists(h2::explains));
    }

    // ---- the random checker: the preset shows only known findings ----

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void theRandomCheckerFindsNothingNewInThePreset(long seed) {
        Explorer.Report r = Explorer.explore(PRESET, DefaultWorld.explore(), seed, 300, 30, c -> { });
        assertEquals(Option.none(), r.broken().map(f -> f.violation() + " after " + f.trace()));
        assertTrue(r.errnos().keySet().containsAll(List.of("ok", "EINVAL", "ENOMEM")), r.errnos().toString());
    }

    /** The rollback of a second link of the same prog on a function unlinks the first link's node (H6c). */
    @Test
    void h6cTheRollbackUnlinksTheOtherLinksNode() {
        List<Step> setup = List.of(load(FENTRY_MULTI, T1), multi(P1, T1));
        assertEquals(List.of("KFUNC_MD_PROGS_MATCH_LINKS", Invariants.FAILED_SYSCALL_CHANGES_NOTHING),
                shows(PRESET, W, setup, multi(P1, T1)));
        KState s = setup(PRESET, W, setup);
        KState after = Syscalls.step(PRESET, s, multi(P1, T1)).state();
        assertEquals(List.empty(), objects(after).md().get(T1).get().fentry(), "link 1's prog is gone from its md");
        assertEquals(TreeMap.empty(), objects(after).gtr(), "and bpf_fentry_test1 is no longer hooked");
    }

    // ---- the seeded bugs: the random checker catches each as a new violation ----

    @ParameterizedTest
    @ValueSource(strings = {"bug_dv2_link_err_no_md_put", "bug_dv2_unlink_no_put_ip", "bug_dv2_no_update",
            "bug_dv2_nr_args_plus_one", "bug_dv2_prime_err_no_unlink", "bug_dv2_release_no_mod_put",
            "bug_dv2_unreg_keeps_direct"})
    void theRandomCheckerCatchesEachSeededBug(String bug) {
        Design d = design("dong-v2-global+" + bug);
        Option<Explorer.Failure> caught = Option.none();
        for (long seed = 1; seed <= 3 && caught.isEmpty(); seed++) {
            caught = Explorer.explore(d, DefaultWorld.explore(), seed, 1000, 30, c -> { }).broken();
        }
        assertTrue(caught.isDefined(), bug + " not caught");
        // a new violation: the trace replayed on the design without the bug is clean
        Checker.Run clean = Checker.run(PRESET, DefaultWorld.explore(), caught.get().trace());
        assertTrue(clean.broken().isEmpty(), () -> bug + ": " + clean.broken());
        System.out.println(bug + ": " + caught.get().violation() + " in " + caught.get().trace().size() + " steps");
    }
}
