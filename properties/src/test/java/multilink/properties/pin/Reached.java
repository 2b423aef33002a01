package multilink.properties.pin;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.invariant.Invariants;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.state.Trampoline;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.Target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steps, replay and state editing for the tests of this package. In the
 * default world the target prog is prog 1, so loaded progs count from 2 and
 * links from 1.
 */
final class Reached {
    static final String T1 = "bpf_fentry_test1";
    static final String T2 = "bpf_fentry_test2";
    static final String T3 = "bpf_fentry_test3";
    static final String MOD_F1 = "bpf_testmod_fentry_test1";
    static final String MOD_F2 = "bpf_testmod_fentry_test2";
    static final String MOD = DefaultWorld.MODULE;
    static final String MOD_BTF = "btf:" + MOD;

    private Reached() {
    }

    static Design design(String name) {
        return Designs.byName(name).get();
    }

    static Target fn(String name) {
        return new Target.Func(name);
    }

    static Target sub(String name) {
        return new Target.Subprog(DefaultWorld.TARGET_PROG, name);
    }

    static Step load(ProgType t, String f) {
        return Step.of(new Op.Load(t, fn(f), false));
    }

    static Step loadSleepable(ProgType t, String f) {
        return Step.of(new Op.Load(t, fn(f), true));
    }

    static Step loadSub(ProgType t, String s) {
        return Step.of(new Op.Load(t, sub(s), false));
    }

    static Step attach(int prog) {
        return Step.of(new Op.Attach(prog, Option.none(), 0));
    }

    static Step attachCookie(int prog, long cookie) {
        return Step.of(new Op.Attach(prog, Option.none(), cookie));
    }

    static Step retarget(int prog, Target t) {
        return Step.of(new Op.Attach(prog, Option.of(t), 0));
    }

    static Step multi(int prog, Target... targets) {
        return Step.of(new Op.AttachMulti(prog, List.of(targets), Option.none(), 0, Option.none()));
    }

    static Step multi(int prog, String... fns) {
        return multi(prog, List.of(fns).map(Reached::fn).toJavaArray(Target[]::new));
    }

    static Step multiCookies(int prog, List<Long> cookies, Target... targets) {
        return Step.of(new Op.AttachMulti(prog, List.of(targets), Option.of(cookies), 0, Option.none()));
    }

    static Step multiCnt(int prog, int cnt, Target... targets) {
        return Step.of(new Op.AttachMulti(prog, List.of(targets), Option.none(), 0, Option.of(cnt)));
    }

    static Step closeLink(int id) {
        return Step.of(new Op.CloseLink(id));
    }

    static Step closeProg(int id) {
        return Step.of(new Op.CloseProg(id));
    }

    static Step unload(String mod) {
        return Step.of(new Op.UnloadModule(mod));
    }

    static Step fault(Step s, multilink.model.step.FaultPoint p, int hit) {
        return Step.faulty(s.op(), p, hit);
    }

    /** Runs steps that must each succeed and keep every invariant. */
    static KState run(Design d, List<Step> steps) {
        KState s = KState.initial(DefaultWorld.get());
        for (Step st : steps) {
            Outcome o = Syscalls.step(d, s, st);
            assertEquals(Errno.OK, o.errno(), () -> "setup " + st + " " + o.events());
            var v = Invariants.check(s, o);
            assertTrue(v.isEmpty(), () -> "setup " + st + " broke " + v);
            s = o.state();
        }
        return s;
    }

    static KState run(String design, Step... steps) {
        return run(design(design), List.of(steps));
    }

    /**
     * A dong-v1 state with one object of every kind and every kind of
     * reference: a classic fentry link (prog 2) on T1; a loaded, unattached
     * freplace prog 3 holding dst_prog 1 and dst_trampoline subprog_a; a
     * freplace link 2 (prog 4, tgt_prog 1) as subprog_b's extension; a multi
     * link 3 (prog 5) on T2, a module function, T1 and subprog_a with cookies
     * 7, 8, 9, 10, holding tgt_progs [1], tgt_btfs and mods; an unattached
     * fmod_ret prog 6 on a module function holding the module, its BTF and an
     * empty trampoline.
     */
    static KState rich() {
        return run("dong-v1",
                load(ProgType.FENTRY, T1), attach(2),
                loadSub(ProgType.FREPLACE, "subprog_a"),
                loadSub(ProgType.FREPLACE, "subprog_b"), attach(4),
                load(ProgType.FENTRY_MULTI, T2),
                multiCookies(5, List.of(7L, 8L, 9L, 10L), fn(T2), fn(MOD_F1), fn(T1), sub("subprog_a")),
                load(ProgType.FMOD_RET, MOD_F2));
    }

    /**
     * A classic state with one prog of each kind the attach rules look at:
     * fexit prog 2 on T2 (link 1), fmod_ret prog 3 on bpf_modify_return_test
     * (link 2), sleepable fentry prog 4 on T1 (link 3), fentry prog 5 on
     * subprog_a (link 4), fentry prog 6 on T3 (link 5). Every rule of
     * ATTACH_ALLOWED holds; a corruption breaks one.
     */
    static KState allowed() {
        return run("classic",
                load(ProgType.FEXIT, T2), attach(2),
                load(ProgType.FMOD_RET, FMOD_RET_FN), attach(3),
                loadSleepable(ProgType.FENTRY, T1), attach(4),
                loadSub(ProgType.FENTRY, "subprog_a"), attach(5),
                load(ProgType.FENTRY, T3), attach(6));
    }

    static final String FMOD_RET_FN = "bpf_modify_return_test";

    // ---- editing a state ----

    /** The same state in a world whose function of that name is {@code f}. */
    static KState withFunc(KState s, multilink.model.world.KernelFunc f) {
        var w = s.world();
        var world = new multilink.model.world.World(w.functions().map(x -> x.name().equals(f.name()) ? f : x),
                w.modules(), w.targetProgs(), w.maxTrampLinks());
        return new KState(world, s.progs(), s.links(), s.trampolines(), s.images(), s.directCalls(), s.btfs(),
                s.modules(), s.warnings());
    }

    static multilink.model.world.KernelFunc func(KState s, String name) {
        return s.world().function(name).get();
    }

    /**
     * The prog as another type: its nodes move to that type's list on every
     * trampoline, and each image is regenerated, allocated and called where
     * the old one was, so only the attach rules can tell.
     */
    static KState retype(KState s, int id, ProgType to) {
        Prog p = prog(s, id);
        KState r = put(s, withType(p, to));
        for (Trampoline t : s.trampolineList()) {
            List<multilink.model.state.TrampNode> mine = t.list(p.type().kind()).filter(n -> n.prog() == id);
            if (mine.isEmpty()) {
                continue;
            }
            Trampoline out = t.withList(p.type().kind(), t.list(p.type().kind()).removeAll(mine));
            Trampoline moved = out.withList(to.kind(), out.list(to.kind()).appendAll(mine));
            r = regenerate(put(r, moved), t.key());
        }
        return r;
    }

    /** The trampoline's image made from its current lists: allocated, installed and called. */
    static KState regenerate(KState s, Target key) {
        Trampoline t = tramp(s, key);
        KState r = s;
        for (multilink.model.state.Image old : t.curImage()) {
            r = r.withImages(r.images().remove(old));
        }
        multilink.model.state.Image im = t.wantedImage();
        r = r.withImages(r.images().put(im, 1)).withDirectCalls(r.directCalls().put(key, im));
        return put(r, t.withImage(Option.of(im)));
    }

    static Prog withSleepable(Prog p, boolean sleepable) {
        return new Prog(p.id(), p.type(), p.attachTarget(), sleepable, p.fdOpen(), p.refcnt(), p.attachBtf(),
                p.mod(), p.dstProg(), p.dstTrampoline());
    }

    static Prog prog(KState s, int id) {
        return s.progs().get(id).get();
    }

    static Link link(KState s, int id) {
        return s.links().get(id).get();
    }

    static Trampoline tramp(KState s, String f) {
        return tramp(s, fn(f));
    }

    static Trampoline tramp(KState s, Target t) {
        return s.trampolines().get(t).get();
    }

    static KState put(KState s, Prog p) {
        return s.withProgs(s.progs().put(p.id(), p));
    }

    static KState put(KState s, Link l) {
        return s.withLinks(s.links().put(l.id(), l));
    }

    static KState put(KState s, Trampoline t) {
        return s.withTrampolines(s.trampolines().put(t.key(), t));
    }

    static KState refProg(KState s, int id, int delta) {
        return put(s, prog(s, id).withRefcnt(prog(s, id).refcnt() + delta));
    }

    static KState refBtf(KState s, String btf, int delta) {
        return s.withBtfs(s.btfs().put(btf, s.btfs().get(btf).get() + delta));
    }

    static KState refTramp(KState s, Target t, int delta) {
        return put(s, tramp(s, t).withRefcnt(tramp(s, t).refcnt() + delta));
    }

    static Link withProg(Link l, int prog) {
        return new Link(l.id(), l.type(), prog, l.entries(), l.tgtProg(), l.tgtProgs(), l.btfs(), l.mods());
    }

    static Link withEntries(Link l, List<multilink.model.state.LinkEntry> entries) {
        return new Link(l.id(), l.type(), l.prog(), entries, l.tgtProg(), l.tgtProgs(), l.btfs(), l.mods());
    }

    static Link withTgtProg(Link l, Option<Integer> tgt) {
        return new Link(l.id(), l.type(), l.prog(), l.entries(), tgt, l.tgtProgs(), l.btfs(), l.mods());
    }

    static Link withTgtProgs(Link l, List<Integer> tgts) {
        return new Link(l.id(), l.type(), l.prog(), l.entries(), l.tgtProg(), tgts, l.btfs(), l.mods());
    }

    static Link withBtfs(Link l, List<String> btfs) {
        return new Link(l.id(), l.type(), l.prog(), l.entries(), l.tgtProg(), l.tgtProgs(), btfs, l.mods());
    }

    static Link withMods(Link l, List<String> mods) {
        return new Link(l.id(), l.type(), l.prog(), l.entries(), l.tgtProg(), l.tgtProgs(), l.btfs(), mods);
    }

    static Prog withAttachBtf(Prog p, Option<String> btf) {
        return new Prog(p.id(), p.type(), p.attachTarget(), p.sleepable(), p.fdOpen(), p.refcnt(), btf, p.mod(),
                p.dstProg(), p.dstTrampoline());
    }

    static Prog withType(Prog p, ProgType type) {
        return new Prog(p.id(), type, p.attachTarget(), p.sleepable(), p.fdOpen(), p.refcnt(), p.attachBtf(),
                p.mod(), p.dstProg(), p.dstTrampoline());
    }
}
