package multilink.properties;

import io.vavr.control.Option;
import multilink.model.world.DefaultWorld;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.state.ActionChain;
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

    @Provide
    Arbitrary<ActionChain<ModelChainProperties.ChainState>> leakyChains() {
        return ModelChainProperties.chains(new LeakyDongV1());
    }

    @Property(tries = 1000, seed = "42")
    @AddLifecycleHook(ExpectCaughtAndShrunk.class)
    void jqwikCatchesTheMissingModulePut(@ForAll("leakyChains") ActionChain<ModelChainProperties.ChainState> chain) {
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
        Explorer.Report r = Explorer.explore(multilink.model.design.Designs.byName("dong-v1").get(), DefaultWorld.get(), seed, 2000, 30,
                c -> { });
        assertEquals(Option.none(), r.broken().map(Explorer.Failure::violation));
    }
}
