package multilink.x86;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeded-bug catalogue: every bug is caught on the sampled configurations, the bug-free generator passes the
 * same checks there, and README.md's table is the catalogue with these results. Prints the kill matrix.
 */
class X86MutantsTest {
    static final long SEED = 1;
    static final String README_SECTION = "## Seeded bugs";
    static final String TABLE_HEADER = "| name | stands for";

    private static List<X86Mutants.Result> results;

    @BeforeAll
    static void killTheCatalogue() {
        results = X86Mutants.killAll(SEED, X86Mutants.DEFAULT_CONFIGS)
                .getOrElseThrow((String s) -> new AssertionError("reference encoders unavailable: " + s));
        System.out.println(matrix(results));
    }

    @Test
    void everySeededBugIsCaughtAndTheBugFreeGeneratorPassesTheSameChecks() {
        assertTrue(X86Mutants.all().size() >= 8, "at least 8 seeded bugs");
        for (X86Mutants.Result r : results) {
            String name = r.mutant().name();
            assertTrue(r.caught(), () -> name + " survives " + r.configsTried() + " configurations of seed " + SEED);
            assertFalse(r.caughtBy().isEmpty(), name);
            assertTrue(r.cleanAgrees(), () -> name + ": the bug-free generator fails the same checks on\n"
                    + r.config().get());
            assertTrue(r.config().isDefined() && (X86Mutants.isGlobalCaller(r.mutant())
                            ? GlobalCaller.parseLine(r.config().get()).isRight()
                            : ConfigJson.parse(r.config().get()).isRight()),
                    () -> name + ": the configuration reads back");
            assertFalse(r.evidence().get().isEmpty(), name);
        }
    }

    /** The catch replays: the written configuration, built with the bug, fails a named check; without it, passes. */
    @Test
    void theConfigurationThatShowsABugReplaysIt() {
        for (X86Mutants.Result r : results.filter(r -> !X86Mutants.isGlobalCaller(r.mutant()))) {
            TrampolineConfig c = ConfigJson.parse(r.config().get()).get();
            var img = X86Mutants.generate(r.mutant(), c);
            List<String> facts = img.fold(e -> List.of(X86Mutants.REFUSAL), i -> StructuralFacts.violations(i).map(v -> v.fact()));
            boolean byFacts = r.caughtBy().exists(k -> k.startsWith(X86Mutants.STRUCTURAL) || k.startsWith(X86Mutants.FRAME));
            if (byFacts) {
                assertFalse(facts.isEmpty(), r.mutant().name());
            }
            assertEquals(r.listing().get(), img.fold(e -> "; the generator refuses: " + e + "\n", TrampolineImage::listing));
            assertTrue(StructuralFacts.violations(X86Gen.generate(c).get()).isEmpty(), r.mutant().name());
        }
    }

    /** The same for the global caller entry's bugs (seed 003 v2 02/18): the configuration line replays the catch. */
    @Test
    void theGlobalCallerConfigurationThatShowsABugReplaysIt() {
        List<X86Mutants.Result> gc = results.filter(r -> X86Mutants.isGlobalCaller(r.mutant()));
        assertTrue(gc.size() >= 2, "the global caller has seeded bugs");
        for (X86Mutants.Result r : gc) {
            GlobalCallerConfig c = GlobalCaller.parseLine(r.config().get()).get();
            var img = X86Mutants.generateGlobalCaller(r.mutant(), c);
            assertEquals(r.listing().get(), img.fold(e -> "; the generator refuses: " + e + "\n", GlobalCallerImage::listing));
            boolean byFacts = r.caughtBy().exists(k -> k.startsWith(GlobalCallerKill.FACT));
            assertEquals(byFacts, !GlobalCallerFacts.violations(img.get()).isEmpty(), r.mutant().name());
            boolean byReference = r.caughtBy().contains(X86Mutants.REFERENCE);
            assertEquals(byReference, !ReferenceEncoders.check(img.get()).get().ok(), r.mutant().name());
            GlobalCallerImage clean = GlobalCaller.generate(c).get();
            assertTrue(GlobalCallerFacts.violations(clean).isEmpty() && ReferenceEncoders.check(clean).get().ok(),
                    r.mutant().name());
        }
    }

    @Test
    void namesAreUniqueAndSelectable() {
        List<String> names = X86Mutants.all().map(X86Mutant::name);
        assertEquals(names.distinct(), names);
        names.forEach(n -> assertEquals(n, X86Mutants.byName(n).get().name()));
        assertTrue(X86Mutants.byName("no/such-bug").isEmpty());
        X86Mutant unknown = new X86Mutant("no/such-bug", "", "");
        assertThrows(IllegalArgumentException.class, () -> X86Mutants.generate(unknown, Golden.fentryOneArg()));
    }

    /** The bug travels with each generator call: generating under every bug at once gives what one at a time gives. */
    @Test
    void generatingUnderSeveralBugsAtOnceGivesTheSameImages() {
        Random rnd = new Random(SEED);
        List<TrampolineConfig> configs = List.fill(60, () -> ConfigSampler.sample(rnd));
        List<Tuple2<X86Mutant, TrampolineConfig>> work = X86Mutants.all().flatMap(m -> configs.map(c -> Tuple.of(m, c)));
        java.util.List<String> parallel = work.toJavaParallelStream()
                .map(mc -> X86Mutants.generate(mc._1, mc._2).fold(Object::toString, TrampolineImage::hex))
                .toList();
        List<String> sequential = work.map(mc -> X86Mutants.generate(mc._1, mc._2).fold(Object::toString,
                TrampolineImage::hex));
        assertEquals(sequential.asJava(), parallel);
    }

    @Test
    void theReadmeTableIsTheCatalogueWithTheseResults() throws IOException {
        List<String> expected = tableRows(results);
        List<String> documented = readmeRows(Files.readString(Path.of("README.md")));
        assertEquals(expected.mkString("\n"), documented.mkString("\n"),
                "README.md's " + README_SECTION + " table must be the catalogue with this test's results (expected rows "
                        + "first)");
    }

    /** The README table rows, one per bug, in catalogue order. */
    static List<String> tableRows(List<X86Mutants.Result> rs) {
        return rs.map(r -> "| `" + r.mutant().name() + "` | `" + r.mutant().kernelPlace() + "` | "
                + r.mutant().description() + " | " + r.caughtBy().mkString("; ") + " | " + r.configsTried() + " |");
    }

    /** The rows of the README section's table headed {@value #TABLE_HEADER} (header and separator skipped). */
    static List<String> readmeRows(String readme) {
        List<String> lines = List.of(readme.split("\n", -1));
        List<String> section = lines.dropUntil(l -> l.equals(README_SECTION)).drop(1)
                .takeUntil(l -> l.startsWith("## "));
        return section.dropUntil(l -> l.startsWith(TABLE_HEADER)).takeWhile(l -> l.startsWith("| ")).drop(2);
    }

    private static final List<Tuple2<String, Supplier<TrampolineConfig>>> GOLDEN = List.of(
            Tuple.of("fentryOneArg", Golden::fentryOneArg),
            Tuple.of("fentryFexitSixArgs", Golden::fentryFexitSixArgs),
            Tuple.of("fmodRetFexit", Golden::fmodRetFexit),
            Tuple.of("eightArgs", Golden::eightArgs),
            Tuple.of("cookies", Golden::cookies),
            Tuple.of("structOpsFourArgs", Golden::structOpsFourArgs),
            Tuple.of("debian12Fentry", Golden::debian12Fentry),
            Tuple.of("debian12OrigStackIpArg", Golden::debian12OrigStackIpArg),
            Tuple.of("debian12TailCall", Golden::debian12TailCall),
            Tuple.of("bookwormBackportsStructOpsEightArgs", Golden::bookwormBackportsStructOpsEightArgs),
            Tuple.of("bookwormBackportsSevenArgs", Golden::bookwormBackportsSevenArgs));

    /**
     * The golden listings a bug changes. GoldenListingTest holds the bug-free generator to the hand-checked
     * listings, so a listing that differs from the bug-free one differs from the golden one.
     */
    static List<String> goldenDifferences(X86Mutant m) {
        return GOLDEN.filter(g -> !X86Mutants.generate(m, g._2.get()).map(TrampolineImage::listing)
                .equals(X86Gen.generate(g._2.get()).map(TrampolineImage::listing))).map(Tuple2::_1);
    }

    static String matrix(List<X86Mutants.Result> rs) {
        StringBuilder sb = new StringBuilder(String.format("x86 seeded bugs, seed %d, up to %d configurations%n", SEED,
                X86Mutants.DEFAULT_CONFIGS));
        String row = "%-42s %-8s %7s %7s  %-70s %s%n";
        sb.append(String.format(row, "seeded bug", "caught", "configs", "ms", "caught by", "golden listings that differ"));
        for (X86Mutants.Result r : rs) {
            List<String> golden = goldenDifferences(r.mutant());
            sb.append(String.format(row, r.mutant().name(), r.caught() ? "yes" : "NO", r.configsTried(), r.millis(),
                    r.caughtBy().mkString("; "), golden.size() + "/" + GOLDEN.size()
                            + (golden.isEmpty() ? "" : " " + golden.mkString(","))));
        }
        return sb.toString();
    }
}
