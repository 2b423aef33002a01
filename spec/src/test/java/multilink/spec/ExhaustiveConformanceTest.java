package multilink.spec;

import multilink.model.design.Designs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every design at its default bounds: the Java state graph equals TLC's
 * (states, labelled edges), and the Java and TLA+ invariants agree on every
 * state. One TLC run per design serves both checks and is also the design's
 * default TLC run: it checks the default config's invariants and property.
 */
class ExhaustiveConformanceTest {

    @ParameterizedTest
    @ValueSource(strings = {"classic", "olsa-v3", "upstream", "dong-v1"})
    void modelAndSpecHaveTheSameGraphAndVerdicts(String name) {
        var d = Designs.byName(name).get();
        var cmp = Conformance.graphs(d, RunConfig.defaultFor(d), true, (f, t) -> t, p -> { });
        assertTrue(cmp.isRight(), () -> cmp.getLeft());
        ConformanceReport ex = cmp.get().exhaustive();
        ConformanceReport inv = cmp.get().invariants();
        System.out.printf("exhaustive %s: %d states, %d edges, %.1f s (TLC %.1f s)%n", name, ex.states(), ex.edges(),
                ex.seconds(), ex.tlcSeconds());
        assertTrue(ex.agrees(), () -> ex.difference().get());
        assertTrue(inv.agrees(), () -> inv.difference().get());
    }
}
