package multilink.properties.pin;

import io.vavr.collection.HashSet;
import multilink.model.invariant.StateDiff;
import multilink.model.state.Image;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.ModuleObj;
import multilink.model.state.Warning;
import org.junit.jupiter.api.Test;

import static multilink.properties.pin.Reached.MOD;
import static multilink.properties.pin.Reached.T1;
import static multilink.properties.pin.Reached.T2;
import static multilink.properties.pin.Reached.fn;
import static multilink.properties.pin.Reached.link;
import static multilink.properties.pin.Reached.prog;
import static multilink.properties.pin.Reached.put;
import static multilink.properties.pin.Reached.refBtf;
import static multilink.properties.pin.Reached.refProg;
import static multilink.properties.pin.Reached.refTramp;
import static multilink.properties.pin.Reached.tramp;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** StateDiff: what a FAILED_SYSCALL_CHANGES_NOTHING report says changed, field by field and key by key. */
class StateDiffTest {
    static final KState RICH = Reached.rich();

    @Test
    void equalStatesHaveNoDifference() {
        assertEquals("no difference", StateDiff.describe(RICH, RICH));
        assertEquals("no difference", StateDiff.describe(RICH, Reached.rich()));
    }

    @Test
    void aChangedRecordShowsOnlyTheComponentsThatDiffer() {
        KState b = put(RICH, prog(RICH, 2).withFdOpen(false).withRefcnt(1));
        assertEquals("progs[2]: fdOpen true -> false, refcnt 2 -> 1", StateDiff.describe(RICH, b));
        assertEquals("trampolines[" + T1 + "]: refcnt 2 -> 3",
                StateDiff.describe(RICH, refTramp(RICH, fn(T1), 1)));
        assertEquals("modules[" + MOD + "]: refcnt 2 -> 0, live true -> false",
                StateDiff.describe(RICH, RICH.withModules(RICH.modules().put(MOD, new ModuleObj(MOD, 0, false)))));
    }

    @Test
    void plainValuesShowBoth() {
        assertEquals("btfs[vmlinux]: 4 -> 5", StateDiff.describe(RICH, refBtf(RICH, "vmlinux", 1)));
        Image i2 = tramp(RICH, T2).curImage().get();
        assertEquals("images[" + i2 + "]: 1 -> 2", StateDiff.describe(RICH, RICH.withImages(RICH.images().put(i2, 2))));
    }

    @Test
    void addedAndRemovedKeysShowADash() {
        Link l1 = link(RICH, 1);
        KState without = RICH.withLinks(RICH.links().remove(1));
        assertEquals("links[1]: " + l1 + " -> -", StateDiff.describe(RICH, without));
        assertEquals("links[1]: - -> " + l1, StateDiff.describe(without, RICH));
        Image i2 = tramp(RICH, T2).curImage().get();
        assertEquals("ftrace[" + T2 + "]: " + i2 + " -> -",
                StateDiff.describe(RICH, RICH.withDirectCalls(RICH.directCalls().remove(fn(T2)))));
    }

    @Test
    void newWarningsAreListed() {
        KState b = RICH.withWarnings(HashSet.of(new Warning(Warning.Kind.UNLINK_FAILED, "link 1")));
        assertEquals("warning UNLINK_FAILED(link 1): raised", StateDiff.describe(RICH, b));
        // only the new ones: a warning both states have is not repeated
        KState c = b.withWarnings(b.warnings().add(new Warning(Warning.Kind.MEMORY_LEAK, "x")));
        assertEquals("warning MEMORY_LEAK(x): raised", StateDiff.describe(b, c));
    }

    @Test
    void partsComeInFieldOrderThenKeyOrder() {
        KState b = refTramp(refProg(refProg(refBtf(RICH, "vmlinux", -1), 3, 1), 2, 1), fn(T1), 1)
                .withWarnings(HashSet.of(new Warning(Warning.Kind.REFCOUNT_UNDERFLOW, "prog 9")));
        assertEquals("progs[2]: refcnt 2 -> 3; progs[3]: refcnt 1 -> 2; trampolines[" + T1 + "]: refcnt 2 -> 3; "
                + "btfs[vmlinux]: 4 -> 3; warning REFCOUNT_UNDERFLOW(prog 9): raised", StateDiff.describe(RICH, b));
    }

    /** Each difference on its own, as FAILED_SYSCALL_CHANGES_NOTHING reports them: the object, then how. */
    @Test
    void partsNameEachChangedObject() {
        assertEquals(io.vavr.collection.List.empty(), StateDiff.parts(RICH, Reached.rich()));
        KState b = refTramp(refProg(RICH, 2, 1), fn(T1), 1)
                .withWarnings(HashSet.of(new Warning(Warning.Kind.UNLINK_FAILED, "link 1"),
                        new Warning(Warning.Kind.MEMORY_LEAK, "x"), new Warning(Warning.Kind.FREE_MISMATCH, "y")));
        assertEquals(io.vavr.collection.List.of(
                io.vavr.Tuple.of("progs[2]", "refcnt 2 -> 3"),
                io.vavr.Tuple.of("trampolines[" + T1 + "]", "refcnt 2 -> 3"),
                io.vavr.Tuple.of("warning FREE_MISMATCH(y)", "raised"),
                io.vavr.Tuple.of("warning MEMORY_LEAK(x)", "raised"),
                io.vavr.Tuple.of("warning UNLINK_FAILED(link 1)", "raised")), StateDiff.parts(RICH, b),
                "fields in order, new warnings sorted by their text");
        assertEquals(StateDiff.parts(RICH, b).map(p -> p._1 + ": " + p._2).mkString("; "), StateDiff.describe(RICH, b));
    }
}
