package multilink.properties.pin;

import io.vavr.collection.List;
import multilink.model.invariant.Invariants;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.ProgType;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static multilink.properties.pin.Reached.MOD_F1;
import static multilink.properties.pin.Reached.T1;
import static multilink.properties.pin.Reached.T2;
import static multilink.properties.pin.Reached.T3;
import static multilink.properties.pin.Reached.attach;
import static multilink.properties.pin.Reached.attachCookie;
import static multilink.properties.pin.Reached.closeLink;
import static multilink.properties.pin.Reached.closeProg;
import static multilink.properties.pin.Reached.design;
import static multilink.properties.pin.Reached.load;
import static multilink.properties.pin.Reached.loadSub;
import static multilink.properties.pin.Reached.multi;
import static multilink.properties.pin.Reached.retarget;
import static multilink.properties.pin.Reached.sub;
import static multilink.properties.pin.Reached.unload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The other half of pinning: states reached by real syscalls, in every
 * design, report no violation at all, step after step, down to the boot
 * state again.
 */
class InvariantReachedStatesTest {

    /** Classic links of every kind, in any design: every state on the way is clean. */
    @ParameterizedTest
    @ValueSource(strings = {"classic", "olsa-v3", "upstream", "dong-v1"})
    void classicLinksOfEveryKind(String name) {
        List<Step> steps = List.of(load(ProgType.FENTRY, T1), load(ProgType.FEXIT, T1),
                load(ProgType.FMOD_RET, "bpf_modify_return_test"), attach(2), attachCookie(3, 5), attach(4),
                loadSub(ProgType.FREPLACE, "subprog_a"), attach(5), retarget(5, sub("subprog_b")),
                loadSub(ProgType.FENTRY, "subprog_b"), load(ProgType.FENTRY, MOD_F1), attach(7),
                closeProg(2), closeProg(3));
        List<Step> teardown = List.of(closeLink(1), closeLink(2), closeLink(3), closeLink(4), closeLink(5),
                closeLink(6), closeProg(4), closeProg(5), closeProg(6), closeProg(7), unload(Reached.MOD));
        KState s = cleanAllTheWay(name, steps.appendAll(teardown));
        assertEquals(KState.initial(DefaultWorld.get()).withModules(s.modules()).withBtfs(s.btfs()), s);
        assertTrue(!s.modules().get(Reached.MOD).get().live());
    }

    @ParameterizedTest
    @ValueSource(strings = {"olsa-v3", "upstream", "dong-v1"})
    void multiLinksBesideClassicOnes(String name) {
        List<Step> steps = List.of(load(ProgType.FENTRY, T1), attach(2), load(ProgType.FENTRY_MULTI, T1),
                load(ProgType.FEXIT_MULTI, T2), multi(3, T1, T2, T3), multi(4, T2, T3),
                closeProg(3), closeLink(1), closeLink(2), closeLink(3), closeProg(2), closeProg(4));
        KState s = cleanAllTheWay(name, steps);
        assertEquals(KState.initial(DefaultWorld.get()), s);
    }

    @Test
    void theRichStateIsClean() {
        KState rich = Reached.rich();
        assertEquals(List.empty(), Invariants.checkState(rich));
        assertEquals(6, rich.trampolines().size(), rich.trampolines().keySet().toString());
        assertEquals(3, rich.links().size());
    }

    static KState cleanAllTheWay(String name, List<Step> steps) {
        KState s = KState.initial(DefaultWorld.get());
        for (Step st : steps) {
            Outcome o = Syscalls.step(design(name), s, st);
            assertTrue(o.errno().ok(), () -> name + ": " + st + " -> " + o.errno());
            assertEquals(List.empty(), Invariants.check(s, o), name + ": " + st);
            s = o.state();
        }
        return s;
    }
}
