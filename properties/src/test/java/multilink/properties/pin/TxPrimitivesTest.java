package multilink.properties.pin;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.KnownFinding;
import multilink.model.kernel.Syscalls;
import multilink.model.kernel.Tx;
import multilink.model.state.Image;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.ModuleObj;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.state.TrampKind;
import multilink.model.state.TrampNode;
import multilink.model.state.Trampoline;
import multilink.model.state.Warning;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.RefEvent;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static multilink.properties.pin.Reached.MOD;
import static multilink.properties.pin.Reached.T1;
import static multilink.properties.pin.Reached.T2;
import static multilink.properties.pin.Reached.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel primitives of {@link Tx} (refcounts, allocations, fault
 * counters), driven the way a design drives them: a probe design whose multi
 * attach runs a script on the syscall's Tx. What a broken design does with
 * them (a put too many, a leaked buffer, a bad free) must show in the state
 * as the WARN the kernel would print, never as a crash or a silent fix.
 */
class TxPrimitivesTest {

    /** A design that loads multi progs like seed 000 and runs a script as its attach; the attach fails -EPERM. */
    static final class Probe implements Design {
        private final Consumer<Tx> script;

        Probe(Consumer<Tx> script) {
            this.script = script;
        }

        @Override
        public String preset() {
            return "probe";
        }

        @Override
        public io.vavr.collection.Set<String> switches() {
            return HashSet.empty();
        }

        @Override
        public boolean loadsMulti(ProgType type) {
            return true;
        }

        @Override
        public boolean multiVerifiedAgainstTarget() {
            return false;
        }

        @Override
        public Either<Errno, Integer> attachMulti(Tx tx, Prog prog, Op.AttachMulti op) {
            script.accept(tx);
            return Either.left(Errno.EPERM);
        }

        @Override
        public void releaseMulti(Tx tx, Link link) {
            script.accept(tx);
        }

        @Override
        public List<FaultPoint> faultPoints() {
            return List.empty();
        }

        @Override
        public List<KnownFinding> presetFindings() {
            return List.empty();
        }
    }

    static final Step LOAD = Reached.load(ProgType.FENTRY_MULTI, T1);

    /** Loads a multi prog on {@code from}, then runs the script as its multi attach. */
    static Outcome probe(KState from, Option<multilink.model.step.Fault> fault, Consumer<Tx> script) {
        Probe d = new Probe(script);
        Outcome loaded = Syscalls.step(d, from, LOAD);
        assertEquals(Errno.OK, loaded.errno());
        Op.AttachMulti probe = new Op.AttachMulti(loaded.created().get(), List.of(fn(T1)), Option.none(), 0,
                Option.none());
        Outcome o = Syscalls.step(d, loaded.state(), new Step(probe, fault));
        assertEquals(Errno.EPERM, o.errno());
        return o;
    }

    static Outcome probe(Consumer<Tx> script) {
        return probe(KState.initial(DefaultWorld.get()), Option.none(), script);
    }

    static Outcome probe(FaultPoint p, int hit, Consumer<Tx> script) {
        return probe(KState.initial(DefaultWorld.get()), Option.of(new multilink.model.step.Fault(p, hit)), script);
    }

    /** The events the script made: without link_create's bpf_prog_inc first and its bpf_prog_put last. */
    static List<String> scriptEvents(Outcome o) {
        return o.events().drop(1).dropRight(1).map(RefEvent::toString);
    }

    static HashSet<Warning> warnings(Outcome o) {
        return HashSet.ofAll(o.state().warnings());
    }

    static Warning w(Warning.Kind k, String object) {
        return new Warning(k, object);
    }

    @Test
    void anUnfreedBufferIsALeakAtTheEndOfTheSyscall() {
        Outcome o = probe(tx -> {
            tx.kmalloc("a");
            Tx.Buffer b = tx.kmalloc("b");
            tx.kfree(b);
            Tx.Buffer c = tx.kvmalloc("c", 8);
            tx.adopt(c);
            tx.kvmalloc("d", 8);
        });
        assertEquals(HashSet.of(w(Warning.Kind.MEMORY_LEAK, "a"), w(Warning.Kind.MEMORY_LEAK, "d")), warnings(o));
        assertEquals(List.of("kmalloc(b)", "kfree(b)", "kvmalloc(c)"), scriptEvents(o).filter(e -> e.contains("(b)")
                || e.contains("(c)")));
        assertTrue(o.events().last().call().equals("WARN") || o.events().exists(e -> e.call().equals("WARN")));
    }

    @Test
    void kfreeOfVmallocMemoryIsAMismatchKvfreeIsNot() {
        Outcome o = probe(FaultPoint.KVMALLOC_VMALLOC, 2, tx -> {
            Tx.Buffer small = tx.kvmalloc("small", Tx.PAGE_SIZE); // never falls back: passes no fault point
            Tx.Buffer slab = tx.kvmalloc("slab", Tx.PAGE_SIZE + 1); // hit 1: kmalloc worked
            Tx.Buffer vm = tx.kvmalloc("vm", Tx.PAGE_SIZE + 1);     // hit 2: fell back to vmalloc
            Tx.Buffer vm2 = tx.kvmalloc("slab2", Tx.PAGE_SIZE + 1); // hit 3: kmalloc again
            assertFalse(small.vmalloc());
            assertFalse(slab.vmalloc());
            assertTrue(vm.vmalloc());
            assertFalse(vm2.vmalloc());
            tx.kfree(small);
            tx.kfree(slab);
            tx.kfree(vm);
            tx.kvfree(vm2);
        });
        assertEquals(HashSet.of(w(Warning.Kind.FREE_MISMATCH, "kfree(vm) of vmalloc memory")), warnings(o));
        assertEquals(List.of("kvmalloc(small)", "kvmalloc(slab)", "kvmalloc (vmalloc)(vm)", "kvmalloc(slab2)",
                "kfree(small)", "kfree(slab)",
                "kfree(vm)", "WARN(FREE_MISMATCH kfree(vm) of vmalloc memory)", "kvfree(slab2)"), scriptEvents(o));
        Outcome ok = probe(FaultPoint.KVMALLOC_VMALLOC, 1, tx -> tx.kvfree(tx.kvmalloc("x", Tx.PAGE_SIZE + 1)));
        assertEquals(HashSet.empty(), warnings(ok), "kvfree is right for either");
    }

    @Test
    void aFaultFiresOnItsHitOnly() {
        java.util.List<Boolean> seen = new java.util.ArrayList<>();
        probe(FaultPoint.IMAGE_ALLOC, 2, tx -> {
            seen.add(tx.fails(FaultPoint.IMAGE_ALLOC));
            seen.add(tx.fails(FaultPoint.ARCH_PREPARE));
            seen.add(tx.fails(FaultPoint.IMAGE_ALLOC));
            seen.add(tx.fails(FaultPoint.IMAGE_ALLOC));
        });
        assertEquals(java.util.List.of(false, false, true, false), seen);
        seen.clear();
        probe(tx -> seen.add(tx.fails(FaultPoint.IMAGE_ALLOC)));
        assertEquals(java.util.List.of(false), seen);
    }

    /** Inside withoutFaults nothing is passed: no fault fires there and no pass is counted. */
    @Test
    void codeWithoutFaultsPassesNoFaultPoint() {
        java.util.List<Boolean> seen = new java.util.ArrayList<>();
        Outcome o = probe(FaultPoint.IMAGE_ALLOC, 2, tx -> {
            seen.add(tx.fails(FaultPoint.IMAGE_ALLOC));                                    // pass 1
            seen.add(tx.withoutFaults(() -> tx.fails(FaultPoint.IMAGE_ALLOC)));          // not a pass
            seen.add(tx.withoutFaults(() -> tx.withoutFaults(() -> tx.fails(FaultPoint.IMAGE_ALLOC))));
            seen.add(tx.withoutFaults(() -> {
                tx.withoutFaults(() -> tx.fails(FaultPoint.ARCH_PREPARE));
                return tx.fails(FaultPoint.IMAGE_ALLOC);                                  // still inside
            }));
            seen.add(tx.faultFired());
            seen.add(tx.fails(FaultPoint.IMAGE_ALLOC));                                    // pass 2: fires
            seen.add(tx.faultFired());
            seen.add(tx.fails(FaultPoint.IMAGE_ALLOC));                                    // pass 3
            seen.add(tx.faultFired());
        });
        assertEquals(java.util.List.of(false, false, false, false, false, true, true, false, true), seen);
        assertTrue(o.faultFired());
        assertEquals(Option.of(3), o.passes().get(FaultPoint.IMAGE_ALLOC));
        assertEquals(Option.none(), o.passes().get(FaultPoint.ARCH_PREPARE));
        // an exception inside still leaves the section
        java.util.List<Boolean> after = new java.util.ArrayList<>();
        probe(FaultPoint.LINK_ALLOC, 1, tx -> {
            assertThrows(IllegalStateException.class, () -> tx.withoutFaults(() -> tx.prog(99)));
            after.add(tx.fails(FaultPoint.LINK_ALLOC));
        });
        assertEquals(java.util.List.of(true), after);
    }

    /** What an outcome says about its fault: whether it fired, and how often each point was passed. */
    @Test
    void outcomesCountPassesAndSayWhetherTheFaultFired() {
        Outcome missed = probe(FaultPoint.IMAGE_ALLOC, 3, tx -> {
            tx.fails(FaultPoint.IMAGE_ALLOC);
            tx.fails(FaultPoint.IMAGE_ALLOC);
            tx.fails(FaultPoint.FTRACE_MODIFY);
        });
        assertFalse(missed.faultFired(), "passed twice, aimed at the third pass");
        assertEquals(io.vavr.collection.HashMap.of(FaultPoint.IMAGE_ALLOC, 2, FaultPoint.FTRACE_MODIFY, 1),
                missed.passes());
        Outcome other = probe(FaultPoint.ARCH_PREPARE, 1, tx -> tx.fails(FaultPoint.IMAGE_ALLOC));
        assertFalse(other.faultFired(), "another point");
        Outcome none = probe(tx -> tx.fails(FaultPoint.IMAGE_ALLOC));
        assertFalse(none.faultFired());
        assertEquals(io.vavr.collection.HashMap.of(FaultPoint.IMAGE_ALLOC, 1), none.passes());
        // a real syscall: the load passed bpf_trampoline_get's allocation once, the fault fired there
        Outcome load = Syscalls.step(Reached.design("classic"), KState.initial(DefaultWorld.get()),
                Reached.fault(Reached.load(ProgType.FENTRY, T1), FaultPoint.TRAMPOLINE_GET, 1));
        assertEquals(Errno.ENOMEM, load.errno());
        assertTrue(load.faultFired());
        assertEquals(io.vavr.collection.HashMap.of(FaultPoint.TRAMPOLINE_GET, 1), load.passes());
        Outcome later = Syscalls.step(Reached.design("classic"), KState.initial(DefaultWorld.get()),
                Reached.fault(Reached.load(ProgType.FENTRY, T1), FaultPoint.TRAMPOLINE_GET, 2));
        assertEquals(Errno.OK, later.errno());
        assertFalse(later.faultFired());
    }

    @Test
    void progRefcounts() {
        Outcome o = probe(tx -> {
            tx.progInc(1);
            tx.progPut(1);
            tx.progInc(99);
            tx.progPut(99);
        });
        assertEquals(List.of("bpf_prog_inc(prog 1)=2", "bpf_prog_put(prog 1)=1",
                "WARN(REFCOUNT_UNDERFLOW prog 99 (inc after free))", "WARN(REFCOUNT_UNDERFLOW prog 99)"),
                scriptEvents(o));
        assertEquals(1, o.state().progs().get(1).get().refcnt());
        // a put of a prog at zero: underflow, the prog stays as it was
        Outcome zero = probe(tx -> {
            tx.putProg(tx.prog(1).withRefcnt(0));
            tx.progPut(1);
        });
        assertEquals(HashSet.of(w(Warning.Kind.REFCOUNT_UNDERFLOW, "prog 1")), warnings(zero));
        assertEquals(0, zero.state().progs().get(1).get().refcnt());
    }

    @Test
    void theLastProgPutFreesWhatTheProgHeld() {
        // prog 3: fentry on a module function, loaded classically: it holds the module, its BTF and a trampoline
        KState s = Reached.run("classic", Reached.load(ProgType.FENTRY, Reached.MOD_F1));
        assertEquals(1, s.modules().get(MOD).get().refcnt());
        // the fd is closed first (as close() does), so the put frees a prog nothing else names
        Outcome o = probe(s, Option.none(), tx -> {
            tx.putProg(tx.prog(2).withFdOpen(false));
            tx.progPut(2);
        });
        KState after = o.state();
        assertTrue(after.progs().get(2).isEmpty(), "freed");
        assertEquals(0, after.modules().get(MOD).get().refcnt());
        assertEquals(Option.of(1), after.btfs().get(Reached.MOD_BTF));
        assertTrue(after.trampolines().isEmpty());
        assertEquals(List.of("bpf_prog_put(prog 2)=0", "module_put(" + MOD + ")=0", "btf_put(" + Reached.MOD_BTF
                + ")=1", "bpf_trampoline_put(" + Reached.MOD_F1 + ")=0"), scriptEvents(o).take(4));
        assertEquals(HashSet.empty(), warnings(o));
        // freed while its fd is still open: the fd's close will put a freed prog (a refcount WARN now)
        Outcome open = probe(s, Option.none(), tx -> tx.progPut(2));
        assertTrue(open.state().progs().get(2).isEmpty(), "freed all the same");
        assertEquals(HashSet.of(w(Warning.Kind.REFCOUNT_UNDERFLOW, "prog 2 (freed with its fd open)")),
                warnings(open));
        assertEquals(List.of("bpf_prog_put(prog 2)=0", "WARN(REFCOUNT_UNDERFLOW prog 2 (freed with its fd open))",
                "module_put(" + MOD + ")=0"), scriptEvents(open).take(3));
        // a freplace prog's dst_prog goes with it
        KState f = Reached.run("classic", Reached.loadSub(ProgType.FREPLACE, "subprog_a"));
        Outcome of = probe(f, Option.none(), tx -> {
            tx.putProg(tx.prog(2).withFdOpen(false));
            tx.progPut(2);
        });
        assertEquals(1, of.state().progs().get(1).get().refcnt());
        assertTrue(of.state().trampolines().isEmpty());
    }

    @Test
    void btfRefcounts() {
        Outcome o = probe(tx -> {
            tx.btfGet("vmlinux");
            tx.btfPut("vmlinux");
            tx.btfGet("btf:new");
            tx.btfPut("btf:none");
        });
        // the load took one on vmlinux (2), the probe adds and drops one
        assertEquals(List.of("btf_get(vmlinux)=3", "btf_put(vmlinux)=2", "WARN(REFCOUNT_UNDERFLOW btf:new (get after free))",
                "btf_get(btf:new)=1", "WARN(REFCOUNT_UNDERFLOW btf:none)"), scriptEvents(o));
        assertEquals(Option.of(1), o.state().btfs().get("btf:new"));
        assertEquals(Option.none(), o.state().btfs().get("btf:none"));
        Outcome last = probe(tx -> tx.btfPut("btf:" + MOD));
        assertEquals(Option.none(), last.state().btfs().get("btf:" + MOD), "the last put frees it");
        assertEquals(List.of("btf_put(btf:" + MOD + ")=0"), scriptEvents(last));
    }

    @Test
    void moduleRefcounts() {
        Outcome o = probe(tx -> {
            assertTrue(tx.moduleTryGet(MOD));
            tx.modulePut(MOD);
            tx.modulePut(MOD);
            tx.modulePut("nope");
            assertFalse(tx.moduleTryGet("nope"));
        });
        assertEquals(List.of("try_module_get(" + MOD + ")=1", "module_put(" + MOD + ")=0",
                "WARN(REFCOUNT_UNDERFLOW module " + MOD + ")", "WARN(REFCOUNT_UNDERFLOW module nope)",
                "try_module_get(nope (going))"), scriptEvents(o));
        assertEquals(new ModuleObj(MOD, 0, true), o.state().modules().get(MOD).get());
        KState gone = Reached.run("classic", Reached.unload(MOD));
        Outcome g = probe(gone, Option.none(), tx -> assertFalse(tx.moduleTryGet(MOD)));
        assertEquals(new ModuleObj(MOD, 0, false), g.state().modules().get(MOD).get());
        // a put on a module that is going keeps it going
        KState pinned = Reached.run("classic", Reached.load(ProgType.FENTRY, Reached.MOD_F1));
        KState going = pinned.withModules(pinned.modules().put(MOD, new ModuleObj(MOD, 1, false)));
        Outcome p = probe(going, Option.none(), tx -> tx.modulePut(MOD));
        assertEquals(new ModuleObj(MOD, 0, false), p.state().modules().get(MOD).get());
    }

    @Test
    void trampolineRefcounts() {
        Outcome o = probe(tx -> {
            assertTrue(tx.trampolineGet(fn(T2)));
            assertTrue(tx.trampolineGet(fn(T2)));
            tx.trampolinePut(fn(T2));
            tx.trampolinePut(fn(T2));
            tx.trampolinePut(fn(T2));
        });
        assertEquals(List.of("bpf_trampoline_get(" + T2 + ")=1", "bpf_trampoline_get(" + T2 + ")=2",
                "bpf_trampoline_put(" + T2 + ")=1", "bpf_trampoline_put(" + T2 + ")=0",
                "WARN(REFCOUNT_UNDERFLOW trampoline " + T2 + ")"), scriptEvents(o));
        assertTrue(o.state().trampolines().isEmpty());
        // NULL from bpf_trampoline_get only where it would create one
        Outcome f = probe(FaultPoint.TRAMPOLINE_GET, 1, tx -> assertFalse(tx.trampolineGet(fn(T2))));
        assertEquals(List.of("bpf_trampoline_get(" + T2 + " (NULL))"), scriptEvents(f));
        Outcome f2 = probe(FaultPoint.TRAMPOLINE_GET, 2, tx -> {
            assertTrue(tx.trampolineGet(fn(T2)));
            assertTrue(tx.trampolineGet(fn(T2)), "an existing trampoline is found, not allocated");
            assertFalse(tx.trampolineGet(fn(Reached.T3)));
        });
        assertEquals(Option.of(2), f2.state().trampolines().get(fn(T2)).map(Trampoline::refcnt));
        // a put at zero of a trampoline at refcnt 0 still there: underflow, left as it is
        Outcome z = probe(tx -> {
            tx.putTramp(Trampoline.fresh(fn(T2)).withRefcnt(0));
            tx.trampolinePut(fn(T2));
        });
        assertEquals(HashSet.of(w(Warning.Kind.REFCOUNT_UNDERFLOW, "trampoline " + T2)), warnings(z));
        assertEquals(Option.of(0), z.state().trampolines().get(fn(T2)).map(Trampoline::refcnt));
    }

    @Test
    void theLastPutOfATrampolineWithProgsWarnsAndLeaksIt() {
        Outcome o = probe(tx -> {
            tx.putTramp(Trampoline.fresh(fn(T2)).withList(TrampKind.FEXIT, List.of(new TrampNode(9, 2, 0))));
            tx.trampolinePut(fn(T2));
        });
        assertEquals(HashSet.of(w(Warning.Kind.TRAMPOLINE_PUT_NONEMPTY, T2)), warnings(o));
        assertEquals(Option.of(0), o.state().trampolines().get(fn(T2)).map(Trampoline::refcnt));
        Outcome ext = probe(tx -> {
            tx.putTramp(Trampoline.fresh(fn(T2)).withExtension(Option.of(9)));
            tx.trampolinePut(fn(T2));
        });
        assertEquals(HashSet.of(w(Warning.Kind.TRAMPOLINE_PUT_NONEMPTY, T2)), warnings(ext), "an extension too");
    }

    @Test
    void imageAllocationsAreCounted() {
        Image im = new Image(fn(T2), List.empty(), List.empty(), List.empty());
        Outcome o = probe(tx -> {
            tx.imageAlloc(im);
            tx.imageAlloc(im);
            tx.imagePut(im);
        });
        assertEquals(Option.of(1), o.state().images().get(im));
        assertEquals(List.of("bpf_tramp_image_alloc(" + im + ")=1", "bpf_tramp_image_alloc(" + im + ")=2",
                "bpf_tramp_image_put(" + im + ")=1"), scriptEvents(o));
        Outcome twice = probe(tx -> {
            tx.imageAlloc(im);
            tx.imagePut(im);
            tx.imagePut(im);
        });
        assertTrue(twice.state().images().isEmpty());
        assertEquals(HashSet.of(w(Warning.Kind.REFCOUNT_UNDERFLOW, "image " + im + " (double free)")), warnings(twice));
    }

    @Test
    void directCallsAreSetAndCleared() {
        Image im = new Image(fn(T2), List.empty(), List.empty(), List.empty());
        Outcome o = probe(tx -> {
            tx.directSet(fn(T2), im, "register_ftrace_direct");
            tx.directSet(fn(T1), im, "x");
            tx.directClear(fn(T1), "unregister_ftrace_direct");
        });
        assertEquals(io.vavr.collection.HashMap.of(fn(T2), im), o.state().directCalls());
        assertEquals(List.of("register_ftrace_direct(" + T2 + " -> " + im + ")", "x(" + T1 + " -> " + im + ")",
                "unregister_ftrace_direct(" + T1 + ")"), scriptEvents(o));
    }

    @Test
    void missingObjectsAreModelErrors() {
        assertThrows(IllegalStateException.class, () -> probe(tx -> tx.prog(99)));
        assertThrows(IllegalStateException.class, () -> probe(tx -> tx.tramp(fn(T2))));
        probe(tx -> assertEquals(Option.none(), tx.trampoline(fn(T2))));
    }

    /** The list a link's nodes are on, found through the nodes when the prog is already gone. */
    @Test
    void linkKindFallsBackToTheNodes() {
        KState s = Reached.run("classic", Reached.load(ProgType.FENTRY, T1), Reached.load(ProgType.FEXIT, T2),
                Reached.loadSub(ProgType.FREPLACE, "subprog_a"), Reached.attach(2), Reached.attach(3),
                Reached.attach(4));
        Link fentry = s.links().get(1).get();
        Link fexit = s.links().get(2).get();
        Link ext = s.links().get(3).get();
        Link nowhere = new Link(7, fentry.type(), 99, List.empty(), Option.none(), List.empty(), List.empty(),
                List.empty());
        KState gone = s.withProgs(s.progs().remove(2).remove(3).remove(4));
        java.util.List<TrampKind> kinds = new java.util.ArrayList<>();
        probe(s, Option.none(), tx -> List.of(fentry, fexit, ext).forEach(l -> kinds.add(tx.linkKind(l))));
        assertEquals(java.util.List.of(TrampKind.FENTRY, TrampKind.FEXIT, TrampKind.REPLACE), kinds);
        kinds.clear();
        probe(gone, Option.none(), tx -> List.of(fentry, fexit, ext, nowhere).forEach(l -> kinds.add(tx.linkKind(l))));
        assertEquals(java.util.List.of(TrampKind.FENTRY, TrampKind.FEXIT, TrampKind.REPLACE, TrampKind.FENTRY), kinds);
        // fmod_ret, found through the nodes
        KState r = Reached.run("classic", Reached.load(ProgType.FMOD_RET, "bpf_modify_return_test"),
                Reached.attach(2));
        kinds.clear();
        Link fmod = r.links().get(1).get();
        probe(r.withProgs(r.progs().remove(2)), Option.none(), tx -> kinds.add(tx.linkKind(fmod)));
        assertEquals(java.util.List.of(TrampKind.MODIFY_RETURN), kinds);
    }

    /** Closing a link whose prog is gone (a broken design's state) runs release and reports the bad put. */
    @Test
    void closingALinkWhoseProgIsGone() {
        KState s = Reached.run("classic", Reached.load(ProgType.FEXIT, T1), Reached.attach(2));
        KState broken = s.withProgs(s.progs().remove(2));
        Outcome o = Syscalls.step(Reached.design("classic"), broken, Reached.closeLink(1));
        assertEquals(Errno.OK, o.errno());
        assertTrue(o.state().trampolines().isEmpty(), "unlinked from the fexit list and freed");
        assertTrue(o.state().directCalls().isEmpty());
        assertTrue(o.state().links().isEmpty());
        assertEquals(HashSet.of(w(Warning.Kind.REFCOUNT_UNDERFLOW, "prog 2")), warnings(o));
    }
}
