package multilink.spec;

import io.vavr.control.Either;
import multilink.model.design.Designs;
import multilink.spec.tlc.TlcResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's baseline is the spec of {@link TlcBench#BASELINE} read from
 * git: its classic default run is the one that commit shipped (2,314 distinct
 * states, as its own MC config bounds it), timed from the initial states on.
 * A design the baseline lacks and a commit the history lacks say so.
 */
class TlcBenchTest {
    /** The spec module's tests run in spec/; the checkout is its parent. */
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theBaselineSpecRunsFromGitHistoryAndIsTimedWithoutItsStart() {
        // a shallow clone has no baseline to run; the bench says so in its table (below)
        org.junit.jupiter.api.Assumptions.assumeTrue(TlcBench.has(CHECKOUT, TlcBench.BASELINE),
                TlcBench.BASELINE + " is not in this clone's history");
        Either<String, Path> dir = TlcBench.baseline(CHECKOUT, TlcBench.BASELINE);
        assertTrue(dir.isRight(), () -> dir.getLeft());
        assertTrue(Files.exists(dir.get().resolve("MCClassic.cfg")));
        assertTrue(!Files.exists(dir.get().resolve("MCSdtObserver.cfg")), "sdt-observer came later");
        Either<String, TlcResult> classic = TlcBench.baselineRun(dir.get(), Designs.byName("classic+fixes").get());
        assertTrue(classic.isRight(), () -> classic.getLeft());
        assertEquals(2314, classic.get().distinct());
        assertEquals(55037, classic.get().generated());
        assertTrue(classic.get().search() > 0 && classic.get().search() < classic.get().seconds(),
                () -> "search " + classic.get().search() + " s of " + classic.get().seconds() + " s");
        assertEquals(classic.get().generated() / classic.get().search(), classic.get().generatedPerSecond(), 1e-6);
        Either<String, TlcResult> sdt = TlcBench.baselineRun(dir.get(), Designs.byName("sdt-observer+fixes").get());
        assertEquals(Either.left("no MCSdtObserver in that spec"), sdt);
    }

    @Test
    void aCommitOutsideTheHistoryIsNamed() {
        assertTrue(!TlcBench.has(CHECKOUT, "0000000000000000000000000000000000000000"));
        Either<String, Path> dir = TlcBench.baseline(CHECKOUT, "0000000000000000000000000000000000000000");
        assertTrue(dir.isLeft());
        assertTrue(dir.getLeft().startsWith("spec of 0000000000000000000000000000000000000000 not available: git "),
                dir.getLeft());
    }
}
