package multilink.properties;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.state.KState;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * jqwik action chains over every syscall and fault, per design, judged after
 * every step by the same {@link Judge} the cli uses: a known finding (one
 * its fix removes) is counted and the chain goes on checking every other
 * object; a new violation fails the property. Statistics show the ground a
 * run covered: errnos, findings met, and the share of faulted steps whose
 * fault fired.
 */
class ModelChainProperties {

    /** The chain's state: the judge (the kernel state with its fixed twin) and the trace so far. */
    record ChainState(Design design, Judge judge, List<Step> trace) {
        KState kernel() {
            return judge.state();
        }
    }

    static Action.Dependent<ChainState> syscall() {
        return new Action.Dependent<>() {
            @Override
            public Arbitrary<Transformer<ChainState>> transformer(ChainState s) {
                StepGen gen = StepGen.of(s.design());
                return Arbitraries.randomValue(r -> gen.next(r, s.kernel())).map(step ->
                        Transformer.transform(step.toString(), (ChainState st) -> apply(st, step)));
            }
        };
    }

    static ChainState apply(ChainState s, Step step) {
        Judge.Judged j = s.judge().step(step);
        List<Step> trace = s.trace().append(step);
        Statistics.label("errno").collect(j.result().outcome().errno().toString());
        if (step.fault().isDefined()) {
            Statistics.label("fault fired").collect(j.result().outcome().faultFired());
        }
        j.result().outcome().created().flatMap(id -> j.result().outcome().state().links().get(id))
                .forEach(l -> Statistics.label("link created").collect(l.type().toString()));
        j.result().known().map(k -> k.finding().hazard()).distinct()
                .forEach(h -> Statistics.label("known finding").collect(h));
        if (j.broken().isDefined()) {
            LAST_BROKEN.set(trace);
            fail(j.broken().get().violation() + "\ntrace:\n  " + trace.mkString("\n  "));
        }
        return new ChainState(s.design(), s.judge(), trace);
    }

    /** The trace of the last chain that broke an invariant no known finding explains. */
    static final java.util.concurrent.atomic.AtomicReference<List<Step>> LAST_BROKEN =
            new java.util.concurrent.atomic.AtomicReference<>();

    static Arbitrary<ActionChain<ChainState>> chains(String design) {
        return chains(Designs.byName(design).get());
    }

    static Arbitrary<ActionChain<ChainState>> chains(Design d) {
        return ActionChain.startWith(() -> new ChainState(d, new Judge(d, DefaultWorld.get()), List.empty()))
                .withAction(syscall())
                .withMaxTransformations(30);
    }

    @Provide
    Arbitrary<ActionChain<ChainState>> classic() {
        return chains("classic");
    }

    @Provide
    Arbitrary<ActionChain<ChainState>> olsaV3() {
        return chains("olsa-v3");
    }

    @Provide
    Arbitrary<ActionChain<ChainState>> upstream() {
        return chains("upstream");
    }

    @Provide
    Arbitrary<ActionChain<ChainState>> dongV1() {
        return chains("dong-v1");
    }

    @Provide
    Arbitrary<ActionChain<ChainState>> sdtObserver() {
        return chains("sdt-observer");
    }

    /**
     * The ground a run must have covered, asserted by jqwik at its end: at
     * least 30% of the faulted steps fired their fault (the generator aims
     * them at points the step passes), and the attach paths returned both
     * success and errors.
     */
    static void covered() {
        Statistics.label("fault fired").coverage(c -> c.check(true).percentage(p -> p >= 30));
        Statistics.label("errno").coverage(c -> {
            c.check("ok").count(n -> n > 0);
            c.check("EBADF").count(n -> n > 0);
        });
    }

    @Property(tries = 1000)
    void classicKeepsEveryInvariant(@ForAll("classic") ActionChain<ChainState> chain) {
        chain.run();
        covered();
    }

    @Property(tries = 1000)
    void olsaV3KeepsEveryInvariantButItsFindings(@ForAll("olsaV3") ActionChain<ChainState> chain) {
        chain.run();
        covered();
    }

    @Property(tries = 1000)
    void upstreamKeepsEveryInvariantButItsFindings(@ForAll("upstream") ActionChain<ChainState> chain) {
        chain.run();
        covered();
    }

    /** Seed 004: observers attach (at their probes and, through H10, at a subprog's trampoline). */
    @Property(tries = 1000)
    void sdtObserverKeepsEveryInvariantButItsFindings(@ForAll("sdtObserver") ActionChain<ChainState> chain) {
        chain.run();
        covered();
        Statistics.label("link created").coverage(c -> c.check("SDT").count(n -> n >= 100));
        Statistics.label("known finding").coverage(c -> c.check("H10").count(n -> n > 0));
    }

    @Property(tries = 1000)
    void dongV1KeepsEveryInvariantButItsFindings(@ForAll("dongV1") ActionChain<ChainState> chain) {
        chain.run();
        covered();
    }
}
