package multilink.spec;

import io.vavr.control.Either;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.kernel.Tx;
import multilink.model.state.Link;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import org.junit.jupiter.api.Test;

import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exhaustive check must catch a model or a spec broken in one place, and
 * say where: the step, the state it was taken from, and what differs. Small
 * bounds (1 prog, 1 link) keep these runs short; the designs have their fixes
 * on, so no known finding lets a count grow without end.
 */
class BrokenConformanceTest {
    private static final RunConfig SMALL = RunConfig.DEFAULT.withLimits(1, 1);

    private static ConformanceReport exhaustive(Design d, BiFunction<String, String, String> patch) {
        var cmp = Conformance.graphs(d, SMALL, false, patch, p -> { });
        assertTrue(cmp.isRight(), () -> cmp.getLeft());
        ConformanceReport r = cmp.get().exhaustive();
        assertTrue(!r.agrees(), "conformance passed on a broken " + d.name());
        System.out.println(r.difference().get());
        return r;
    }

    @Test
    void flippedErrnoInTheModelIsTheFirstDifference() {
        ConformanceReport r = exhaustive(new FlippedErrno(Designs.byName("upstream").get().withFixes()), (f, t) -> t);
        assertTrue(r.difference().get().contains("model: returns E2BIG"), r.difference().get());
        assertTrue(r.difference().get().contains("spec:  returns EINVAL"), r.difference().get());
    }

    @Test
    void droppedBtfPutInTheModelShowsTheDifferingVariable() {
        ConformanceReport r = exhaustive(new LeakyBtfDongV1(), (f, t) -> t);
        assertTrue(r.difference().get().contains("model btfs"), r.difference().get());
    }

    @Test
    void closeProgThatKeepsTheFdInTheSpecIsCaught() {
        // a patch that keeps the state space finite (a dropped put would let a refcount grow without bound)
        String from = "ELSE ProgPut([T EXCEPT !.k.progs[st.prog].fd = FALSE], st.prog)";
        ConformanceReport r = exhaustive(Designs.byName("classic").get().withFixes(), (file, text) -> {
            if (file.equals("Syscalls.tla")) {
                assertTrue(text.contains(from), "Syscalls.tla no longer has the line the test patches");
                return text.replace(from, "ELSE ProgPut(T, st.prog)");
            }
            return text;
        });
        assertTrue(r.difference().get().contains("step CloseProg"), r.difference().get());
        // the spec's close frees the prog with its fd still open: its state shows the WARN the model has not
        assertTrue(r.difference().get().contains("spec  warnings = {\"REFCOUNT_UNDERFLOW\"}"), r.difference().get());
    }

    /** A design whose multi attach returns E2BIG where it should return EINVAL. */
    private record FlippedErrno(Design d) implements Design {
        @Override
        public String name() {
            return d.name();
        }

        @Override
        public String preset() {
            return d.preset();
        }

        @Override
        public io.vavr.collection.Set<String> switches() {
            return d.switches();
        }

        @Override
        public Design withSwitches(io.vavr.collection.Set<String> s) {
            return new FlippedErrno(d.withSwitches(s));
        }

        @Override
        public boolean loadsMulti(ProgType type) {
            return d.loadsMulti(type);
        }

        @Override
        public boolean multiVerifiedAgainstTarget() {
            return d.multiVerifiedAgainstTarget();
        }

        @Override
        public boolean attrFits(Tx tx, Op.AttachMulti op) {
            return d.attrFits(tx, op);
        }

        @Override
        public Either<Errno, Integer> attachMulti(Tx tx, Prog prog, Op.AttachMulti op) {
            Either<Errno, Integer> r = d.attachMulti(tx, prog, op);
            return r.isLeft() && r.getLeft() == Errno.EINVAL ? Either.left(Errno.E2BIG) : r;
        }

        @Override
        public void releaseMulti(Tx tx, Link link) {
            d.releaseMulti(tx, link);
        }

        @Override
        public io.vavr.collection.List<FaultPoint> faultPoints() {
            return d.faultPoints();
        }

        @Override
        public io.vavr.collection.List<multilink.model.design.KnownFinding> presetFindings() {
            return d.presetFindings();
        }
    }
}
