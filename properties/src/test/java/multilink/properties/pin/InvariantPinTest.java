package multilink.properties.pin;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.invariant.Invariant;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.state.Image;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.LinkEntry;
import multilink.model.state.ModuleObj;
import multilink.model.state.ProgType;
import multilink.model.state.TrampNode;
import multilink.model.state.Trampoline;
import multilink.model.state.Warning;
import multilink.model.world.DefaultWorld;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static multilink.properties.pin.Reached.MOD;
import static multilink.properties.pin.Reached.MOD_BTF;
import static multilink.properties.pin.Reached.MOD_F1;
import static multilink.properties.pin.Reached.MOD_F2;
import static multilink.properties.pin.Reached.T1;
import static multilink.properties.pin.Reached.T2;
import static multilink.properties.pin.Reached.T3;
import static multilink.properties.pin.Reached.fn;
import static multilink.properties.pin.Reached.link;
import static multilink.properties.pin.Reached.prog;
import static multilink.properties.pin.Reached.put;
import static multilink.properties.pin.Reached.refBtf;
import static multilink.properties.pin.Reached.refProg;
import static multilink.properties.pin.Reached.refTramp;
import static multilink.properties.pin.Reached.sub;
import static multilink.properties.pin.Reached.tramp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each invariant pinned: a valid state reached by real syscalls, corrupted in
 * one place (with the reference counts kept consistent where the corruption
 * moves a holder), must be reported by exactly the invariant that rule
 * belongs to, about the expected object, and by nothing else. Where a
 * corruption cannot break one invariant alone (a node whose link is freed is
 * also a node no link lists), the test names every violation it must give.
 */
class InvariantPinTest {
    static final KState RICH = Reached.rich();
    static final KState BOOT = KState.initial(DefaultWorld.get());

    /** A violation as the tests name it: the invariant and the object. */
    record V(String invariant, String object) {
        static V of(Violation v) {
            return new V(v.invariant(), v.object());
        }
    }

    static V v(String invariant, String object) {
        return new V(invariant, object);
    }

    static Arguments pin(String name, KState from, UnaryOperator<KState> corrupt, V... expected) {
        return Arguments.of(name, from, corrupt, List.of(expected));
    }

    static Image image(KState s, String f) {
        return tramp(s, f).curImage().get();
    }

    /** Replaces a trampoline's image everywhere a consistent state has it: allocations, ftrace, cur_image. */
    static KState swapImage(KState s, Target key, Option<Image> im) {
        Trampoline t = tramp(s, key);
        KState r = s;
        for (Image old : t.curImage()) {
            r = r.withImages(r.images().remove(old)).withDirectCalls(r.directCalls().remove(key));
        }
        for (Image n : im) {
            r = r.withImages(r.images().put(n, 1)).withDirectCalls(r.directCalls().put(key, n));
        }
        return put(r, t.withImage(im));
    }

    static Stream<Arguments> pins() {
        Target t1 = fn(T1);
        Target t2 = fn(T2);
        Target subA = sub("subprog_a");
        Target subB = sub("subprog_b");
        Target modF2 = fn(MOD_F2);
        Image emptyT2 = new Image(t2, List.empty(), List.empty(), List.empty());
        return Stream.of(
                // ---- reference counts ----
                pin("prog refcnt above its holders", RICH, s -> refProg(s, 2, 1), v("REF_PROG", "prog 2")),
                pin("prog refcnt below its holders", RICH, s -> refProg(s, 1, -1), v("REF_PROG", "prog 1")),
                pin("btf refcnt above its holders", RICH, s -> refBtf(s, "vmlinux", 1), v("REF_BTF", "vmlinux")),
                pin("module btf refcnt below its holders", RICH, s -> refBtf(s, MOD_BTF, -1),
                        v("REF_BTF", MOD_BTF)),
                pin("a dead module holds no reference on its BTF", BOOT,
                        s -> s.withModules(s.modules().put(MOD, new ModuleObj(MOD, 0, false))),
                        v("REF_BTF", MOD_BTF)),
                pin("module refcnt above its holders", RICH,
                        s -> s.withModules(s.modules().put(MOD, new ModuleObj(MOD, 3, true))),
                        v("REF_MODULE", "module " + MOD)),
                pin("trampoline refcnt above its holders", RICH, s -> refTramp(s, t1, 1),
                        v("REF_TRAMPOLINE", "trampoline " + T1)),
                pin("trampoline refcnt below its holders", RICH, s -> refTramp(s, subA, -1),
                        v("REF_TRAMPOLINE", "trampoline " + subA)),
                // ---- NO_DANGLING, one kind of reference each ----
                pin("link->prog freed", RICH, s -> refProg(put(s, Reached.withProg(link(s, 1), 99)), 2, -1),
                        v("NO_DANGLING", "link 1 prog")),
                pin("classic tgt_prog freed", RICH,
                        s -> refProg(put(s, Reached.withTgtProg(link(s, 2), Option.of(99))), 1, -1),
                        v("NO_DANGLING", "link 2 tgt_prog")),
                pin("seed 001 tgt_progs[] entry freed", RICH,
                        s -> refProg(put(s, Reached.withTgtProgs(link(s, 3), List.of(99))), 1, -1),
                        v("NO_DANGLING", "link 3 tgt_prog")),
                pin("link entry's trampoline freed", RICH, s -> s.withTrampolines(s.trampolines().remove(subB)),
                        v("NO_DANGLING", "link 2 entry")),
                pin("seed 001 tgt_btfs[] entry freed", RICH,
                        s -> refBtf(put(s, Reached.withBtfs(link(s, 3), List.of("vmlinux", "btf:gone"))), MOD_BTF, -1),
                        v("NO_DANGLING", "link 3 tgt_btfs")),
                pin("aux->dst_prog freed", RICH,
                        s -> refProg(put(s, prog(s, 3).withDst(Option.of(99), prog(s, 3).dstTrampoline())), 1, -1),
                        v("NO_DANGLING", "prog 3 dst_prog")),
                pin("aux->dst_trampoline freed", RICH,
                        s -> refTramp(put(s, prog(s, 3).withDst(prog(s, 3).dstProg(), Option.of(sub("gone")))),
                                subA, -1),
                        v("NO_DANGLING", "prog 3 dst_trampoline")),
                pin("aux->attach_btf freed", RICH,
                        s -> refBtf(put(s, Reached.withAttachBtf(prog(s, 2), Option.of("btf:gone"))), "vmlinux", -1),
                        v("NO_DANGLING", "prog 2 attach_btf")),
                pin("link freed with its node still hashed (also a node no link lists)", RICH,
                        s -> refTramp(refProg(s.withLinks(s.links().remove(1)), 2, -1), t1, -1),
                        v("NO_DANGLING", "trampoline " + T1 + " node"),
                        v("LINKINFO_MATCHES", "trampoline " + T1 + " node L1/p2")),
                pin("prog freed under its link, node and image", RICH,
                        s -> refBtf(s.withProgs(s.progs().remove(2)), "vmlinux", -1),
                        v("NO_DANGLING", "link 1 prog"),
                        v("NO_DANGLING", "trampoline " + T1 + " node"),
                        v("NO_DANGLING", image(RICH, T1) + " calls")),
                pin("freplace link freed, still the extension_prog", RICH,
                        s -> refTramp(refProg(refProg(s.withLinks(s.links().remove(2)), 4, -1), 1, -1), subB, -1),
                        v("NO_DANGLING", "trampoline " + subB + " extension_prog")),
                pin("installed image freed (cur_image and the ftrace site)", RICH,
                        s -> s.withImages(s.images().remove(image(s, T2))),
                        v("NO_DANGLING", "trampoline " + T2 + " cur_image"),
                        v("NO_DANGLING", "ftrace site " + T2)),
                // ---- FTRACE_MATCHES_TRAMPOLINES ----
                pin("site does not call its trampoline's image", RICH,
                        s -> s.withDirectCalls(s.directCalls().remove(t2)),
                        v("FTRACE_MATCHES_TRAMPOLINES", "site " + T2)),
                pin("site calls another trampoline's image", RICH,
                        s -> s.withDirectCalls(s.directCalls().put(t2, image(s, T1))),
                        v("FTRACE_MATCHES_TRAMPOLINES", "site " + T2)),
                pin("site of an imageless trampoline calls something", RICH,
                        s -> s.withDirectCalls(s.directCalls().put(modF2, image(s, T2))),
                        v("FTRACE_MATCHES_TRAMPOLINES", "site " + MOD_F2)),
                pin("site hooked without any trampoline", RICH,
                        s -> s.withDirectCalls(s.directCalls().put(fn(T3), image(s, T2))),
                        v("FTRACE_MATCHES_TRAMPOLINES", "site " + T3)),
                // ---- IMAGE_MATCHES_PROGS ----
                pin("image generated from other lists", RICH, s -> swapImage(s, t2, Option.of(emptyT2)),
                        v("IMAGE_MATCHES_PROGS", "trampoline " + T2)),
                pin("progs but no image", RICH, s -> swapImage(s, t2, Option.none()),
                        v("IMAGE_MATCHES_PROGS", "trampoline " + T2)),
                pin("image but no progs", RICH,
                        s -> swapImage(s, modF2, Option.of(new Image(modF2, List.empty(), List.empty(), List.empty()))),
                        v("IMAGE_MATCHES_PROGS", "trampoline " + MOD_F2)),
                // ---- IMAGE_OWNED ----
                pin("image allocated twice, installed once", RICH,
                        s -> s.withImages(s.images().put(image(s, T2), 2)),
                        v("IMAGE_OWNED", image(RICH, T2).toString())),
                pin("image leaked", RICH,
                        s -> s.withImages(s.images().put(new Image(fn(T3), List.empty(), List.empty(), List.empty()), 1)),
                        v("IMAGE_OWNED", "img(" + T3 + ":||)")),
                // ---- TRAMP_LINK_LIMIT ----
                pin("two progs where the limit is one", RICH,
                        s -> new KState(s.world().withMaxTrampLinks(1), s.progs(), s.links(), s.trampolines(),
                                s.images(), s.directCalls(), s.btfs(), s.modules(), s.warnings()),
                        v("TRAMP_LINK_LIMIT", "trampoline " + T1)),
                // ---- EXTENSION_EXCLUSIVE ----
                pin("extension beside fentry progs", RICH, s -> put(s, tramp(s, T1).withExtension(Option.of(2))),
                        v("EXTENSION_EXCLUSIVE", "trampoline " + T1)),
                // ---- QUIESCENT_IS_EMPTY ----
                pin("quiescent: a trampoline left", BOOT, s -> put(s, Trampoline.fresh(fn(T1)).withRefcnt(0)),
                        v("QUIESCENT_IS_EMPTY", "trampoline " + T1)),
                pin("quiescent: a module still pinned", BOOT,
                        s -> put(s, prog(s, 1).withMod(Option.of(MOD)))
                                .withModules(s.modules().put(MOD, new ModuleObj(MOD, 1, true))),
                        v("QUIESCENT_IS_EMPTY", "module " + MOD)),
                pin("quiescent: an image left (also unowned)", BOOT,
                        s -> s.withImages(s.images().put(new Image(fn(T1), List.empty(), List.empty(), List.empty()), 1)),
                        v("IMAGE_OWNED", "img(" + T1 + ":||)"),
                        v("QUIESCENT_IS_EMPTY", "img(" + T1 + ":||)")),
                pin("quiescent: a site still hooked (to a freed image, no trampoline)", BOOT,
                        s -> s.withDirectCalls(s.directCalls().put(fn(T1),
                                new Image(fn(T1), List.empty(), List.empty(), List.empty()))),
                        v("NO_DANGLING", "ftrace site " + T1),
                        v("FTRACE_MATCHES_TRAMPOLINES", "site " + T1),
                        v("QUIESCENT_IS_EMPTY", "site " + T1)),
                // ---- LINKINFO_MATCHES ----
                pin("link lists a trampoline it has no node on", RICH,
                        s -> refTramp(put(s, Reached.withEntries(link(s, 1),
                                link(s, 1).entries().append(new LinkEntry(modF2, 0)))), modF2, 1),
                        v("LINKINFO_MATCHES", "link 1 entry " + MOD_F2)),
                pin("node on the list of another kind than the prog's", RICH,
                        s -> put(s, Reached.withType(prog(s, 2), ProgType.FEXIT)),
                        v("LINKINFO_MATCHES", "link 1 entry " + T1)),
                pin("freplace link not the extension of its trampoline", RICH,
                        s -> put(s, tramp(s, subB).withExtension(Option.none())),
                        v("LINKINFO_MATCHES", "link 2 entry " + subB)),
                pin("node whose link does not list its trampoline", RICH,
                        s -> refTramp(put(s, Reached.withEntries(link(s, 1), List.empty())), t1, -1),
                        v("LINKINFO_MATCHES", "trampoline " + T1 + " node L1/p2")),
                pin("link lists another trampoline than its node's", RICH,
                        s -> refTramp(refTramp(put(s, Reached.withEntries(link(s, 1),
                                List.of(new LinkEntry(modF2, 0)))), t1, -1), modF2, 1),
                        v("LINKINFO_MATCHES", "link 1 entry " + MOD_F2),
                        v("LINKINFO_MATCHES", "trampoline " + T1 + " node L1/p2")),
                pin("link reports another cookie than its node runs with", RICH,
                        s -> put(s, Reached.withEntries(link(s, 3), link(s, 3).entries()
                                .map(e -> e.tramp().equals(t2) ? new LinkEntry(t2, 70) : e))),
                        v("LINKINFO_MATCHES", "link 3 entry " + T2),
                        v("LINKINFO_MATCHES", "trampoline " + T2 + " node L3/p5#7")),
                // ---- NO_DANGLING: module references (a prog's aux->mod, a seed 001 link's mods[]) ----
                pin("aux->mod names a module that is gone", RICH,
                        s -> refModule(put(s, prog(s, 6).withMod(Option.of("gone_mod"))), -1),
                        v("NO_DANGLING", "prog 6 mod")),
                pin("seed 001 mods[] names a module that is gone", RICH,
                        s -> refModule(put(s, Reached.withMods(link(s, 3), List.of("gone_mod"))), -1),
                        v("NO_DANGLING", "link 3 mods")),
                pin("module unloaded under its aux->mod and mods[] holders", RICH,
                        s -> refBtf(s.withModules(s.modules().put(MOD, new ModuleObj(MOD, 2, false))), MOD_BTF, -1),
                        v("NO_DANGLING", "link 3 mods"),
                        v("NO_DANGLING", "prog 6 mod")),
                // ---- ATTACH_ALLOWED: each rule of bpf_check_attach_target, the world changed under a prog ----
                pin("btf_id_deny: a tracing prog on a denied function", ALLOWED,
                        s -> Reached.withFunc(s, Reached.func(s, T3).asDenied()),
                        v("ATTACH_ALLOWED", "trampoline " + T3 + " prog 6 (btf_id_deny)")),
                pin("btf_id_deny: the deny list is for tracing progs only (sdt is not)", ALLOWED,
                        s -> Reached.withFunc(Reached.retype(s, 6, ProgType.SDT), Reached.func(s, T3).asDenied())),
                pin("noreturn_deny: fexit on a noreturn function", ALLOWED,
                        s -> Reached.withFunc(s, Reached.func(s, T2).asNoreturn()),
                        v("ATTACH_ALLOWED", "trampoline " + T2 + " prog 2 (noreturn_deny)")),
                pin("noreturn_deny: fentry on a noreturn function is fine", ALLOWED,
                        s -> Reached.withFunc(s, Reached.func(s, T3).asNoreturn())),
                pin("fmod_ret allowlist: a function off the error-injection list", ALLOWED,
                        s -> Reached.withFunc(s, KernelFunc.plain(Reached.FMOD_RET_FN, 2)),
                        v("ATTACH_ALLOWED", "trampoline " + Reached.FMOD_RET_FN + " prog 3 (fmod_ret allowlist)")),
                pin("fmod_ret allowlist: an allowed function that returns no int", ALLOWED,
                        s -> Reached.withFunc(s, new KernelFunc(Reached.FMOD_RET_FN, Option.none(), 2, false, true,
                                false, true, false, false)),
                        v("ATTACH_ALLOWED", "trampoline " + Reached.FMOD_RET_FN + " prog 3 (fmod_ret allowlist)")),
                pin("fmod_ret allowlist: fmod_ret on a kernel function off the list", ALLOWED,
                        s -> Reached.retype(s, 6, ProgType.FMOD_RET),
                        v("ATTACH_ALLOWED", "trampoline " + T3 + " prog 6 (fmod_ret allowlist)")),
                pin("sleepable allowlist: a sleepable prog on a function off the list", ALLOWED,
                        s -> Reached.withFunc(s, KernelFunc.plain(T1, 1)),
                        v("ATTACH_ALLOWED", "trampoline " + T1 + " prog 4 (sleepable allowlist)")),
                pin("sleepable allowlist: a prog made sleepable", ALLOWED,
                        s -> put(s, Reached.withSleepable(prog(s, 6), true)),
                        v("ATTACH_ALLOWED", "trampoline " + T3 + " prog 6 (sleepable allowlist)")),
                pin("a BPF subprog: no fmod_ret", ALLOWED, s -> Reached.retype(s, 5, ProgType.FMOD_RET),
                        v("ATTACH_ALLOWED", "trampoline " + subA + " prog 5 (fmod_ret on a BPF prog)")),
                pin("a BPF subprog: no sleepable prog", ALLOWED, s -> put(s, Reached.withSleepable(prog(s, 5), true)),
                        v("ATTACH_ALLOWED", "trampoline " + subA + " prog 5 (sleepable)")),
                pin("a BPF subprog: fexit is fine", ALLOWED, s -> Reached.retype(s, 5, ProgType.FEXIT)),
                pin("every rule at once, in the verifier's order", ALLOWED,
                        s -> Reached.withFunc(put(s, Reached.withSleepable(prog(s, 3), true)),
                                new KernelFunc(Reached.FMOD_RET_FN, Option.none(), 2, false, false, false, true, true,
                                        true)),
                        v("ATTACH_ALLOWED", "trampoline " + Reached.FMOD_RET_FN + " prog 3 (btf_id_deny)"),
                        v("ATTACH_ALLOWED", "trampoline " + Reached.FMOD_RET_FN + " prog 3 (noreturn_deny)"),
                        v("ATTACH_ALLOWED", "trampoline " + Reached.FMOD_RET_FN + " prog 3 (fmod_ret allowlist)"),
                        v("ATTACH_ALLOWED", "trampoline " + Reached.FMOD_RET_FN + " prog 3 (sleepable allowlist)")),
                // ---- PROG_ONCE_PER_TRAMPOLINE ----
                pin("a second link of one prog on a trampoline", RICH, s -> secondLink(s, 9, 2, t1),
                        v("PROG_ONCE_PER_TRAMPOLINE", "trampoline " + T1 + " prog 2")),
                pin("two progs twice on one trampoline, reported by prog id", RICH,
                        s -> secondLink(secondLink(s, 9, 2, t1), 8, 5, t1),
                        v("PROG_ONCE_PER_TRAMPOLINE", "trampoline " + T1 + " prog 2"),
                        v("PROG_ONCE_PER_TRAMPOLINE", "trampoline " + T1 + " prog 5")),
                pin("a second link of one prog on two trampolines", RICH,
                        s -> secondLink(secondLink(s, 9, 5, t2), 8, 5, t1),
                        v("PROG_ONCE_PER_TRAMPOLINE", "trampoline " + T1 + " prog 5"),
                        v("PROG_ONCE_PER_TRAMPOLINE", "trampoline " + T2 + " prog 5")),
                // ---- ONE_SITE_PER_TRAMPOLINE: a trampoline's func.addr against what its progs attached to ----
                pin("a function's trampoline placed at another function", CLASSIC_ON_T1,
                        s -> put(s, atSite(tramp(s, t1), new Target.Func(T2))),
                        v("ONE_SITE_PER_TRAMPOLINE", "trampoline " + T1 + " link 1")),
                pin("an observer's trampoline placed at a subprog", OBSERVER,
                        s -> put(s, atSite(tramp(s, PROBE), new Target.Subprog(1, "subprog_a"))),
                        v("ONE_SITE_PER_TRAMPOLINE", "trampoline " + PROBE + " link 1")));
    }

    static final KState CLASSIC_ON_T1 = Reached.run("classic", Reached.load(ProgType.FENTRY, T1), Reached.attach(2));
    static final Target PROBE = new Target.SdtProbe(1, "probe_pass");
    static final KState OBSERVER = Reached.run("sdt-observer",
            multilink.model.step.Step.of(new multilink.model.step.Op.Load(ProgType.SDT, PROBE, false)), Reached.attach(2));

    static Trampoline atSite(Trampoline t, Target site) {
        return new Trampoline(t.key(), t.refcnt(), t.fentry(), t.fexit(), t.fmodRet(), t.extension(), t.curImage(),
                site, t.mod(), t.ftraceManaged());
    }

    static final KState ALLOWED = Reached.allowed();

    static KState refModule(KState s, int delta) {
        ModuleObj m = s.modules().get(MOD).get();
        return s.withModules(s.modules().put(MOD, new ModuleObj(MOD, m.refcnt() + delta, m.live())));
    }

    /**
     * Another classic link {@code id} of {@code prog} on {@code key}, with
     * every count and image consistent: only the prog's second node is wrong.
     */
    static KState secondLink(KState s, int id, int prog, Target key) {
        var kind = prog(s, prog).type().kind();
        Link l = new Link(id, multilink.model.state.LinkType.TRACING, prog, List.of(new LinkEntry(key, 0)),
                Option.none(), List.empty(), List.empty(), List.empty());
        KState r = refTramp(refProg(put(s, l), prog, 1), key, 1);
        Trampoline t = tramp(r, key);
        r = put(r, t.withList(kind, t.list(kind).prepend(new TrampNode(id, prog, 0))));
        return Reached.regenerate(r, key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pins")
    void corruptionIsReportedByItsInvariantAlone(String name, KState from, UnaryOperator<KState> corrupt,
                                                 List<V> expected) {
        assertTrue(Invariants.checkState(from).isEmpty(), () -> "the reached state is valid: "
                + Invariants.checkState(from));
        KState bad = corrupt.apply(from);
        List<Violation> got = Invariants.checkState(bad);
        assertEquals(expected, got.map(V::of), () -> name + ": " + got.mkString("\n"));
        // each invariant on its own gives exactly its share, so no other predicate sees the corruption
        for (Invariant inv : Invariants.ALL) {
            assertEquals(expected.filter(x -> x.invariant().equals(inv.id())), inv.check(bad).map(V::of), inv.id());
        }
    }

    /** Every state invariant is pinned by at least one corruption above. */
    @Test
    void everyInvariantIsPinned() {
        var pinned = HashSet.ofAll(pins().flatMap(a -> ((List<?>) a.get()[3]).toJavaStream())
                .map(x -> ((V) x).invariant()).toList());
        assertEquals(HashSet.ofAll(Invariants.ALL.map(Invariant::id))
                        .removeAll(List.of("NO_UNDERFLOW", "NO_KERNEL_WARN", "NO_MEMORY_LEAK", "FREE_MATCHES_ALLOC")),
                pinned.removeAll(List.of("NO_UNDERFLOW", "NO_KERNEL_WARN", "NO_MEMORY_LEAK", "FREE_MATCHES_ALLOC")));
    }

    static String invariantOf(Warning.Kind kind) {
        return switch (kind) {
            case REFCOUNT_UNDERFLOW -> "NO_UNDERFLOW";
            case UNLINK_FAILED, TRAMPOLINE_PUT_NONEMPTY, FTRACE_UPDATE_FAILED -> "NO_KERNEL_WARN";
            case MEMORY_LEAK -> "NO_MEMORY_LEAK";
            case FREE_MISMATCH -> "FREE_MATCHES_ALLOC";
        };
    }

    /** Each kind of recorded WARN or report is one invariant's, and only that one's. */
    @ParameterizedTest
    @EnumSource(Warning.Kind.class)
    void eachWarningKindBreaksOneInvariant(Warning.Kind kind) {
        KState bad = RICH.withWarnings(RICH.warnings().add(new Warning(kind, "thing 9")));
        List<Violation> got = Invariants.checkState(bad);
        assertEquals(1, got.size(), got.toString());
        Violation x = got.head();
        assertEquals(invariantOf(kind), x.invariant());
        assertEquals("thing 9", x.object());
        assertEquals(kind == Warning.Kind.MEMORY_LEAK || kind == Warning.Kind.FREE_MISMATCH
                || kind == Warning.Kind.REFCOUNT_UNDERFLOW, !kind.warnOn());
    }

    @Test
    void warningViolationsSayWhatWasExpected() {
        KState bad = BOOT.withWarnings(HashSet.of(new Warning(Warning.Kind.REFCOUNT_UNDERFLOW, "prog 9"),
                new Warning(Warning.Kind.UNLINK_FAILED, "link 1"), new Warning(Warning.Kind.MEMORY_LEAK, "link.entries"),
                new Warning(Warning.Kind.FREE_MISMATCH, "kfree(btf_ids)")));
        assertEquals(HashSet.of(
                "NO_UNDERFLOW: prog 9: expected count > 0 before put, got underflow",
                "NO_KERNEL_WARN: link 1: expected no WARN, got UNLINK_FAILED",
                "NO_MEMORY_LEAK: link.entries: expected freed or owned, got leaked",
                "FREE_MATCHES_ALLOC: kfree(btf_ids): expected kvfree, got kfree"),
                HashSet.ofAll(Invariants.checkState(bad).map(Violation::toString)));
        assertEquals(List.of("NO_UNDERFLOW", "NO_KERNEL_WARN", "NO_MEMORY_LEAK", "FREE_MATCHES_ALLOC"),
                Invariants.checkState(bad).map(Violation::invariant), "report order is Invariants.ALL's");
    }

    /** The full text of the count and structure violations: what a reviewer reads in a trace. */
    @Test
    void violationsSayExpectedAndActual() {
        assertEquals(List.of(new Violation("REF_PROG", "prog 2", "2 holders", "refcnt 3")),
                Invariants.checkState(refProg(RICH, 2, 1)));
        assertEquals(List.of(new Violation("REF_BTF", "vmlinux", RICH.btfs().get("vmlinux").get() + " holders",
                "refcnt " + (RICH.btfs().get("vmlinux").get() + 1))), Invariants.checkState(refBtf(RICH, "vmlinux", 1)));
        assertEquals(List.of(new Violation("REF_MODULE", "module " + MOD, "2 holders", "refcnt 3")),
                Invariants.checkState(RICH.withModules(RICH.modules().put(MOD, new ModuleObj(MOD, 3, true)))));
        assertEquals(List.of(new Violation("REF_TRAMPOLINE", "trampoline " + T1, "2 holders", "refcnt 3")),
                Invariants.checkState(refTramp(RICH, fn(T1), 1)));
        Image i2 = image(RICH, T2);
        Image i1 = image(RICH, T1);
        assertEquals(List.of(new Violation("FTRACE_MATCHES_TRAMPOLINES", "site " + T2, "calls " + i2, "calls nothing")),
                Invariants.checkState(RICH.withDirectCalls(RICH.directCalls().remove(fn(T2)))));
        assertEquals(List.of(new Violation("FTRACE_MATCHES_TRAMPOLINES", "site " + T2, "calls " + i2, "calls " + i1)),
                Invariants.checkState(RICH.withDirectCalls(RICH.directCalls().put(fn(T2), i1))));
        assertEquals(List.of(new Violation("FTRACE_MATCHES_TRAMPOLINES", "site " + MOD_F2, "calls nothing",
                "calls " + i2)), Invariants.checkState(RICH.withDirectCalls(RICH.directCalls().put(fn(MOD_F2), i2))));
        assertEquals(List.of(new Violation("FTRACE_MATCHES_TRAMPOLINES", "site " + T3, "no direct call (no trampoline)",
                "calls " + i2)), Invariants.checkState(RICH.withDirectCalls(RICH.directCalls().put(fn(T3), i2))));
        Image empty2 = new Image(fn(T2), List.empty(), List.empty(), List.empty());
        assertEquals(List.of(new Violation("IMAGE_MATCHES_PROGS", "trampoline " + T2, i2.toString(), empty2.toString())),
                Invariants.checkState(swapImage(RICH, fn(T2), Option.of(empty2))));
        assertEquals(List.of(new Violation("IMAGE_MATCHES_PROGS", "trampoline " + T2, i2.toString(), "no image")),
                Invariants.checkState(swapImage(RICH, fn(T2), Option.none())));
        Image emptyMod = new Image(fn(MOD_F2), List.empty(), List.empty(), List.empty());
        assertEquals(List.of(new Violation("IMAGE_MATCHES_PROGS", "trampoline " + MOD_F2, "no image",
                emptyMod.toString())), Invariants.checkState(swapImage(RICH, fn(MOD_F2), Option.of(emptyMod))));
        assertEquals(List.of(new Violation("IMAGE_OWNED", i2.toString(), "1 allocation(s) in use", "2 allocated")),
                Invariants.checkState(RICH.withImages(RICH.images().put(i2, 2))));
        Image leak = new Image(fn(T3), List.empty(), List.empty(), List.empty());
        assertEquals(List.of(new Violation("IMAGE_OWNED", leak.toString(), "0 allocation(s) in use", "1 allocated")),
                Invariants.checkState(RICH.withImages(RICH.images().put(leak, 1))));
        assertEquals(List.of(new Violation("EXTENSION_EXCLUSIVE", "trampoline " + T1, "extension alone",
                "2 progs beside it")), Invariants.checkState(put(RICH, tramp(RICH, T1).withExtension(Option.of(2)))));
        assertEquals(List.of(new Violation("NO_DANGLING", "link 1 prog", "prog 99 alive", "freed")),
                Invariants.checkState(refProg(put(RICH, Reached.withProg(link(RICH, 1), 99)), 2, -1)));
        assertEquals(List.of(new Violation("NO_DANGLING", "link 3 tgt_btfs", "btf:gone alive", "freed")),
                Invariants.checkState(put(RICH, Reached.withBtfs(link(RICH, 3),
                        link(RICH, 3).btfs().append("btf:gone")))));
        assertEquals(List.of(new Violation("QUIESCENT_IS_EMPTY", "module " + MOD, "refcnt 0", "refcnt 1")),
                Invariants.checkState(put(BOOT, prog(BOOT, 1).withMod(Option.of(MOD)))
                        .withModules(BOOT.modules().put(MOD, new ModuleObj(MOD, 1, true)))));
        assertEquals(List.of(new Violation("QUIESCENT_IS_EMPTY", "trampoline " + T1, "freed", "alive")),
                Invariants.checkState(put(BOOT, Trampoline.fresh(fn(T1)).withRefcnt(0))));
        assertEquals(List.of(new Violation("LINKINFO_MATCHES", "link 2 entry " + sub("subprog_b"), "node on trampoline",
                "not attached")), Invariants.checkState(put(RICH, tramp(RICH, sub("subprog_b"))
                .withExtension(Option.none()))));
        assertEquals(List.of(new Violation("LINKINFO_MATCHES", "trampoline " + T1 + " node L1/p2",
                        "owned by a link listing it", "no such link entry")),
                Invariants.checkState(refTramp(put(RICH, Reached.withEntries(link(RICH, 1), List.empty())),
                        fn(T1), -1)));
    }

    /** The new invariants' and NO_DANGLING's module branch's full text. */
    @Test
    void attachRulesAndModuleReferencesSayExpectedAndActual() {
        assertEquals(List.of(new Violation("ATTACH_ALLOWED", "trampoline " + T2 + " prog 2 (noreturn_deny)",
                        "allowed by noreturn_deny", "fexit prog attached")),
                Invariants.checkState(Reached.withFunc(ALLOWED, Reached.func(ALLOWED, T2).asNoreturn())));
        assertEquals(List.of(new Violation("ATTACH_ALLOWED", "trampoline " + T1 + " prog 4 (sleepable allowlist)",
                        "allowed by sleepable allowlist", "fentry sleepable prog attached")),
                Invariants.checkState(Reached.withFunc(ALLOWED, KernelFunc.plain(T1, 1))));
        assertEquals(List.of(new Violation("ATTACH_ALLOWED", "trampoline " + sub("subprog_a")
                        + " prog 5 (fmod_ret on a BPF prog)", "allowed by fmod_ret on a BPF prog",
                        "modify_return prog attached")),
                Invariants.checkState(Reached.retype(ALLOWED, 5, ProgType.FMOD_RET)));
        assertEquals(List.of(new Violation("PROG_ONCE_PER_TRAMPOLINE", "trampoline " + T1 + " prog 2", "once",
                "more than once")), Invariants.checkState(secondLink(RICH, 9, 2, fn(T1))));
        assertEquals(List.of(new Violation("NO_DANGLING", "prog 6 mod", "module gone_mod alive", "freed")),
                Invariants.checkState(refModule(put(RICH, prog(RICH, 6).withMod(Option.of("gone_mod"))), -1)));
        assertEquals(List.of(new Violation("NO_DANGLING", "link 3 mods", "module " + MOD + " alive", "freed"),
                        new Violation("NO_DANGLING", "prog 6 mod", "module " + MOD + " alive", "freed")),
                Invariants.checkState(refBtf(RICH.withModules(RICH.modules().put(MOD, new ModuleObj(MOD, 2, false))),
                        MOD_BTF, -1)));
    }

    /** ATTACH_ALLOWED leaves a node of a freed prog to NO_DANGLING, and a function the world lacks alone. */
    @Test
    void attachRulesNeedTheProgAndTheFunction() {
        KState denied = Reached.withFunc(ALLOWED, Reached.func(ALLOWED, T3).asDenied());
        assertEquals(1, Invariants.ATTACH_ALLOWED.check(denied).size());
        KState progGone = denied.withProgs(denied.progs().remove(6));
        assertEquals(List.empty(), Invariants.ATTACH_ALLOWED.check(progGone));
        assertTrue(Invariants.NO_DANGLING.check(progGone).exists(x -> x.object().equals("trampoline " + T3 + " node")));
        var w = ALLOWED.world();
        KState noFunc = new KState(new multilink.model.world.World(w.functions().filter(f -> !f.name().equals(T3)),
                w.modules(), w.targetProgs(), w.maxTrampLinks()), ALLOWED.progs(), ALLOWED.links(),
                ALLOWED.trampolines(), ALLOWED.images(), ALLOWED.directCalls(), ALLOWED.btfs(), ALLOWED.modules(),
                ALLOWED.warnings());
        assertEquals(List.empty(), Invariants.ATTACH_ALLOWED.check(noFunc));
        // the freplace extension is no list entry: its rules are the load's, not ATTACH_ALLOWED's
        assertEquals(List.empty(), Invariants.ATTACH_ALLOWED.check(put(RICH,
                Reached.withSleepable(prog(RICH, 4), true))));
    }

    @Test
    void theLinkLimitIsInclusive() {
        KState atLimit = new KState(RICH.world().withMaxTrampLinks(2), RICH.progs(), RICH.links(),
                RICH.trampolines(), RICH.images(), RICH.directCalls(), RICH.btfs(), RICH.modules(), RICH.warnings());
        assertTrue(Invariants.checkState(atLimit).isEmpty(), "two progs where two are allowed");
        KState over = new KState(RICH.world().withMaxTrampLinks(1), RICH.progs(), RICH.links(),
                RICH.trampolines(), RICH.images(), RICH.directCalls(), RICH.btfs(), RICH.modules(), RICH.warnings());
        assertEquals(List.of(new Violation("TRAMP_LINK_LIMIT", "trampoline " + T1, "<= 1 progs", "2 progs")),
                Invariants.checkState(over));
    }

    /** QUIESCENT_IS_EMPTY applies only with no link and no user prog at all. */
    @Test
    void quiescenceNeedsNoLinkAndNoUserProg() {
        // a user prog still loaded: its load-time trampoline is not a leftover
        KState loaded = Reached.run("classic", Reached.load(ProgType.FENTRY, T1));
        assertEquals(1, loaded.trampolines().size());
        assertTrue(Invariants.checkState(loaded).isEmpty());
        // a link whose prog's fd is closed still keeps its trampoline, image and call alive
        KState linked = Reached.run("classic", Reached.load(ProgType.FENTRY, T1), Reached.attach(2),
                Reached.closeProg(2));
        assertEquals(1, linked.images().size());
        assertTrue(Invariants.checkState(linked).isEmpty());
        // a link on a prog typed like the boot-time target (only a corrupt state has one): still not quiescent
        KState targetTyped = put(linked, Reached.withType(prog(linked, 2), ProgType.TARGET));
        assertTrue(Invariants.QUIESCENT_IS_EMPTY.check(targetTyped).isEmpty(),
                () -> "a live link means not quiescent: " + Invariants.QUIESCENT_IS_EMPTY.check(targetTyped));
        // no link but a user prog whose fd is closed (held elsewhere): not quiescent either
        KState heldClosed = put(loaded, prog(loaded, 2).withFdOpen(false));
        assertTrue(Invariants.QUIESCENT_IS_EMPTY.check(heldClosed).isEmpty());
    }

    @Test
    void rejectsNothingInTheRichState() {
        assertEquals(List.empty(), Invariants.checkState(RICH));
        assertEquals(List.empty(), Invariants.checkState(BOOT));
    }
}
