package multilink.properties.pin;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.invariant.Invariant;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.StateDiff;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.state.ProgType;
import multilink.model.state.Warning;
import multilink.model.step.FaultPoint;
import multilink.model.step.Outcome;
import org.junit.jupiter.api.Test;

import static multilink.properties.pin.Reached.T1;
import static multilink.properties.pin.Reached.attach;
import static multilink.properties.pin.Reached.closeLink;
import static multilink.properties.pin.Reached.design;
import static multilink.properties.pin.Reached.fault;
import static multilink.properties.pin.Reached.load;
import static multilink.properties.pin.Reached.fn;
import static multilink.properties.pin.Reached.refProg;
import static multilink.properties.pin.Reached.refTramp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FAILED_SYSCALL_CHANGES_NOTHING, the one transition invariant, pinned: a
 * failed syscall that changed the state is reported with the difference, a
 * failed one that changed nothing and a successful one are not; and the
 * registry of invariant ids.
 */
class InvariantTransitionTest {
    static final KState RICH = Reached.rich();

    static Outcome outcome(KState s, Errno e) {
        return new Outcome(s, e, List.empty(), Option.none(), false, io.vavr.collection.HashMap.empty());
    }

    @Test
    void aFailedSyscallThatChangedTheStateIsReported() {
        KState after = refProg(RICH, 2, 1);
        List<Violation> v = Invariants.checkTransition(RICH, outcome(after, Errno.ENOMEM));
        assertEquals(List.of(new Violation("FAILED_SYSCALL_CHANGES_NOTHING", "syscall returning ENOMEM: progs[2]",
                "unchanged", "refcnt 2 -> 3")), v);
    }

    /** One violation per changed object, in StateDiff's order, so each can be told apart (and attributed). */
    @Test
    void eachChangedObjectIsAViolationOfItsOwn() {
        KState after = refTramp(refProg(refProg(RICH, 3, 1), 2, 1), fn(T1), -1)
                .withWarnings(HashSet.of(new Warning(Warning.Kind.MEMORY_LEAK, "link.entries")));
        assertEquals(List.of(
                new Violation("FAILED_SYSCALL_CHANGES_NOTHING", "syscall returning EINVAL: progs[2]", "unchanged",
                        "refcnt 2 -> 3"),
                new Violation("FAILED_SYSCALL_CHANGES_NOTHING", "syscall returning EINVAL: progs[3]", "unchanged",
                        "refcnt 1 -> 2"),
                new Violation("FAILED_SYSCALL_CHANGES_NOTHING", "syscall returning EINVAL: trampolines[" + T1 + "]",
                        "unchanged", "refcnt 2 -> 1"),
                new Violation("FAILED_SYSCALL_CHANGES_NOTHING",
                        "syscall returning EINVAL: warning MEMORY_LEAK(link.entries)", "unchanged", "raised")),
                Invariants.checkTransition(RICH, outcome(after, Errno.EINVAL)));
    }

    @Test
    void aFailedSyscallThatChangedNothingIsNotReported() {
        assertEquals(List.empty(), Invariants.checkTransition(RICH, outcome(RICH, Errno.EBUSY)));
        // equal, not the same object
        KState copy = new KState(RICH.world(), RICH.progs(), RICH.links(), RICH.trampolines(), RICH.images(),
                RICH.directCalls(), RICH.btfs(), RICH.modules(), RICH.warnings());
        assertEquals(List.empty(), Invariants.checkTransition(RICH, outcome(copy, Errno.EBUSY)));
    }

    @Test
    void aSuccessfulSyscallMayChangeTheState() {
        assertEquals(List.empty(), Invariants.checkTransition(RICH, outcome(refProg(RICH, 2, 1), Errno.OK)));
    }

    @Test
    void checkGivesTheStateInvariantsOfTheNewStateThenTheTransition() {
        KState after = refProg(RICH, 2, 1);
        List<Violation> v = Invariants.check(RICH, outcome(after, Errno.EFAULT));
        assertEquals(List.of("REF_PROG", "FAILED_SYSCALL_CHANGES_NOTHING"), v.map(Violation::invariant));
        assertEquals(List.of("REF_PROG"), Invariants.check(RICH, outcome(after, Errno.OK)).map(Violation::invariant));
        // the state invariants are checked on the new state, not the old one
        assertEquals(List.empty(), Invariants.check(after, outcome(RICH, Errno.OK)));
    }

    /** A real failed syscall: nothing changed, nothing reported; and a real known finding that does change it. */
    @Test
    void realSyscalls() {
        KState s = Reached.run("classic", load(ProgType.FENTRY, T1));
        Outcome failed = Syscalls.step(design("classic"), s, fault(attach(2), FaultPoint.IMAGE_ALLOC, 1));
        assertEquals(Errno.ENOMEM, failed.errno());
        assertEquals(List.empty(), Invariants.check(s, failed));
        Outcome badFd = Syscalls.step(design("classic"), s, closeLink(7));
        assertEquals(Errno.EBADF, badFd.errno());
        assertEquals(List.empty(), Invariants.check(s, badFd));
        // dong-v1 H3: -EEXIST on a second attach leaks link.entries, a change of the state
        KState d = Reached.run("dong-v1", load(ProgType.FENTRY_MULTI, T1), Reached.multi(2, T1));
        Outcome eexist = Syscalls.step(design("dong-v1"), d, Reached.multi(2, Reached.T2));
        assertEquals(Errno.EEXIST, eexist.errno());
        List<Violation> v = Invariants.check(d, eexist);
        assertEquals(List.of("NO_MEMORY_LEAK", "FAILED_SYSCALL_CHANGES_NOTHING"), v.map(Violation::invariant));
        assertEquals("raised", v.last().actual());
        assertEquals("syscall returning EEXIST: warning MEMORY_LEAK(link.entries)", v.last().object());
    }

    @Test
    void idsAndLookup() {
        assertEquals(List.of("REF_PROG", "REF_BTF", "REF_MODULE", "REF_TRAMPOLINE", "NO_UNDERFLOW", "NO_DANGLING",
                "FTRACE_MATCHES_TRAMPOLINES", "IMAGE_MATCHES_PROGS", "IMAGE_OWNED", "TRAMP_LINK_LIMIT",
                "EXTENSION_EXCLUSIVE", "QUIESCENT_IS_EMPTY", "LINKINFO_MATCHES", "NO_KERNEL_WARN", "NO_MEMORY_LEAK",
                "FREE_MATCHES_ALLOC", "ATTACH_ALLOWED", "PROG_ONCE_PER_TRAMPOLINE", "ONE_SITE_PER_TRAMPOLINE",
                "FAILED_SYSCALL_CHANGES_NOTHING"),
                Invariants.ids());
        for (Invariant i : Invariants.ALL) {
            assertEquals(Option.of(i), Invariants.byId(i.id()));
            assertTrue(!i.rule().isBlank(), i.id());
        }
        assertEquals(Option.none(), Invariants.byId(Invariants.FAILED_SYSCALL_CHANGES_NOTHING),
                "the transition invariant is not a state predicate");
        assertEquals(Option.none(), Invariants.byId("NO_SUCH"));
    }

    /** The invariants keep per-thread caches: a state checked first on a fresh thread gives the same answer. */
    @Test
    void checkingOnAnotherThread() throws InterruptedException {
        KState bad = refProg(RICH, 2, 1);
        java.util.List<List<Violation>> seen = new java.util.ArrayList<>();
        Thread t = new Thread(() -> {
            seen.add(Invariants.checkState(bad));
            seen.add(Invariants.checkState(RICH));
            seen.add(Invariants.checkState(bad));
        });
        t.start();
        t.join();
        assertEquals(java.util.List.of(Invariants.checkState(bad), List.empty(), Invariants.checkState(bad)), seen);
        assertEquals(List.of("REF_PROG"), seen.get(0).map(Violation::invariant));
    }

    @Test
    void violationText() {
        assertEquals("NO_DANGLING: link 1 prog: expected prog 9 alive, got freed",
                new Violation("NO_DANGLING", "link 1 prog", "prog 9 alive", "freed").toString());
    }

    @Test
    void theDiffOfTheTransitionIsStateDiffs() {
        KState after = refTramp(refProg(RICH, 2, 1), fn(T1), 1);
        assertEquals(StateDiff.parts(RICH, after).map(p -> "syscall returning EINVAL: " + p._1 + " / " + p._2),
                Invariants.checkTransition(RICH, outcome(after, Errno.EINVAL)).map(v -> v.object() + " / " + v.actual()));
    }
}
