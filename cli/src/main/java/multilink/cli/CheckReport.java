package multilink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;

import java.nio.file.Path;

/**
 * What {@code check} found, for machines: one object per row of the closing
 * table as JSON ({@code --json}), and JUnit XML ({@code --junit FILE}) with
 * one test case per check and design, a failure carrying the violated
 * invariant and the replay command, so a CI system shows which design broke.
 *
 * @param seed    the run's seed
 * @param rows    the table's rows: check, design, figures..., verdict (last)
 * @param written counterexample files per design
 * @param replay  the replay command per design, where one was written
 */
record CheckReport(long seed, List<List<String>> rows, Map<String, List<Path>> written, Map<String, String> replay) {

    private static boolean failed(List<String> row) {
        return !row.last().equals("clean") && !skipped(row);
    }

    /** A check that does not apply to the design (no TLA+ module for it yet): JUnit's skipped, not a failure. */
    private static boolean skipped(List<String> row) {
        return row.last().startsWith("n/a");
    }

    String json() {
        ObjectNode root = ScenarioJson.mapper().createObjectNode();
        root.put("seed", seed);
        root.put("passed", rows.forAll(r -> !failed(r)));
        ArrayNode arr = root.putArray("rows");
        for (List<String> r : rows) {
            ObjectNode o = arr.addObject();
            o.put("check", r.get(0));
            o.put("design", r.get(1));
            ArrayNode figs = o.putArray("figures");
            r.drop(2).init().forEach(figs::add);
            o.put("verdict", r.last());
            ArrayNode files = o.putArray("counterexamples");
            if (failed(r)) {
                written.get(r.get(1)).getOrElse(List.empty()).forEach(p -> files.add(p.toString()));
                replay.get(r.get(1)).forEach(c -> o.put("replay", c));
            }
        }
        try {
            return ScenarioJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String junit() {
        long failures = rows.count(CheckReport::failed);
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuites name=\"multilink check\" tests=\"").append(rows.size()).append("\" failures=\"")
                .append(failures).append("\">\n");
        b.append("  <testsuite name=\"multilink check, seed ").append(seed).append("\" tests=\"").append(rows.size())
                .append("\" failures=\"").append(failures).append("\">\n");
        for (List<String> r : rows) {
            b.append("    <testcase classname=\"multilink.check.").append(xml(r.get(0))).append("\" name=\"")
                    .append(xml(r.get(1))).append("\"");
            if (skipped(r)) {
                b.append(">\n      <skipped message=\"").append(xml(r.last())).append("\"/>\n    </testcase>\n");
                continue;
            }
            if (!failed(r)) {
                b.append("/>\n");
                continue;
            }
            String invariant = r.last().startsWith("VIOLATION ") ? r.last().substring("VIOLATION ".length()) : r.last();
            Option<String> cmd = replay.get(r.get(1));
            b.append(">\n      <failure type=\"").append(xml(invariant.split(" ")[0])).append("\" message=\"")
                    .append(xml(r.get(1) + ": " + r.last())).append("\">")
                    .append(xml(r.mkString(" | ") + cmd.map(c -> "\nreplay: " + c).getOrElse("")
                            + written.get(r.get(1)).getOrElse(List.empty()).map(p -> "\nwrote " + p).mkString()))
                    .append("</failure>\n    </testcase>\n");
        }
        b.append("  </testsuite>\n</testsuites>\n");
        return b.toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
