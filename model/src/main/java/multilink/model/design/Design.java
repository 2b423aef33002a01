package multilink.model.design;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import multilink.model.Errno;
import multilink.model.invariant.Invariant;
import multilink.model.kernel.Tx;
import multilink.model.state.Link;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;

/**
 * The one variation point between designs: how multi (and SDT) progs load,
 * attach and release, and which switches are on. Everything else (classic
 * links, progs, modules, trampolines) is the mainline kernel and shared; the
 * shared code reads the switches too ({@link Tx#on(String)}), so a fix or a
 * seeded bug in it is one switch away. Everything else about a preset (its
 * TLA+ module, run limits, exhaustive steps, own switches) is in its
 * {@link Preset}.
 */
public interface Design {
    /** The preset this design starts from: a {@link Preset#name()} of {@link Presets}. */
    String preset();

    /** Every switch that is on, the preset's own ones included. */
    Set<String> switches();

    /** The same design (its own code) with exactly these switches on. */
    default Design withSwitches(Set<String> switches) {
        return switches.equals(switches()) ? this : new Switched(this, switches);
    }

    /** The name to write in scenario files and on the command line. */
    default String name() {
        return preset();
    }

    default boolean on(String sw) {
        return switches().contains(sw);
    }

    /** Which multi attach types this kernel knows at load. */
    boolean loadsMulti(ProgType type);

    default boolean loadsSdt() {
        return false;
    }

    /**
     * Seed 001 verifies a multi prog against its first target like a classic
     * prog (a trampoline at load); seed 000 against a BTF's placeholder.
     */
    boolean multiVerifiedAgainstTarget();

    /**
     * {@code CHECK_ATTR}: link_create fails with -EINVAL, before it even looks
     * at the prog fd, when a field this UAPI does not have is non-zero.
     */
    default boolean attrFits(Tx tx, Op.AttachMulti op) {
        return true;
    }

    /** The design's {@code bpf_tracing_multi_attach}; the link_create prog reference is taken. */
    Either<Errno, Integer> attachMulti(Tx tx, Prog prog, Op.AttachMulti op);

    /** The multi link's release op (the prog put and dealloc follow in the caller). */
    void releaseMulti(Tx tx, Link link);

    /**
     * Invariants over the design's own kernel objects ({@code KState.designObjects}),
     * checked after the shared ones ({@code Invariants.forDesign}); the spec
     * has an operator of the same name in the design's module, listed in its
     * configs. Shared invariants see nothing of these objects.
     */
    default List<Invariant> invariants() {
        return List.empty();
    }

    /** The fault points this design's paths pass through. */
    List<FaultPoint> faultPoints();

    /** Every hazard of the preset's code the model reproduces, with its fix. */
    List<KnownFinding> presetFindings();

    /** The preset's findings whose fix is not on: what a checker may excuse. */
    default List<KnownFinding> knownFindings() {
        return presetFindings().filter(f -> !on(f.fix()));
    }

    /** The switches with the fix of every known finding on: the design that must be clean. */
    default Set<String> fixedSwitches() {
        return switches().addAll(knownFindings().map(KnownFinding::fix));
    }

    /** This design with every fix on, as a design of its own (for naming and the spec). */
    default Design withFixes() {
        return withSwitches(fixedSwitches());
    }
}
