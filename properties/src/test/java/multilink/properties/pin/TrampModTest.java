package multilink.properties.pin;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.invariant.Invariants;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import multilink.model.world.Target;
import multilink.properties.Checker;
import multilink.properties.StepGen;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FEXIT;
import static multilink.properties.pin.Reached.MOD;
import static multilink.properties.pin.Reached.MOD_F1;
import static multilink.properties.pin.Reached.MOD_F2;
import static multilink.properties.pin.Reached.attach;
import static multilink.properties.pin.Reached.closeLink;
import static multilink.properties.pin.Reached.closeProg;
import static multilink.properties.pin.Reached.load;
import static multilink.properties.pin.Reached.unload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel-line switch {@code trampmod}: 6.1's module lifetime, where a registered trampoline pins its
 * function's module and a prog pins nothing (6.1 kernel/bpf/trampoline.c:175-256). The three traces are the
 * ones played on Debian's 6.1.192 guest; the expected errnos are what that kernel answered, and classic (6.12,
 * as the model's default) answers the 6.12 way. Everything else is unchanged: traces that never name a module
 * function give the same states and events with the switch on and off.
 */
class TrampModTest {
    static final Design CLASSIC = multilink.model.design.Designs.parse("classic").get();
    static final Design V61 = multilink.model.design.Designs.parse("classic+trampmod").get();

    /** Each step's errno on a design, every state clean (no new violation, no WARN). */
    static List<Errno> errnos(Design d, List<Step> steps) {
        KState s = KState.initial(DefaultWorld.get());
        List<Errno> out = List.empty();
        for (Step st : steps) {
            Outcome o = Syscalls.step(d, s, st);
            var v = Invariants.check(s, o);
            assertTrue(v.isEmpty(), () -> d.name() + " " + st + " broke " + v);
            out = out.append(o.errno());
            s = o.state();
        }
        return out;
    }

    static KState state(Design d, List<Step> steps) {
        return Checker.run(d, DefaultWorld.get(), steps).last(KState.initial(DefaultWorld.get()));
    }

    @Test
    void unloadUnderALoadedProgThenAttachIt() {
        // s1 on the guest: delete_module succeeds under a loaded prog; the attach registers a trampoline
        // never registered before, whose poke finds BPF text at the freed address (EBUSY; EINVAL where nothing
        // took that page, which depends on the boot's history, see DirectFentryOps); the load is ENOENT
        List<Step> t = List.of(load(FENTRY, MOD_F1), unload(MOD), attach(2), load(FENTRY, MOD_F1), closeProg(2));
        assertEquals(List.of(Errno.OK, Errno.OK, Errno.EBUSY, Errno.ENOENT, Errno.OK), errnos(V61, t));
        assertEquals(List.of(Errno.OK, Errno.EAGAIN, Errno.OK, Errno.OK, Errno.OK), errnos(CLASSIC, t));
    }

    @Test
    void aTrampolineRegisteredOnceStillGoesToFtraceAfterTheModuleWent() {
        // s2 on the guest: ftrace_managed stays set, so the second register succeeds without a module;
        // the re-attach of prog 2 (dst_trampoline gone) looks the symbol up again: ENOENT
        List<Step> t = List.of(load(FENTRY, MOD_F1), load(FEXIT, MOD_F1), attach(2), unload(MOD), closeLink(1),
                unload(MOD), attach(3), closeLink(1), attach(2));
        assertEquals(List.of(Errno.OK, Errno.OK, Errno.OK, Errno.EAGAIN, Errno.OK, Errno.OK, Errno.OK, Errno.OK,
                Errno.ENOENT), errnos(V61, t));
        assertEquals(List.of(Errno.OK, Errno.OK, Errno.OK, Errno.EAGAIN, Errno.OK, Errno.EAGAIN, Errno.OK,
                Errno.OK, Errno.OK), errnos(CLASSIC, t));
        KState after7 = state(V61, t.take(7));
        assertEquals(Option.none(), after7.trampolines().get(new Target.Func(MOD_F1)).get().mod(),
                "registered after the module went: nothing to pin");
    }

    @Test
    void twoLinksOnOneTrampolinePinTheModuleOnce() {
        // s3 on the guest
        List<Step> t = List.of(load(FENTRY, MOD_F1), load(FEXIT, MOD_F1), attach(2), attach(3), closeLink(1),
                unload(MOD), closeLink(2), unload(MOD), attach(3), load(FENTRY, MOD_F2));
        assertEquals(List.of(Errno.OK, Errno.OK, Errno.OK, Errno.OK, Errno.OK, Errno.EAGAIN, Errno.OK, Errno.OK,
                Errno.ENOENT, Errno.ENOENT), errnos(V61, t));
        KState two = state(V61, t.take(4));
        assertEquals(1, two.modules().get(MOD).get().refcnt(), "one tr->mod for the registered trampoline");
        assertTrue(two.progs().values().forAll(p -> p.mod().isEmpty()), "no prog pins it in 6.1");
        assertEquals(Option.of(MOD), two.trampolines().get(new Target.Func(MOD_F1)).get().mod());
        KState classic = state(CLASSIC, t.take(4));
        assertEquals(2, classic.modules().get(MOD).get().refcnt(), "6.12: each prog's aux->mod");
        assertEquals(0, state(V61, t.take(7)).modules().get(MOD).get().refcnt(), "unregister put it");
    }

    /** A step that names a module function or the module. */
    static boolean touchesModule(Step st) {
        var w = DefaultWorld.get();
        return st.op() instanceof Op.Load l && l.target() instanceof Target.Func f
                && w.function(f.name()).exists(k -> k.module().isDefined())
                || st.op() instanceof Op.UnloadModule;
    }

    @Test
    void withoutModuleFunctionsNothingChanges() {
        // random traces with faults, module steps redrawn: the same errno, events and state on every step
        Random r = new Random(61);
        StepGen gen = new StepGen(CLASSIC, 0.2);
        int steps = 0;
        for (int trace = 0; trace < 200; trace++) {
            KState a = KState.initial(DefaultWorld.get());
            KState b = a;
            for (int i = 0; i < 30; i++) {
                Step st = gen.next(r, a);
                if (touchesModule(st)) {
                    continue;
                }
                Outcome oa = Syscalls.step(CLASSIC, a, st);
                Outcome ob = Syscalls.step(V61, b, st);
                assertEquals(oa.errno(), ob.errno(), st.toString());
                assertEquals(oa.events().map(Object::toString), ob.events().map(Object::toString), st.toString());
                assertEquals(oa.state(), ob.state(), st.toString());
                a = oa.state();
                b = ob.state();
                steps++;
            }
        }
        assertTrue(steps > 3000, "steps compared: " + steps);
    }

    @Test
    void randomModuleChainsStayCleanWithTheSwitch() {
        // the switch breaks no invariant: REF_MODULE counts tr->mod, NO_DANGLING checks it
        Random r = new Random(612);
        StepGen gen = new StepGen(V61, 0.2);
        int unloads = 0;
        for (int trace = 0; trace < 200; trace++) {
            List<Step> steps = List.empty();
            KState s = KState.initial(DefaultWorld.get());
            for (int i = 0; i < 25; i++) {
                Step st = gen.next(r, s);
                steps = steps.append(st);
                s = Syscalls.step(V61, s, st).state();
                if (st.op() instanceof Op.UnloadModule && s.modules().get(MOD).exists(m -> !m.live())) {
                    unloads++;
                }
            }
            var run = Checker.run(V61, DefaultWorld.get(), steps);
            List<Step> shown = steps;
            assertTrue(run.broken().isEmpty(), () -> run.broken() + "\n" + shown.mkString("\n"));
        }
        assertTrue(unloads > 10, "module unloads reached: " + unloads);
    }
}
