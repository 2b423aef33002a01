package multilink.properties.pin;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.design.KnownFinding;
import multilink.model.design.Presets;
import multilink.model.invariant.Invariant;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.kernel.Tx;
import multilink.model.state.DesignObjects;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.world.DefaultWorld;
import multilink.model.world.Target;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three places a design with kernel objects of its own plugs into the
 * shared code (DESIGNS.md): its invariants run after the shared ones, the
 * ftrace sites its own ops hold turn a classic register away with -EBUSY,
 * and its fault points are found like the shared ones.
 */
class DesignHooksTest {
    private static final String T1 = "bpf_fentry_test1";

    /** Objects of a design that hooks functions with an ftrace ops of its own. */
    record OwnOps(Set<Target> sites) implements DesignObjects {
        @Override
        public String tla() {
            return "[direct |-> " + sites.map(t -> "\"" + t + "\"").mkString("{", ", ", "}") + "]";
        }

        @Override
        public Set<Target> directSites() {
            return sites;
        }
    }

    /** Classic's code with one invariant of its own: no state holds OwnOps objects. */
    record WithOwnInvariant(Design base) implements Design {
        static final Invariant NO_OWN_OPS = new Invariant("TEST_NO_OWN_OPS", "the design's objects stay empty",
                s -> s.designObjects().equals(DesignObjects.NONE) ? List.empty()
                        : List.of(new Violation("TEST_NO_OWN_OPS", "design objects", "none", s.designObjects().tla())));

        @Override
        public List<Invariant> invariants() {
            return List.of(NO_OWN_OPS);
        }

        @Override
        public String preset() {
            return base.preset();
        }

        @Override
        public Set<String> switches() {
            return base.switches();
        }

        @Override
        public boolean loadsMulti(ProgType type) {
            return base.loadsMulti(type);
        }

        @Override
        public boolean multiVerifiedAgainstTarget() {
            return base.multiVerifiedAgainstTarget();
        }

        @Override
        public Either<Errno, Integer> attachMulti(Tx tx, Prog prog, Op.AttachMulti op) {
            return base.attachMulti(tx, prog, op);
        }

        @Override
        public void releaseMulti(Tx tx, Link link) {
            base.releaseMulti(tx, link);
        }

        @Override
        public List<FaultPoint> faultPoints() {
            return base.faultPoints();
        }

        @Override
        public List<KnownFinding> presetFindings() {
            return base.presetFindings();
        }
    }

    private static KState taken() {
        return KState.initial(DefaultWorld.get()).withDesignObjects(new OwnOps(HashSet.of(new Target.Func(T1))));
    }

    @Test
    void aDesignsOwnInvariantsRunAfterTheSharedOnesAndOnlyForIt() {
        Design classic = Designs.byName("classic").get();
        Design own = new WithOwnInvariant(classic);
        KState s = taken();
        assertEquals(List.empty(), Invariants.checkState(classic, s));
        assertEquals(List.of("TEST_NO_OWN_OPS"), Invariants.checkState(own, s).map(Violation::invariant));
        assertEquals(List.empty(), Invariants.checkState(own, KState.initial(DefaultWorld.get())));
        assertEquals(Invariants.ALL.append(WithOwnInvariant.NO_OWN_OPS), Invariants.forDesign(own));
        assertEquals(Invariants.ids().insert(Invariants.ALL.size(), "TEST_NO_OWN_OPS"), Invariants.ids(own));
        // over a step too: a load on this state keeps the objects, so the own invariant still fails
        Outcome o = Syscalls.step(own, s, Reached.load(ProgType.FENTRY, T1));
        assertEquals(List.of("TEST_NO_OWN_OPS"), Invariants.check(own, s, o).map(Violation::invariant));
        assertEquals(List.empty(), Invariants.check(s, o), "the design-less check sees the shared ones only");
    }

    @Test
    void aClassicRegisterAtASiteADesignsOpsHoldIsBusyAndChangesNothing() {
        Design classic = Designs.byName("classic").get();
        Outcome load = Syscalls.step(classic, taken(), Reached.load(ProgType.FENTRY, T1));
        assertEquals(Errno.OK, load.errno());
        Outcome attach = Syscalls.step(classic, load.state(), Reached.attach(2));
        assertEquals(Errno.EBUSY, attach.errno(), attach.events().toString());
        // only ftrace_managed moved, which a failed register sets in the kernel too (6.12 trampoline.c:216-220)
        assertEquals(load.state(), Invariants.ftraceManagedAsBefore(load.state(), attach.state()));
        assertEquals(List.empty(), Invariants.checkTransition(load.state(), attach));
        assertTrue(attach.passes().get(FaultPoint.FTRACE_REGISTER).isEmpty(),
                "register_ftrace_direct refuses before it allocates: no fault point passed");
        // the same attach on a function the ops do not hold registers
        Outcome load2 = Syscalls.step(classic, taken(), Reached.load(ProgType.FENTRY, "bpf_fentry_test2"));
        assertEquals(Errno.OK, Syscalls.step(classic, load2.state(), Reached.attach(2)).errno());
        // and without the design's objects the same site registers
        Outcome plain = Syscalls.step(classic, KState.initial(DefaultWorld.get()), Reached.load(ProgType.FENTRY, T1));
        assertEquals(Errno.OK, Syscalls.step(classic, plain.state(), Reached.attach(2)).errno());
    }

    @Test
    void faultPointsAreTheSharedOnesThenEachPresetsOwn() {
        List<FaultPoint> all = FaultPoint.all();
        assertEquals(FaultPoint.SHARED, all.take(FaultPoint.SHARED.size()));
        for (var p : Presets.ALL) {
            assertTrue(all.containsAll(p.faultPoints()), p.name());
        }
        assertEquals(all.size(), all.map(FaultPoint::scenarioName).distinct().size(), "names are unique");
        for (FaultPoint p : all) {
            assertEquals(all.indexOf(p), p.ordinal());
        }
        FaultPoint nobodys = new FaultPoint("not_a_presets_point", Errno.ENOMEM, Errno.EINVAL);
        assertEquals(io.vavr.control.Option.none(), FaultPoint.parse(nobodys.scenarioName()));
        assertEquals(List.of(Errno.ENOMEM, Errno.EINVAL), nobodys.errnos());
        assertEquals(Errno.ENOMEM, nobodys.errno());
    }
}
