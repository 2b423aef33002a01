package multilink.spec;

import multilink.model.design.Designs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manifest's format, its errors, and its judgement of a run's count. */
class StateManifestTest {
    private final StateManifest m = StateManifest.parse("# comment\n\nclassic+fixes\tdefault\t4852\n"
            + "classic+fixes\tdeep\t9\n").get();
    private final multilink.model.design.Design classic = Designs.parse("classic+fixes").get();

    @Test
    void countsAreKeyedByDesignAndRun() {
        assertEquals(4852L, m.expected(classic, RunConfig.DEFAULT).get());
        assertEquals(9L, m.expected(classic, RunConfig.DEEP).get());
        assertTrue(m.expected(classic, RunConfig.FINDINGS).isEmpty());
        assertTrue(m.expected(Designs.parse("classic").get(), RunConfig.DEFAULT).isEmpty());
    }

    @Test
    void aRunIsJudgedAgainstItsRow() {
        assertTrue(m.judge(classic, RunConfig.DEFAULT, 4852).endsWith("4852 distinct states, as MCStates.tsv records"));
        assertTrue(m.judge(classic, RunConfig.DEFAULT, 4853).contains("records 4852: the state space changed"));
        assertTrue(m.judge(classic, RunConfig.FINDINGS, 7).contains("records none"));
    }

    @Test
    void malformedLinesAreOneLineErrors() {
        assertEquals("MCStates.tsv line 2: expected design, run and a count, tab-separated",
                StateManifest.parse("# x\nclassic default 3\n").getLeft());
        assertEquals("MCStates.tsv line 1: expected design, run and a count, tab-separated",
                StateManifest.parse("classic\tdefault\tmany\n").getLeft());
        assertEquals("MCStates.tsv line 2: classic deep listed twice",
                StateManifest.parse("classic\tdeep\t1\nclassic\tdeep\t2\n").getLeft());
    }

    @Test
    void theShippedManifestReadsAndNamesEveryPresetWithAModule() {
        var shipped = StateManifest.shipped();
        assertTrue(shipped.isRight(), () -> shipped.getLeft());
        for (var d : Designs.all()) {
            var fixed = Designs.parse(d.name() + "+fixes").get();
            if (SpecDesign.of(fixed).isDefined()) {
                assertTrue(shipped.get().expected(fixed, RunConfig.defaultFor(fixed)).isDefined(),
                        fixed.name() + " has a TLA+ module but no default row in MCStates.tsv");
            }
        }
    }
}
