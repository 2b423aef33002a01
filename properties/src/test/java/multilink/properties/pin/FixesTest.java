package multilink.properties.pin;

import io.vavr.collection.List;
import multilink.model.Errno;
import multilink.model.design.Designs;
import multilink.model.invariant.Invariants;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.step.FaultPoint;
import multilink.model.step.Outcome;
import multilink.model.step.RefEvent;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.KernelFunc;
import multilink.model.world.World;
import multilink.properties.pin.InvariantPinTest.V;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FENTRY_MULTI;
import static multilink.model.state.ProgType.FEXIT_MULTI;
import static multilink.properties.pin.InvariantPinTest.v;
import static multilink.properties.pin.Reached.MOD;
import static multilink.properties.pin.Reached.T1;
import static multilink.properties.pin.Reached.T2;
import static multilink.properties.pin.Reached.attach;
import static multilink.properties.pin.Reached.closeLink;
import static multilink.properties.pin.Reached.fault;
import static multilink.properties.pin.Reached.fn;
import static multilink.properties.pin.Reached.load;
import static multilink.properties.pin.Reached.multi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fix of each known finding, switched on by name: the trace that shows
 * the finding on the design without its fix gives exactly the finding's
 * violations there, and with the fix the same trace is clean (or shows only
 * another finding), with the errno and the kernel calls the fix makes.
 */
class FixesTest {
    static final String IMG1 = "img(" + T1 + ":L1/p2||)";
    static final String IMG12 = "img(" + T1 + ":L2/p3,L1/p2||)";

    /** The last step of {@code trace} on {@code design}, every step before it clean. */
    static Outcome last(String design, World w, List<Step> trace) {
        KState s = KState.initial(w);
        Outcome o = null;
        for (int i = 0; i < trace.size(); i++) {
            o = Syscalls.step(Designs.parse(design).get(), s, trace.get(i));
            if (i < trace.size() - 1) {
                assertEquals(List.empty(), Invariants.check(s, o), design + ": " + trace.get(i));
            }
            lastBefore = s;
            s = o.state();
        }
        return o;
    }

    private static KState lastBefore;

    static Outcome last(String design, List<Step> trace) {
        return last(design, DefaultWorld.get(), trace);
    }

    /** The violations of the last step of {@code trace} on {@code design}. */
    static List<V> broken(String design, World w, List<Step> trace) {
        Outcome o = last(design, w, trace);
        return Invariants.check(lastBefore, o).map(V::of);
    }

    static List<V> broken(String design, List<Step> trace) {
        return broken(design, DefaultWorld.get(), trace);
    }

    static List<String> events(Outcome o) {
        return o.events().map(RefEvent::toString);
    }

    // ---- dedup (H7) ----

    static final List<Step> DUPLICATE_IDS = List.of(load(FENTRY, T1), attach(2), load(FENTRY_MULTI, T1),
            multi(3, T1, T1));

    @Test
    void dedupRefusesDuplicateIdsBeforeTakingAnything() {
        List<V> h7 = List.of(v("NO_DANGLING", "trampoline " + T1 + " cur_image"),
                v("FTRACE_MATCHES_TRAMPOLINES", "site " + T1), v("IMAGE_MATCHES_PROGS", "trampoline " + T1),
                v("IMAGE_OWNED", IMG1),
                v(Invariants.FAILED_SYSCALL_CHANGES_NOTHING, "syscall returning EBUSY: trampolines[" + T1 + "]"));
        assertEquals(h7, broken("olsa-v3", DUPLICATE_IDS));
        assertEquals(h7, broken("upstream-dedup", DUPLICATE_IDS), "upstream without its fix");
        for (String d : List.of("olsa-v3+dedup", "upstream")) {
            Outcome o = last(d, DUPLICATE_IDS);
            assertEquals(Errno.EINVAL, o.errno(), d);
            assertEquals(List.of("bpf_prog_inc(prog 3)=2", "bpf_prog_put(prog 3)=1"), events(o), d);
            assertEquals(List.empty(), broken(d, DUPLICATE_IDS), d);
        }
        // not only neighbours: any id twice (olsa-v3 does not sort)
        assertEquals(Errno.EINVAL, last("olsa-v3+dedup", List.of(load(FENTRY_MULTI, T1), multi(2, T1, T2, T1)))
                .errno());
        assertEquals(Errno.OK, last("olsa-v3+dedup", List.of(load(FENTRY_MULTI, T1), multi(2, T1, T2))).errno());
    }

    // ---- retirefix (H8) ----

    static final List<Step> DETACH_FAILS = List.of(load(FENTRY, T1), attach(2), load(FENTRY_MULTI, T1),
            multi(3, T1, T2), fault(closeLink(2), FaultPoint.IMAGE_ALLOC, 1));

    @Test
    void retirefixKeepsTheImageThatStayedCurrent() {
        List<V> h9 = List.of(v("IMAGE_MATCHES_PROGS", "trampoline " + T1),
                v("NO_KERNEL_WARN", "link 2 " + T1 + ": ENOMEM"));
        assertEquals(List.of(v("NO_DANGLING", "trampoline " + T1 + " cur_image"),
                v("NO_DANGLING", "ftrace site " + T1), h9.head(), h9.last()), broken("olsa-v3", DETACH_FAILS));
        assertEquals(h9, broken("olsa-v3+retirefix", DETACH_FAILS), "H9 alone");
        assertEquals(h9, broken("upstream", DETACH_FAILS));
        String put = "bpf_tramp_image_put(" + IMG12 + ")=0";
        assertTrue(events(last("olsa-v3", DETACH_FAILS)).contains(put));
        assertFalse(events(last("olsa-v3+retirefix", DETACH_FAILS)).contains(put));
        // an attach that did move cur_image retires the old image with or without the fix
        List<Step> attachOnly = DETACH_FAILS.init();
        for (String d : List.of("olsa-v3", "olsa-v3+retirefix")) {
            assertTrue(events(last(d, attachOnly)).contains("bpf_tramp_image_put(" + IMG1 + ")=0"), d);
        }
    }

    // ---- detachnofail (H9) ----

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"image_alloc", "arch_prepare", "ftrace_modify"})
    void detachnofailClassicUnlinkCannotFail(String point) {
        FaultPoint p = FaultPoint.parse(point).get();
        List<Step> trace = List.of(load(FENTRY, T1), load(FENTRY, T1), attach(2), attach(3),
                fault(closeLink(1), p, 1));
        assertEquals(List.of(v("IMAGE_MATCHES_PROGS", "trampoline " + T1), v("NO_KERNEL_WARN", "link 1: " + p.errno())),
                broken("classic", trace));
        Outcome broken = last("classic", trace);
        assertTrue(broken.faultFired());
        assertEquals(io.vavr.control.Option.of(1), broken.passes().get(p));
        Outcome fixed = last("classic+detachnofail", trace);
        assertEquals(Errno.OK, fixed.errno());
        assertFalse(fixed.faultFired(), "the update in unlink passes no fault point");
        assertTrue(fixed.passes().isEmpty(), fixed.passes().toString());
        assertEquals(List.empty(), broken("classic+detachnofail", trace));
    }

    static final List<Step> MULTI_BESIDE_CLASSIC = List.of(load(FENTRY, T1), attach(2), load(FENTRY_MULTI, T1),
            multi(3, T1, T2));

    @Test
    void detachnofailSingleOpsFtraceUpdatesCannotFail() {
        List<Step> del = MULTI_BESIDE_CLASSIC.append(fault(closeLink(2), FaultPoint.FTRACE_UNREGISTER, 1));
        assertEquals(List.of(v("NO_DANGLING", "ftrace site " + T2), v("FTRACE_MATCHES_TRAMPOLINES", "site " + T2),
                v("NO_KERNEL_WARN", "update_ftrace_direct_del")), broken("upstream", del));
        List<Step> mod = MULTI_BESIDE_CLASSIC.append(fault(closeLink(2), FaultPoint.FTRACE_MODIFY, 1));
        assertEquals(List.of(v("NO_DANGLING", "ftrace site " + T1), v("FTRACE_MATCHES_TRAMPOLINES", "site " + T1),
                v("NO_KERNEL_WARN", "update_ftrace_direct_mod")), broken("upstream", mod));
        for (List<Step> trace : List.of(del, mod)) {
            Outcome fixed = last("upstream+detachnofail", trace);
            assertFalse(fixed.faultFired());
            assertTrue(fixed.passes().isEmpty());
            assertEquals(List.of("update_ftrace_direct_del(" + T2 + ")", "update_ftrace_direct_mod(" + T1 + " -> "
                    + IMG1 + ")"), events(fixed).filter(e -> e.startsWith("update_ftrace")));
            assertEquals(List.empty(), broken("upstream+detachnofail", trace));
        }
    }

    // ---- unregkeep (H15) ----

    /** p3 still holds the trampoline through its dst_trampoline, so it outlives the close. */
    static final List<Step> UNREGISTER_FAILS = List.of(load(FENTRY, T1), load(FENTRY, T1), attach(2),
            fault(closeLink(1), FaultPoint.FTRACE_UNREGISTER, 1));

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"classic", "olsa-v3", "dong-v1"})
    void unregkeepKeepsTheImageAFailedUnregisterLeftInstalled(String d) {
        KState before = Reached.run(d, UNREGISTER_FAILS.init().toJavaArray(Step[]::new));
        String put = "bpf_tramp_image_put(" + IMG1 + ")=0";
        // 6.1/6.12: the image is put and cur_image cleared, the site still calls it
        Outcome o = last(d, UNREGISTER_FAILS);
        assertEquals(Errno.OK, o.errno(), "release is void");
        assertTrue(events(o).contains(put), events(o).toString());
        assertTrue(o.state().trampolines().get(fn(T1)).get().curImage().isEmpty());
        assertEquals(before.directCalls(), o.state().directCalls());
        assertEquals(List.of(v("NO_DANGLING", "ftrace site " + T1), v("FTRACE_MATCHES_TRAMPOLINES", "site " + T1),
                v("NO_KERNEL_WARN", "link 1: ENOMEM")), broken(d, UNREGISTER_FAILS));
        // merged: unregister_fentry returns before the put; what is left is H9's stale image
        Outcome kept = last(d + "+unregkeep", UNREGISTER_FAILS);
        assertEquals(Errno.OK, kept.errno());
        assertFalse(events(kept).contains(put));
        assertEquals(before.trampolines().get(fn(T1)).get().curImage(),
                kept.state().trampolines().get(fn(T1)).get().curImage());
        assertEquals(before.directCalls(), kept.state().directCalls());
        assertEquals(List.of(v("IMAGE_MATCHES_PROGS", "trampoline " + T1), v("NO_KERNEL_WARN", "link 1: ENOMEM")),
                broken(d + "+unregkeep", UNREGISTER_FAILS));
        assertEquals(List.empty(), broken(d + "+fixes", UNREGISTER_FAILS));
        // upstream and sdt-observer ship the fix: the same trace is H9 alone there
        assertEquals(broken(d + "+unregkeep", UNREGISTER_FAILS), broken("upstream", UNREGISTER_FAILS));
    }

    /** dong-v1's rollback unregisters too: the failed attach returns its own errno and, fixed, changes nothing. */
    @Test
    void unregkeepOnTheRollbackOfAFailedMultiAttach() {
        List<Step> trace = List.of(load(FENTRY_MULTI, T1),
                fault(multi(2, T1, "bpf_lsm_inline_helper"), FaultPoint.FTRACE_UNREGISTER, 1));
        KState before = Reached.run("dong-v1", trace.head());
        assertEquals(List.of(v("NO_DANGLING", "ftrace site " + T1), v("FTRACE_MATCHES_TRAMPOLINES", "site " + T1),
                v(Invariants.FAILED_SYSCALL_CHANGES_NOTHING, "syscall returning EBUSY: ftrace[" + T1 + "]")),
                broken("dong-v1", trace));
        for (String d : List.of("dong-v1", "dong-v1+unregkeep", "dong-v1+fixes")) {
            assertEquals(Errno.EBUSY, last(d, trace).errno(), d + ": the poke of the site without nop5");
        }
        assertEquals(List.of(v("IMAGE_MATCHES_PROGS", "trampoline " + T1),
                v(Invariants.FAILED_SYSCALL_CHANGES_NOTHING, "syscall returning EBUSY: trampolines[" + T1 + "]"),
                v(Invariants.FAILED_SYSCALL_CHANGES_NOTHING, "syscall returning EBUSY: images[" + IMG1 + "]"),
                v(Invariants.FAILED_SYSCALL_CHANGES_NOTHING, "syscall returning EBUSY: ftrace[" + T1 + "]")),
                broken("dong-v1+unregkeep", trace), "H9 alone");
        Outcome fixed = last("dong-v1+fixes", trace);
        assertEquals(List.empty(), broken("dong-v1+fixes", trace));
        // T1's flag stays set from the register that did succeed, as in the kernel; nothing else differs
        assertEquals(before, Invariants.ftraceManagedAsBefore(before, fixed.state()));
    }

    // ---- unlinkall (H5) ----

    static final List<Step> PARTIAL_UNLINK = List.of(load(FENTRY, T1), attach(2), load(FENTRY, T2), attach(3),
            load(FENTRY_MULTI, T1), multi(4, T1, T2), fault(closeLink(3), FaultPoint.IMAGE_ALLOC, 1));

    @Test
    void unlinkallGoesOnPastAFailingEntry() {
        assertEquals(List.of(v("NO_DANGLING", "trampoline " + T2 + " node"),
                v("IMAGE_MATCHES_PROGS", "trampoline " + T1),
                v("LINKINFO_MATCHES", "trampoline " + T2 + " node L3/p4")), broken("dong-v1", PARTIAL_UNLINK));
        assertEquals(List.of(v("IMAGE_MATCHES_PROGS", "trampoline " + T1),
                v("NO_KERNEL_WARN", "link 3 " + T1 + ": ENOMEM")), broken("dong-v1+unlinkall", PARTIAL_UNLINK),
                "H9 alone, with the WARN of the entry that failed");
        assertEquals(List.empty(), broken("dong-v1+unlinkall+detachnofail", PARTIAL_UNLINK));
        assertFalse(events(last("dong-v1", PARTIAL_UNLINK)).exists(e -> e.contains(T2 + " -> img")),
                "the T2 entry is never unlinked");
        assertTrue(events(last("dong-v1+unlinkall", PARTIAL_UNLINK))
                .contains("modify_ftrace_direct(" + T2 + " -> img(" + T2 + ":L2/p3||))"));
    }

    // ---- kvfree (H1) ----

    @Test
    void kvfreeFreesKvmallocMemory() {
        // only the cookies of cnt > 512 exceed PAGE_SIZE (mm/util.c:661); the short user array fails the copy
        Step big = Step.faulty(new multilink.model.step.Op.AttachMulti(2, List.of(new multilink.model.world.Target.Func(T1)),
                io.vavr.control.Option.of(List.of(1L)), 0, io.vavr.control.Option.of(513)), FaultPoint.KVMALLOC_VMALLOC, 1);
        List<Step> trace = List.of(load(FENTRY_MULTI, T1), big);
        assertEquals(List.of(v("FREE_MATCHES_ALLOC", "kfree(cookies) of vmalloc memory"),
                v(Invariants.FAILED_SYSCALL_CHANGES_NOTHING,
                        "syscall returning EFAULT: warning FREE_MISMATCH(kfree(cookies) of vmalloc memory)")),
                broken("dong-v1", trace));
        assertEquals(List.empty(), broken("dong-v1+kvfree", trace));
        List<String> e = events(last("dong-v1+kvfree", trace));
        assertTrue(e.contains("kvfree(cookies)") && !e.contains("kfree(cookies)"), e.toString());
    }

    // ---- freeentries (H3) ----

    @Test
    void freeentriesFreesTheEntriesOnEveryErrorPath() {
        List<Step> eexist = List.of(load(FENTRY_MULTI, T1), multi(2, T1), multi(2, T2));
        assertEquals(List.of(v("NO_MEMORY_LEAK", "link.entries"), v(Invariants.FAILED_SYSCALL_CHANGES_NOTHING,
                "syscall returning EEXIST: warning MEMORY_LEAK(link.entries)")), broken("dong-v1", eexist));
        Outcome fixed = last("dong-v1+freeentries", eexist);
        assertEquals(Errno.EEXIST, fixed.errno());
        assertEquals(List.of("bpf_prog_inc(prog 2)=3", "kvmalloc(btf_ids)", "kmalloc(bpf_tracing_multi_link)",
                "kmalloc(link.entries)", "kfree(link.entries)", "kfree(btf_ids)", "kfree(bpf_tracing_multi_link)",
                "bpf_prog_put(prog 2)=2"), events(fixed));
        assertEquals(List.empty(), broken("dong-v1+freeentries", eexist));
        // after the first entry counted the entries are freed once, with or without the fix
        List<Step> later = List.of(load(FENTRY_MULTI, T1), multi(2, T1, "no_such_function"));
        for (String d : List.of("dong-v1", "dong-v1+freeentries")) {
            assertEquals(1, events(last(d, later)).count(x -> x.equals("kfree(link.entries)")), d);
            assertEquals(List.empty(), broken(d, later), d);
        }
    }

    // ---- denycheck (H14) ----

    /** The default world with a noreturn and a denied function in the module. */
    static final World MOD_DENY = new World(DefaultWorld.get().functions()
            .append(KernelFunc.plain("testmod_exit", 1).inModule(MOD).asNoreturn())
            .append(KernelFunc.plain("testmod_denied", 1).inModule(MOD).asDenied()),
            DefaultWorld.get().modules(), DefaultWorld.get().targetProgs(), DefaultWorld.get().maxTrampLinks());

    @Test
    void denycheckChecksEveryTargetAndGivesTheModuleBack() {
        List<Step> denied = List.of(load(FEXIT_MULTI, T1), multi(2, T1, "testmod_denied"));
        List<Step> noreturn = List.of(load(FEXIT_MULTI, T1), multi(2, T1, "testmod_exit"));
        assertEquals(List.of(v("ATTACH_ALLOWED", "trampoline testmod_denied prog 2 (btf_id_deny)")),
                broken("dong-v1", MOD_DENY, denied));
        assertEquals(List.of(v("ATTACH_ALLOWED", "trampoline testmod_exit prog 2 (noreturn_deny)")),
                broken("dong-v1", MOD_DENY, noreturn));
        for (List<Step> trace : List.of(denied, noreturn)) {
            Outcome o = last("dong-v1+denycheck", MOD_DENY, trace);
            assertEquals(Errno.EINVAL, o.errno());
            assertEquals(List.of("try_module_get(" + MOD + ")=1", "module_put(" + MOD + ")=0"),
                    events(o).filter(e -> e.contains("module")));
            assertEquals(List.empty(), broken("dong-v1+denycheck", MOD_DENY, trace));
        }
        // fentry may trace a noreturn function: the fix lets it through
        List<Step> fentry = List.of(load(FENTRY_MULTI, T1), multi(2, T1, "testmod_exit", "do_exit"));
        assertEquals(Errno.OK, last("dong-v1+denycheck", MOD_DENY, fentry).errno());
        assertEquals(List.empty(), broken("dong-v1+denycheck", MOD_DENY, fentry));
    }
}
