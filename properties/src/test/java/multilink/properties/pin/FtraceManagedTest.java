package multilink.properties.pin;

import io.vavr.collection.List;
import multilink.model.Errno;
import multilink.model.design.Designs;
import multilink.model.invariant.Invariants;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.Trampoline;
import multilink.model.step.FaultPoint;
import multilink.model.step.Outcome;
import multilink.model.step.RefEvent;
import multilink.model.step.Step;
import multilink.model.world.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FENTRY_MULTI;
import static multilink.properties.pin.Reached.T1;
import static multilink.properties.pin.Reached.T2;
import static multilink.properties.pin.Reached.attach;
import static multilink.properties.pin.Reached.closeLink;
import static multilink.properties.pin.Reached.fault;
import static multilink.properties.pin.Reached.fn;
import static multilink.properties.pin.Reached.load;
import static multilink.properties.pin.Reached.loadSub;
import static multilink.properties.pin.Reached.multi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code func.ftrace_managed} as trampoline state: clear in a new trampoline,
 * set by the register that finds an ftrace location (the plain one and the
 * single-ops multi one), never cleared, and what sends modify and unregister
 * to ftrace rather than to {@code bpf_arch_text_poke}.
 */
class FtraceManagedTest {

    static Trampoline tramp(KState s, Target key) {
        return s.trampolines().get(key).getOrElseThrow(() -> new AssertionError("no trampoline " + key));
    }

    static Outcome step(String d, KState s, Step st) {
        return Syscalls.step(Designs.parse(d).get(), s, st);
    }

    static List<String> events(Outcome o) {
        return o.events().map(RefEvent::toString);
    }

    @Test
    void setByTheFirstRegisterAndKeptAfterTheLastProgLeft() {
        KState loaded = Reached.run("classic", load(FENTRY, T1), load(FENTRY, T1));
        assertFalse(tramp(loaded, fn(T1)).ftraceManaged(), "bpf_trampoline_get allocates it zeroed");
        KState attached = Reached.run("classic", load(FENTRY, T1), load(FENTRY, T1), attach(2));
        assertTrue(tramp(attached, fn(T1)).ftraceManaged());
        Outcome closed = step("classic", attached, closeLink(1));
        assertTrue(events(closed).contains("unregister_ftrace_direct(" + T1 + ")"), events(closed).toString());
        Trampoline left = tramp(closed.state(), fn(T1));
        assertTrue(left.curImage().isEmpty(), "p3's dst_trampoline keeps it alive, empty");
        assertTrue(left.ftraceManaged(), "nothing clears the flag");
    }

    @Test
    void aBpfSubprogTargetIsPokedAndNeverManaged() {
        Target sub = new Target.Subprog(1, "subprog_a");
        KState s = Reached.run("classic", loadSub(FENTRY, "subprog_a"), loadSub(FENTRY, "subprog_a"), attach(2));
        assertFalse(tramp(s, sub).ftraceManaged());
        Outcome second = step("classic", s, attach(3));
        assertEquals(Errno.OK, second.errno());
        assertTrue(events(second).exists(e -> e.startsWith("bpf_arch_text_poke(")), events(second).toString());
        assertFalse(tramp(second.state(), sub).ftraceManaged());
    }

    /** The kernel sets the flag before registering; a failed register keeps it, and changes nothing a step sees. */
    @Test
    void aFailedRegisterLeavesTheFlagSet() {
        KState s = Reached.run("classic", load(FENTRY, T1));
        Outcome o = step("classic", s, fault(attach(2), FaultPoint.FTRACE_REGISTER, 1));
        assertEquals(Errno.ENOMEM, o.errno());
        assertTrue(tramp(o.state(), fn(T1)).ftraceManaged());
        assertFalse(tramp(s, fn(T1)).ftraceManaged());
        assertEquals(List.empty(), Invariants.check(s, o), "the flag is no change FAILED_SYSCALL_CHANGES_NOTHING counts");
        assertEquals(s.trampolines().get(fn(T1)).map(t -> t.withFtraceManaged(true)), o.state().trampolines().get(fn(T1)),
                "and the only change");
        // a later attach registers through ftrace as the first would have
        Outcome again = step("classic", o.state(), attach(2));
        assertEquals(Errno.OK, again.errno());
        assertTrue(events(again).exists(e -> e.startsWith("register_ftrace_direct(")), events(again).toString());
    }

    /**
     * Each design's multi register sets the flag: upstream's {@code register_fentry_multi}
     * (merged trampoline.c), dong-v1's per-entry plain link (seed 001 calls
     * {@code bpf_trampoline_multi_link_prog}); olsa-v3 follows the merged code
     * (seed 000 has no trampoline.c hunk). A classic attach to the same
     * trampoline afterwards modifies it through ftrace, never by a text poke.
     */
    @ParameterizedTest
    @ValueSource(strings = {"olsa-v3", "upstream", "dong-v1"})
    void aClassicAttachAfterAMultiLinkModifiesThroughFtrace(String d) {
        KState s = Reached.run(d, load(FENTRY_MULTI, T1), multi(2, T1, T2), load(FENTRY, T1));
        assertTrue(tramp(s, fn(T1)).ftraceManaged(), d);
        assertTrue(tramp(s, fn(T2)).ftraceManaged(), d);
        Outcome o = step(d, s, attach(3));
        assertEquals(Errno.OK, o.errno(), d);
        assertTrue(events(o).exists(e -> e.startsWith("modify_ftrace_direct(" + T1)), events(o).toString());
        assertFalse(events(o).exists(e -> e.startsWith("bpf_arch_text_poke(")), events(o).toString());
        assertEquals(List.empty(), Invariants.check(s, o), d);
    }
}
