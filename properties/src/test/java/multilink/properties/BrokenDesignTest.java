package multilink.properties;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.design.Design;
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
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkers catch a plausible kernel mistake (a missing {@code module_put}
 * in dong-v1's release) and hand back a short trace: through jqwik's own
 * chains and shrinking, and through the cli's explorer and minimiser.
 */
class BrokenDesignTest {

    record S(KState kernel, List<Step> trace) {
    }

    @Provide
    Arbitrary<ActionChain<S>> leakyChains() {
        Design d = new LeakyDongV1();
        StepGen gen = StepGen.of(d);
        Action.Dependent<S> step = s -> Arbitraries.randomValue(r -> gen.next(r, s.kernel()))
                .map(st -> Transformer.transform(st.toString(), (S x) -> {
                    Outcome o = Syscalls.step(d, x.kernel(), st);
                    List<Step> trace = x.trace().append(st);
                    List<Violation> v = Invariants.check(x.kernel(), o);
                    if (!v.isEmpty()) {
                        ExpectCaughtAndShrunk.LAST_FAILING.set(trace);
                        throw new AssertionError(v.head() + " after " + trace);
                    }
                    return new S(o.state(), trace);
                }));
        return ActionChain.startWith(() -> new S(KState.initial(DefaultWorld.get()), List.empty()))
                .withAction(step).withMaxTransformations(30);
    }

    @Property(tries = 1000, seed = "42")
    @AddLifecycleHook(ExpectCaughtAndShrunk.class)
    void jqwikCatchesTheMissingModulePut(@ForAll("leakyChains") ActionChain<S> chain) {
        chain.run();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void explorerCatchesItAndMinimisesToAtMostFourSteps(long seed) {
        Explorer.Report r = Explorer.explore(new LeakyDongV1(), DefaultWorld.get(), seed, 2000, 30, c -> { });
        assertTrue(r.broken().isDefined(), "seed " + seed + ": leak not found in " + r.steps() + " steps");
        Explorer.Failure f = r.broken().get();
        assertEquals("REF_MODULE", f.violation().invariant(), f.violation().toString());
        assertTrue(f.trace().size() <= 4, "seed " + seed + ": " + f.trace().size() + " steps: " + f.trace());
        Checker.Run replay = Checker.run(new LeakyDongV1(), DefaultWorld.get(), f.trace());
        Verdict.Broken b = assertInstanceOf(Verdict.Broken.class, replay.verdict());
        assertEquals(f.violation(), b.violation(), "the minimised trace replays to the same violation");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theCorrectDesignIsCleanOnTheSameSeeds(long seed) {
        Explorer.Report r = Explorer.explore(new multilink.model.design.DongV1(), DefaultWorld.get(), seed, 2000, 30,
                c -> { });
        assertEquals(Option.none(), r.broken().map(Explorer.Failure::violation));
    }
}
