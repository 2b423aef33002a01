package multilink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check --json and --junit: what a CI system reads, for a clean design and for a planted bug. */
class CheckReportTest {
    @TempDir
    Path dir;

    private static Document xml(Path p) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
    }

    @Test
    void aPlantedBugIsAFailingTestCaseWithItsInvariantAndReplayCommand() throws Exception {
        Path junit = dir.resolve("report.xml");
        Cli cli = Cli.run("check", "--quick", "--design", "classic+bug_release_no_tramp_put", "--seed", "1",
                "--out", dir.resolve("out").toString(), "--json", "--junit", junit.toString());
        assertEquals(1, cli.exit(), cli.err());
        var tree = ScenarioJson.mapper().readTree(cli.out());
        assertFalse(tree.get("passed").asBoolean());
        assertEquals(1, tree.get("seed").asLong());
        var row = tree.get("rows").get(0);
        assertEquals("random", row.get("check").asText());
        assertEquals("classic+bug_release_no_tramp_put", row.get("design").asText());
        assertEquals("VIOLATION REF_TRAMPOLINE", row.get("verdict").asText());
        String trace = row.get("counterexamples").get(0).asText();
        assertTrue(Files.exists(Path.of(trace)), trace);
        assertTrue(row.get("replay").asText().startsWith("./multilink run "), row.toString());

        Document doc = xml(junit);
        Element suites = doc.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        // the design, and the design with its known findings' fixes on: the bug is in both
        assertEquals("2", suites.getAttribute("failures"));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        assertEquals("classic+fixes+bug_release_no_tramp_put", ((Element) cases.item(1)).getAttribute("name"));
        Element tc = (Element) cases.item(0);
        assertEquals("multilink.check.random", tc.getAttribute("classname"));
        assertEquals("classic+bug_release_no_tramp_put", tc.getAttribute("name"));
        Element failure = (Element) tc.getElementsByTagName("failure").item(0);
        assertEquals("REF_TRAMPOLINE", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("replay: ./multilink run "), failure.getTextContent());
    }

    @Test
    void aCleanRunIsOnePassingTestCasePerDesign() throws Exception {
        Path junit = dir.resolve("clean.xml");
        Cli cli = Cli.run("check", "--quick", "--design", "upstream", "--seed", "3", "--json", "--junit",
                junit.toString());
        assertEquals(0, cli.exit(), cli.err());
        var tree = ScenarioJson.mapper().readTree(cli.out());
        assertTrue(tree.get("passed").asBoolean());
        assertEquals("clean", tree.get("rows").get(0).get("verdict").asText());
        Document doc = xml(junit);
        assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
        assertEquals(2, doc.getElementsByTagName("testcase").getLength(), "upstream and upstream+fixes");
        assertEquals(0, doc.getElementsByTagName("failure").getLength());
    }

    /**
     * A design without a TLA+ module (every preset has one; a user's design from
     * --design-jar has none) has a TLC row that says so: JUnit's skipped, not a failure.
     */
    @Test
    void aCheckThatDoesNotApplyIsSkippedNotFailed() throws Exception {
        io.vavr.collection.List<io.vavr.collection.List<String>> rows = io.vavr.collection.List.of(
                io.vavr.collection.List.of("random", "dong-v1-release-keeps-modules", "200", "clean"),
                io.vavr.collection.List.of("tlc", "dong-v1-release-keeps-modules", "-", "n/a: no TLA+ module yet"),
                io.vavr.collection.List.of("random", "classic", "200", "VIOLATION REF_PROG: prog 2"));
        Path junit = dir.resolve("skipped.xml");
        Files.writeString(junit, new CheckReport(3, rows, io.vavr.collection.HashMap.empty(),
                io.vavr.collection.HashMap.empty()).junit());
        Document doc = xml(junit);
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
        NodeList skipped = doc.getElementsByTagName("skipped");
        assertEquals(1, skipped.getLength());
        assertEquals("n/a: no TLA+ module yet", ((Element) skipped.item(0)).getAttribute("message"));
        assertEquals("multilink.check.tlc", ((Element) skipped.item(0).getParentNode()).getAttribute("classname"));
        assertEquals(1, doc.getElementsByTagName("failure").getLength());
    }
}
