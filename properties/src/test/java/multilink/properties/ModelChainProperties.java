package multilink.properties;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.state.KState;
import multilink.model.step.Outcome;
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
 * jqwik action chains over every syscall and fault, per design, with every
 * invariant checked after every step. A step that reproduces one of the
 * design's known findings taints the chain (as a WARN taints the kernel):
 * the chain goes on without checking, and the finding is counted.
 */
class ModelChainProperties {

    /** The chain's state: the kernel state, the trace so far, and whether a known finding tainted it. */
    record ChainState(Design design, KState kernel, List<Step> trace, boolean tainted) {
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
        if (s.tainted()) {
            return s;
        }
        Outcome o = Syscalls.step(s.design(), s.kernel(), step);
        List<Violation> v = Invariants.check(s.kernel(), o);
        List<Step> trace = s.trace().append(step);
        Statistics.label("errno").collect(o.errno().toString());
        if (!v.isEmpty()) {
            Verdict verdict = Checker.classify(s.design(), trace.size() - 1, step, v);
            if (verdict instanceof Verdict.Broken b) {
                LAST_BROKEN.set(trace);
                fail(b.violation() + "\ntrace:\n  " + trace.mkString("\n  "));
            }
            Statistics.label("known finding").collect(((Verdict.Known) verdict).finding().hazard());
            return new ChainState(s.design(), o.state(), trace, true);
        }
        return new ChainState(s.design(), o.state(), trace, false);
    }

    /** The trace of the last chain that broke an invariant no known finding explains. */
    static final java.util.concurrent.atomic.AtomicReference<List<Step>> LAST_BROKEN =
            new java.util.concurrent.atomic.AtomicReference<>();

    static Arbitrary<ActionChain<ChainState>> chains(String design) {
        return chains(Designs.byName(design).get());
    }

    static Arbitrary<ActionChain<ChainState>> chains(Design d) {
        return ActionChain.startWith(() -> new ChainState(d, KState.initial(DefaultWorld.get()), List.empty(), false))
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

    @Property(tries = 1000)
    void classicKeepsEveryInvariant(@ForAll("classic") ActionChain<ChainState> chain) {
        chain.run();
    }

    @Property(tries = 1000)
    void olsaV3KeepsEveryInvariantButItsFindings(@ForAll("olsaV3") ActionChain<ChainState> chain) {
        chain.run();
    }

    @Property(tries = 1000)
    void upstreamKeepsEveryInvariantButItsFindings(@ForAll("upstream") ActionChain<ChainState> chain) {
        chain.run();
    }

    @Property(tries = 1000)
    void dongV1KeepsEveryInvariantButItsFindings(@ForAll("dongV1") ActionChain<ChainState> chain) {
        chain.run();
    }
}
