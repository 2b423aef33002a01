package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.spec.tlc.TlcResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bench --tlc's table: the ratio is of rates over the search alone (not of
 * totals, which the two specs' different bounds make incomparable), and a
 * design without a baseline run shows why instead of a figure.
 */
class TlcBenchTableTest {
    private static TlcResult run(long generated, double search) {
        return new TlcResult(generated, generated / 30, 12, search + 2.5, search, Option.none());
    }

    @Test
    void theRatioIsOfRatesAndAMissingBaselineSaysWhy() {
        var rows = List.of(
                new TlcBenchTable.Row("upstream+fixes", Either.right(run(300_000, 10)), Either.right(run(150_000, 15))),
                new TlcBenchTable.Row("sdt-observer+fixes", Either.right(run(400_000, 20)),
                        Either.left("no MCSdtObserver in that spec")));
        assertEquals(Option.of(3.0), rows.get(0).ratio());
        assertEquals(Option.none(), rows.get(1).ratio());
        String text = TlcBenchTable.table(rows).render();
        List<String> lines = List.of(text.split("\n"));
        assertTrue(lines.get(1).matches("upstream\\+fixes\\s+this checkout\\s+300000\\s+10000\\s+10\\.0\\s+30000\\s+3\\.00x"),
                lines.get(1));
        assertTrue(lines.get(2).matches("\\s+1ea4121\\s+150000\\s+5000\\s+15\\.0\\s+10000\\s*"), lines.get(2));
        assertTrue(lines.get(4).endsWith("no MCSdtObserver in that spec"), lines.get(4));
        var json = TlcBenchTable.json(rows);
        assertEquals(3.0, json.get("designs").get(0).get("ratio").asDouble());
        assertTrue(json.get("designs").get(1).get("ratio").isNull());
        assertEquals("no MCSdtObserver in that spec",
                json.get("designs").get(1).get("baseline").get("unavailable").asText());
    }
}
