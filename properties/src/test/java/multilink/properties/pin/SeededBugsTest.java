package multilink.properties.pin;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.design.DongV2Global;
import multilink.model.design.Switch;
import multilink.model.design.Switches;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.step.FaultPoint;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.World;
import multilink.properties.pin.InvariantPinTest.V;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FENTRY_MULTI;
import static multilink.model.state.ProgType.FMOD_RET;
import static multilink.model.state.ProgType.FREPLACE;
import static multilink.properties.pin.Reached.MOD;
import static multilink.properties.pin.Reached.MOD_F1;
import static multilink.properties.pin.Reached.MOD_F2;
import static multilink.properties.pin.Reached.T1;
import static multilink.properties.pin.Reached.T2;
import static multilink.properties.pin.Reached.attach;
import static multilink.properties.pin.Reached.closeLink;
import static multilink.properties.pin.Reached.closeProg;
import static multilink.properties.pin.Reached.fault;
import static multilink.properties.pin.Reached.load;
import static multilink.properties.pin.Reached.loadSub;
import static multilink.properties.pin.Reached.multi;
import static multilink.properties.pin.Reached.retarget;
import static multilink.properties.pin.Reached.sub;
import static multilink.properties.pin.Reached.unload;
import static multilink.properties.pin.InvariantPinTest.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every seeded bug of {@link Switches#ALL}, planted by name on its first
 * preset ({@code classic+bug_release_no_tramp_put}): a short trace whose
 * last step shows exactly the violations the bug causes (and the errno it
 * returns), while every step before is clean, and the same trace on the
 * preset without the bug breaks nothing at all. A bug switch the model no
 * longer consults, or a guard that planted it everywhere, fails here.
 */
class SeededBugsTest {
    static final World W = DefaultWorld.get();

    static Arguments bug(String name, World world, Errno errno, List<Step> trace, V... expected) {
        return Arguments.of(name, world, errno, trace, List.of(expected));
    }

    static Arguments bug(String name, Errno errno, List<Step> trace, V... expected) {
        return bug(name, W, errno, trace, expected);
    }

    static String failed(Errno e, String object) {
        return "syscall returning " + e + ": " + object;
    }

    static final String IMG_T1 = "img(" + T1 + ":L1/p2||)";

    static Stream<Arguments> bugs() {
        String fail = Invariants.FAILED_SYSCALL_CHANGES_NOTHING;
        return Stream.of(
                // ---- the shared (classic) paths ----
                bug("bug_release_no_tramp_put", Errno.OK, List.of(load(FENTRY, T1), attach(2), closeLink(1)),
                        v("REF_TRAMPOLINE", "trampoline " + T1)),
                bug("bug_release_no_tgt_prog_put", Errno.OK,
                        List.of(loadSub(FREPLACE, "subprog_a"), attach(2), closeLink(1)),
                        v("REF_PROG", "prog 1")),
                bug("bug_attach_err_no_tramp_put", Errno.EMFILE,
                        List.of(load(FENTRY, T1), attach(2), closeLink(1), fault(attach(2), FaultPoint.LINK_PRIME, 1)),
                        v("REF_TRAMPOLINE", "trampoline " + T1),
                        v(fail, failed(Errno.EMFILE, "trampolines[" + T1 + "]"))),
                bug("bug_attach_keeps_dst_prog", Errno.OK,
                        List.of(loadSub(FREPLACE, "subprog_a"), retarget(2, sub("subprog_b"))),
                        v("REF_PROG", "prog 1")),
                bug("bug_attach_keeps_dst_tramp", Errno.OK,
                        List.of(loadSub(FREPLACE, "subprog_a"), retarget(2, sub("subprog_b"))),
                        v("REF_TRAMPOLINE", "trampoline " + sub("subprog_a"))),
                bug("bug_cleanup_puts_prog", Errno.ENOMEM,
                        List.of(load(FENTRY, T1), fault(attach(2), FaultPoint.IMAGE_ALLOC, 1)),
                        v("NO_UNDERFLOW", "prog 2 (freed with its fd open)"),
                        v(fail, failed(Errno.ENOMEM, "progs[2]")),
                        v(fail, failed(Errno.ENOMEM, "trampolines[" + T1 + "]")),
                        v(fail, failed(Errno.ENOMEM, "btfs[vmlinux]")),
                        v(fail, failed(Errno.ENOMEM, "warning REFCOUNT_UNDERFLOW(prog 2 (freed with its fd open))"))),
                bug("bug_link_err_keeps_node", Errno.ENOMEM,
                        List.of(load(FENTRY, T1), fault(attach(2), FaultPoint.IMAGE_ALLOC, 1)),
                        v("NO_DANGLING", "trampoline " + T1 + " node"),
                        v("IMAGE_MATCHES_PROGS", "trampoline " + T1),
                        v("LINKINFO_MATCHES", "trampoline " + T1 + " node L1/p2"),
                        v(fail, failed(Errno.ENOMEM, "trampolines[" + T1 + "]"))),
                bug("bug_modify_no_image_put", Errno.OK,
                        List.of(load(FENTRY, T1), load(FENTRY, T1), attach(2), attach(3)),
                        v("IMAGE_OWNED", IMG_T1)),
                bug("bug_unregister_no_image_put", Errno.OK, List.of(load(FENTRY, T1), attach(2), closeLink(1)),
                        v("IMAGE_OWNED", IMG_T1)),
                bug("bug_arch_prepare_leaks_image", Errno.EFAULT,
                        List.of(load(FENTRY, T1), fault(attach(2), FaultPoint.ARCH_PREPARE, 1)),
                        v("IMAGE_OWNED", IMG_T1), v(fail, failed(Errno.EFAULT, "images[" + IMG_T1 + "]"))),
                bug("bug_ftrace_err_leaks_image", Errno.ENOMEM,
                        List.of(load(FENTRY, T1), fault(attach(2), FaultPoint.FTRACE_REGISTER, 1)),
                        v("IMAGE_OWNED", IMG_T1), v(fail, failed(Errno.ENOMEM, "images[" + IMG_T1 + "]"))),
                bug("bug_no_tramp_limit", W.withMaxTrampLinks(1), Errno.OK,
                        List.of(load(FENTRY, T1), load(FENTRY, T1), attach(2), attach(3)),
                        v("TRAMP_LINK_LIMIT", "trampoline " + T1)),
                bug("bug_fmodret_any_func", Errno.OK, List.of(load(FMOD_RET, T2), attach(2)),
                        v("ATTACH_ALLOWED", "trampoline " + T2 + " prog 2 (fmod_ret allowlist)")),
                bug("bug_ext_not_exclusive", Errno.OK,
                        List.of(loadSub(FREPLACE, "subprog_a"), attach(2), loadSub(FENTRY, "subprog_a"), attach(3)),
                        v("EXTENSION_EXCLUSIVE", "trampoline " + sub("subprog_a"))),
                bug("bug_prog_twice_on_list", Errno.OK, List.of(load(FENTRY, T1), attach(2), attach(2)),
                        v("PROG_ONCE_PER_TRAMPOLINE", "trampoline " + T1 + " prog 2")),
                bug("bug_prog_free_no_btf_put", Errno.OK, List.of(load(FENTRY, T1), closeProg(2)),
                        v("REF_BTF", "vmlinux")),
                bug("bug_prog_free_no_mod_put", Errno.OK, List.of(load(FENTRY, MOD_F1), closeProg(2)),
                        v("REF_MODULE", "module " + MOD), v("QUIESCENT_IS_EMPTY", "module " + MOD)),
                bug("bug_mod_swap_no_put", Errno.OK,
                        List.of(load(FENTRY, MOD_F1), attach(2), closeLink(1), attach(2)),
                        v("REF_MODULE", "module " + MOD)),
                bug("bug_unload_ignores_refs", Errno.OK, List.of(load(FENTRY, MOD_F1), unload(MOD)),
                        v("REF_MODULE", "module " + MOD), v("NO_DANGLING", "prog 2 mod")),
                bug("bug_close_prog_no_put", Errno.OK, List.of(load(FENTRY, T1), closeProg(2)),
                        v("REF_PROG", "prog 2")),
                bug("bug_link_create_no_put", Errno.ENOMEM,
                        List.of(load(FENTRY, T1), fault(attach(2), FaultPoint.IMAGE_ALLOC, 1)),
                        v("REF_PROG", "prog 2"), v(fail, failed(Errno.ENOMEM, "progs[2]"))),
                // ---- seed 000's single-ops multi attach ----
                bug("bug_multi_err_no_tramp_put", Errno.EINVAL,
                        List.of(load(FENTRY_MULTI, T1), multi(2, T1, "migrate_disable")),
                        v("REF_TRAMPOLINE", "trampoline " + T1),
                        v(fail, failed(Errno.EINVAL, "trampolines[" + T1 + "]"))),
                bug("bug_multi_no_free_old", Errno.OK,
                        List.of(load(FENTRY, T1), attach(2), load(FENTRY_MULTI, T1), multi(3, T1)),
                        v("IMAGE_OWNED", IMG_T1)),
                bug("bug_rollback_leaks_image", Errno.ENOMEM,
                        List.of(load(FENTRY, T1), attach(2), load(FENTRY_MULTI, T1),
                                fault(multi(3, T1, T2), FaultPoint.FTRACE_REGISTER, 1)),
                        v("IMAGE_OWNED", "img(" + T2 + ":L2/p3||)"),
                        v("IMAGE_OWNED", "img(" + T1 + ":L2/p3,L1/p2||)"),
                        v(fail, failed(Errno.ENOMEM, "images[img(" + T2 + ":L2/p3||)]")),
                        v(fail, failed(Errno.ENOMEM, "images[img(" + T1 + ":L2/p3,L1/p2||)]"))),
                bug("bug_multi_detach_no_del", Errno.OK, List.of(load(FENTRY_MULTI, T1), multi(2, T1), closeLink(1)),
                        v("NO_DANGLING", "ftrace site " + T1),
                        v("FTRACE_MATCHES_TRAMPOLINES", "site " + T1)),
                bug("bug_multi_detach_no_tramp_put", Errno.OK,
                        List.of(load(FENTRY_MULTI, T1), multi(2, T1), closeLink(1)),
                        v("REF_TRAMPOLINE", "trampoline " + T1)),
                bug("bug_hash_alloc_no_put", Errno.ENOMEM,
                        List.of(load(FENTRY_MULTI, T1), fault(multi(2, T1), FaultPoint.FTRACE_HASH_ALLOC, 1)),
                        v("REF_TRAMPOLINE", "trampoline " + T1),
                        v(fail, failed(Errno.ENOMEM, "trampolines[" + T1 + "]"))),
                // ---- seed 001's multi link ----
                bug("bug_dong_err_leaks_link", Errno.EMFILE,
                        List.of(load(FENTRY_MULTI, T1), fault(multi(2, T1), FaultPoint.LINK_PRIME, 1)),
                        v("NO_MEMORY_LEAK", "bpf_tracing_multi_link"),
                        v(fail, failed(Errno.EMFILE, "warning MEMORY_LEAK(bpf_tracing_multi_link)"))),
                bug("bug_dong_dup_btf_no_put", Errno.OK, List.of(load(FENTRY_MULTI, T1), multi(2, T1, T2)),
                        v("REF_BTF", "vmlinux")),
                bug("bug_dong_dup_mod_no_put", Errno.OK, List.of(load(FENTRY_MULTI, T1), multi(2, MOD_F1, MOD_F2)),
                        v("REF_MODULE", "module " + MOD)),
                bug("bug_dong_keeps_dst_tramp", Errno.OK, List.of(load(FENTRY_MULTI, T1), multi(2, T2)),
                        v("REF_TRAMPOLINE", "trampoline " + T1)),
                bug("bug_dong_release_no_btf_put", Errno.OK,
                        List.of(load(FENTRY_MULTI, T1), multi(2, T1), closeLink(1)),
                        v("REF_BTF", "vmlinux")),
                bug("bug_dong_prime_err_no_unlink", Errno.EMFILE,
                        List.of(load(FENTRY_MULTI, T1), fault(multi(2, T1), FaultPoint.LINK_PRIME, 1)),
                        v("NO_DANGLING", "trampoline " + T1 + " node"),
                        v("LINKINFO_MATCHES", "trampoline " + T1 + " node L1/p2"),
                        v(fail, failed(Errno.EMFILE, "trampolines[" + T1 + "]")),
                        v(fail, failed(Errno.EMFILE, "images[" + IMG_T1 + "]")),
                        v(fail, failed(Errno.EMFILE, "ftrace[" + T1 + "]"))),
                // ---- seed 003 v2's global trampoline link (its own invariants count too) ----
                bug("bug_dv2_link_err_no_md_put", Errno.ENOMEM, List.of(load(FENTRY_MULTI, T1), multi(2, T1),
                                load(FENTRY_MULTI, T1), fault(multi(3, T1), DongV2Global.KFUNC_MD_ALLOC, 1)),
                        v("KFUNC_MD_USERS", "kfunc_md " + T1),
                        v(fail, failed(Errno.ENOMEM, "design objects"))),
                bug("bug_dv2_unlink_no_put_ip", Errno.OK, List.of(load(FENTRY_MULTI, T1), multi(2, T1), closeLink(1)),
                        v("KFUNC_MD_USERS", "kfunc_md " + T1)),
                bug("bug_dv2_no_update", Errno.OK, List.of(load(FENTRY_MULTI, T1), multi(2, T1)),
                        v("GTRAMP_FILTER_MATCHES_MD", "gtr 1")),
                bug("bug_dv2_nr_args_plus_one", Errno.OK, List.of(load(FENTRY_MULTI, T1), multi(2, T1)),
                        v("KFUNC_MD_NR_ARGS", "kfunc_md " + T1)),
                bug("bug_dv2_prime_err_no_unlink", Errno.EMFILE,
                        List.of(load(FENTRY_MULTI, T1), fault(multi(2, T1), FaultPoint.LINK_PRIME, 1)),
                        v("KFUNC_MD_USERS", "kfunc_md " + T1),
                        v("KFUNC_MD_PROGS_MATCH_LINKS", "kfunc_md " + T1 + " FENTRY"),
                        v(fail, failed(Errno.EMFILE, "design objects"))),
                bug("bug_dv2_release_no_mod_put", Errno.OK,
                        List.of(load(FENTRY_MULTI, T1), multi(2, MOD_F1), closeLink(1)),
                        v("REF_MODULE", "module " + MOD)),
                bug("bug_dv2_unreg_keeps_direct", Errno.OK, List.of(load(FENTRY_MULTI, T1), multi(2, T1), closeLink(1)),
                        v("GTRAMP_DIRECT_MATCHES_FILTER", "direct")),
                // ---- seed 004's SDT link ----
                bug("bug_sdt_release_no_tramp_put", Errno.OK, List.of(loadSdt(), attach(2), closeLink(1)),
                        v("REF_TRAMPOLINE", "trampoline " + PROBE)),
                bug("bug_sdt_err_no_tramp_put", Errno.ENOMEM,
                        List.of(loadSdt(), fault(attach(2), FaultPoint.IMAGE_ALLOC, 1)),
                        v("REF_TRAMPOLINE", "trampoline " + PROBE),
                        v(fail, failed(Errno.ENOMEM, "trampolines[" + PROBE + "]"))),
                bug("bug_sdt_release_puts_tgt_prog", Errno.OK, List.of(loadSdt(), attach(2), closeLink(1)),
                        v("REF_PROG", "prog 1")),
                bug("bug_sdt_attach_consumes_dst_prog", Errno.OK, List.of(loadSdt(), attach(2)),
                        v("REF_PROG", "prog 1")));
    }

    static final multilink.model.world.Target PROBE = new multilink.model.world.Target.SdtProbe(1, "probe_pass");

    static multilink.model.step.Step loadSdt() {
        return multilink.model.step.Step.of(new multilink.model.step.Op.Load(
                multilink.model.state.ProgType.SDT, PROBE, false));
    }

    /** The preset a bug is planted on here: the first its switch applies to. */
    static String home(String bug) {
        return Switches.byName(bug).get().presets().head();
    }

    /** Each step's violations, replaying {@code trace} on {@code d} from the boot state of {@code w}. */
    static List<List<Violation>> replay(Design d, World w, List<Step> trace, java.util.List<Errno> errnos) {
        KState s = KState.initial(w);
        List<List<Violation>> out = List.empty();
        for (Step st : trace) {
            Outcome o = Syscalls.step(d, s, st);
            errnos.add(o.errno());
            out = out.append(Invariants.check(d, s, o));
            s = o.state();
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void aSeededBugShowsExactlyItsViolations(String bug, World world, Errno errno, List<Step> trace,
                                             List<V> expected) {
        Design planted = Designs.parse(home(bug) + "+" + bug).get();
        assertTrue(planted.on(bug));
        assertEquals(home(bug), planted.preset());
        java.util.List<Errno> errnos = new java.util.ArrayList<>();
        List<List<Violation>> v = replay(planted, world, trace, errnos);
        assertEquals(List.fill(trace.size() - 1, List.<V>empty()), v.init().map(x -> x.map(V::of)),
                () -> "clean before the last step: " + v.init());
        assertEquals(expected, v.last().map(V::of), () -> v.last().mkString("\n"));
        assertEquals(errno, errnos.get(errnos.size() - 1));
        // the preset without the bug: the same trace breaks nothing
        Design preset = Designs.parse(home(bug)).get();
        assertTrue(!preset.on(bug));
        List<List<Violation>> clean = replay(preset, world, trace, new java.util.ArrayList<>());
        assertEquals(List.fill(trace.size(), List.<Violation>empty()), clean, () -> "preset: " + clean);
    }

    /** Every seeded bug of the catalogue is planted by a case above, and nothing else is. */
    @Test
    void everySeededBugIsPlanted() {
        assertEquals(HashSet.ofAll(Switches.of(Switch.Kind.BUG).map(Switch::name)),
                HashSet.ofAll(bugs().map(a -> (String) a.get()[0]).toList()));
        assertEquals(44, Switches.of(Switch.Kind.BUG).size());
    }

    // ---- what the bugs leave alone ----

    /** bug_prog_twice_on_list lets a second link of a prog in, not a second node of one link (duplicate ids). */
    @Test
    void aSecondNodeOfOneLinkIsStillRefused() {
        List<Step> trace = List.of(load(FENTRY_MULTI, T1), multi(2, T1, T1));
        java.util.List<Errno> errnos = new java.util.ArrayList<>();
        assertEquals(List.of(List.empty(), List.empty()),
                replay(Designs.parse("dong-v1+bug_prog_twice_on_list").get(), W, trace, errnos));
        assertEquals(java.util.List.of(Errno.OK, Errno.EBUSY), errnos);
    }

    /** bug_ext_not_exclusive lets fentry join an extension, not a second extension replace the first. */
    @Test
    void aSecondExtensionIsStillRefused() {
        List<Step> trace = List.of(loadSub(FREPLACE, "subprog_a"), loadSub(FREPLACE, "subprog_a"), attach(2),
                attach(3));
        java.util.List<Errno> errnos = new java.util.ArrayList<>();
        assertEquals(List.fill(4, List.empty()),
                replay(Designs.parse("classic+bug_ext_not_exclusive").get(), W, trace, errnos));
        assertEquals(java.util.List.of(Errno.OK, Errno.OK, Errno.OK, Errno.EBUSY), errnos);
    }

    /** A shared bug is planted in every design's shared paths, not only classic's. */
    @Test
    void aSharedBugShowsInAMultiDesignToo() {
        List<Step> trace = List.of(load(FENTRY_MULTI, T1), multi(2, T1), closeLink(1));
        List<List<Violation>> v = replay(Designs.parse("upstream+bug_unregister_no_image_put").get(), W, trace,
                new java.util.ArrayList<>());
        assertEquals(List.empty(), v.last(), "seed 000's multi detach does not unregister through the classic ops");
        List<List<Violation>> d = replay(Designs.parse("dong-v1+bug_unregister_no_image_put").get(), W, trace,
                new java.util.ArrayList<>());
        assertEquals(List.of(v("IMAGE_OWNED", IMG_T1)), d.last().map(V::of), "seed 001 links through the classic ops");
    }
}
