package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.spec.replay.TlcReplay;
import multilink.spec.tlc.TlcResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bench --tlc's table: the ratio is of rates over the search alone (not of
 * totals, which the two specs' different bounds make incomparable), each walk
 * of the graph gets its own ratio, and a design without a baseline run (or
 * whose walk failed) shows why instead of a figure.
 */
class TlcBenchTableTest {
    private static TlcResult run(long generated, double search) {
        return new TlcResult(generated, generated / 30, 12, search + 2.5, search, Option.none());
    }

    @Test
    void theRatioIsOfRatesAndAMissingBaselineSaysWhy() {
        var walks = new TlcReplay(run(300_000, 30), run(300_000, 5), run(300_000, 4), run(300_000, 2));
        var rows = List.of(
                new TlcBenchTable.Row("upstream+fixes", Either.right(run(300_000, 10)), Either.right(walks),
                        Either.right(run(150_000, 15))),
                new TlcBenchTable.Row("sdt-observer+fixes", Either.right(run(400_000, 20)),
                        Either.left("the run stopped at a violation: no whole graph to walk"),
                        Either.left("no MCSdtObserver in that spec")));
        assertEquals(Option.of(3.0), rows.get(0).ratio());
        assertEquals(Option.none(), rows.get(1).ratio());
        String text = TlcBenchTable.table(rows).render();
        List<String> lines = List.of(text.split("\n"));
        assertTrue(lines.get(1).matches("upstream\\+fixes\\s+this checkout\\s+300000\\s+10000\\s+10\\.0\\s+30000\\s+3\\.00x"),
                lines.get(1));
        assertTrue(lines.get(2).matches("\\s+walk: values, invariants\\s+300000\\s+10000\\s+5\\.0\\s+60000\\s+6\\.00x"),
                lines.get(2));
        assertTrue(lines.get(3).matches("\\s+walk: values\\s+300000\\s+10000\\s+4\\.0\\s+75000\\s+7\\.50x"), lines.get(3));
        assertTrue(lines.get(4).matches("\\s+walk: small ints\\s+300000\\s+10000\\s+2\\.0\\s+150000\\s+15\\.00x"),
                lines.get(4));
        assertTrue(lines.get(5).matches("\\s+1ea4121\\s+150000\\s+5000\\s+15\\.0\\s+10000\\s*"), lines.get(5));
        assertTrue(lines.get(7).endsWith("the run stopped at a violation: no whole graph to walk"), lines.get(7));
        assertTrue(lines.get(10).endsWith("no MCSdtObserver in that spec"), lines.get(10));
        var json = TlcBenchTable.json(rows);
        assertEquals(3.0, json.get("designs").get(0).get("ratio").asDouble());
        assertEquals(6.0, json.get("designs").get(0).get("walk_values_invariants_ratio").asDouble());
        assertEquals(7.5, json.get("designs").get(0).get("walk_values_ratio").asDouble());
        assertEquals(150000, json.get("designs").get(0).get("walk_small_ints").get("generated_per_s").asLong());
        assertTrue(json.get("designs").get(1).get("ratio").isNull());
        assertEquals("the run stopped at a violation: no whole graph to walk",
                json.get("designs").get(1).get("walk_values").get("unavailable").asText());
        assertEquals("no MCSdtObserver in that spec",
                json.get("designs").get(1).get("baseline").get("unavailable").asText());
    }
}
