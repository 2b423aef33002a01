package multilink.spec;

import io.vavr.control.Either;
import multilink.model.design.Designs;
import multilink.spec.tlc.DistributedTlc;
import multilink.spec.tlc.TlcResult;
import multilink.spec.tlc.ToolOutput;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLC's distributed mode (a TLC server and two worker JVMs on this machine)
 * explores the same graph as one TLC process: the same distinct states and
 * the same verdict, clean and with a planted bug.
 */
class DistributedTlcTest {
    static final RunConfig SMALL = RunConfig.DEFAULT.withLimits(1, 1);

    @Test
    void twoWorkerProcessesFindWhatOneProcessFinds() {
        // with its fixes on, as the default runs are: plain classic has H9 at these bounds, and TLC's
        // distributed server missed that invariant violation where one process reports it (spec README)
        var classic = Designs.byName("classic+fixes").get();
        Either<String, TlcResult> one = Tlc.check(classic, SMALL, 1, p -> { });
        Either<String, TlcResult> two = Tlc.checkDistributed(classic, SMALL, new DistributedTlc.Workers(2, 1),
                (f, t) -> t, p -> { });
        assertTrue(one.isRight(), () -> one.getLeft());
        assertTrue(two.isRight(), () -> two.getLeft());
        assertTrue(one.get().passed() && two.get().passed(), () -> one.get() + " / " + two.get());
        assertTrue(one.get().distinct() > 50, "a graph worth spreading: " + one.get());
        assertEquals(one.get().distinct(), two.get().distinct());
    }

    /**
     * Both find the planted bug. The distributed server names no invariant
     * and prints only the violating transition (its first state labelled as
     * initial), so the verdict is what is compared, and that transition is
     * one the single run's graph has: a step of the planted design.
     */
    @Test
    void aPlantedBugIsAViolationInBoth() {
        LeakyBtfDongV1 d = new LeakyBtfDongV1();
        var one = Tlc.check(d, SMALL, 1, LeakyBtfDongV1::patchSpec, p -> { });
        var two = Tlc.checkDistributed(d, SMALL, new DistributedTlc.Workers(2, 1), LeakyBtfDongV1::patchSpec,
                p -> { });
        assertTrue(one.isRight(), () -> one.getLeft());
        assertTrue(two.isRight(), () -> two.getLeft());
        assertEquals("REF_BTF", one.get().violation().get().name());
        var v = two.get().violation();
        assertTrue(v.isDefined(), "the distributed run found nothing: " + two.get());
        assertEquals(ToolOutput.UNNAMED, v.get().kind());
        assertEquals(2, v.get().trace().size(), "the violating transition");
        assertTrue(Tlc.steps(v.get().trace()).isRight(), "its step reads as a model step");
    }
}
