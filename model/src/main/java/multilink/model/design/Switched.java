package multilink.model.design;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import multilink.model.Errno;
import multilink.model.kernel.Tx;
import multilink.model.state.Link;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;

/**
 * A design with another switch set: its code, unchanged (a preset's or a
 * user's own subclass), run with these switches on. The kernel paths read
 * switches through the syscall's {@link Tx}, so nothing else differs.
 *
 * @param base     the design as written
 * @param switches the switches on
 */
public record Switched(Design base, Set<String> switches) implements Design {

    @Override
    public String preset() {
        return base.preset();
    }

    @Override
    public String name() {
        return Designs.spell(base.name(), base.switches(), switches, base.presetFindings());
    }

    @Override
    public Design withSwitches(Set<String> s) {
        return s.equals(base.switches()) ? base : new Switched(base, s);
    }

    @Override
    public boolean loadsMulti(ProgType type) {
        return base.loadsMulti(type);
    }

    @Override
    public boolean loadsSdt() {
        return base.loadsSdt();
    }

    @Override
    public boolean multiVerifiedAgainstTarget() {
        return base.multiVerifiedAgainstTarget();
    }

    @Override
    public boolean attrFits(Tx tx, Op.AttachMulti op) {
        return base.attrFits(tx, op);
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
    public List<multilink.model.invariant.Invariant> invariants() {
        return base.invariants();
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
