package multilink.cli;

import io.vavr.collection.List;
import multilink.spec.alloy.AlloyResult;
import multilink.spec.alloy.AlloyResult.Status;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check's Alloy phase: its rows, H10 listed with its ids and not failing check, a violation failing it. */
class AlloyPhaseTest {

    /** The scenario the H10 row names shows the collision on the Java model, and its fix removes it. */
    @Test
    void h10sScenarioReplaysAsTheKnownFinding() {
        String file = java.nio.file.Path.of("..").resolve(multilink.spec.alloy.KeysModel.H10_SCENARIO).toString();
        Cli cli = Cli.run("run", file);
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().contains("ONE_SITE_PER_TRAMPOLINE  trampoline prog2:sub6 link 2"), cli.out());
        assertTrue(cli.out().contains("verdict: clean; known finding H10 at step 4"), cli.out());
        Cli fixed = Cli.run("run", file, "--design", "sdt-observer+sdtkey");
        assertTrue(fixed.out().contains("expected violation of ONE_SITE_PER_TRAMPOLINE, got none"), fixed.out());
    }

    /**
     * The scenario's world is Alloy's instance: its probe's orig_off and the
     * colliding subprog's BTF FUNC id are the ids keys.als found.
     */
    @Test
    void h10sScenarioHasTheInstancesIds() throws Exception {
        var m = multilink.spec.alloy.Alloy.parse(multilink.spec.alloy.Alloy.source(multilink.spec.alloy.Alloy.KEYS));
        var o = multilink.spec.alloy.Alloy.execute(m, multilink.spec.alloy.Alloy.command(m,
                multilink.spec.alloy.KeysModel.SDT_COMMAND));
        var c = multilink.spec.alloy.KeysModel.collisions(o).head();
        long off = c.a().kind().equals("SdtProbe") ? c.a().lo() : c.b().lo();
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("..")
                .resolve(multilink.spec.alloy.KeysModel.H10_SCENARIO));
        var world = ScenarioJson.parse(text).get().inline().get();
        var observed = world.targetProgNamed("observed").get();
        assertEquals(off, observed.probe("probe6").get().origOff());
        assertEquals(off, (long) observed.btfId("sub6").get());
    }

    @Test
    void checkOfAllDesignsHasOneAlloyRowPerCommandAndListsH10() {
        Cli cli = Cli.run("check", "--quick", "--seed", "3", "--out", "target/alloy-phase-test");
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        List<String> rows = List.ofAll(cli.out().lines()).filter(l -> l.startsWith("alloy "));
        // 9 keys.als commands, 12 refs.als commands, the link
        assertEquals(22, rows.size(), cli.out());
        assertTrue(rows.forAll(r -> r.endsWith(" clean")), cli.out());
        assertTrue(rows.exists(r -> r.matches("alloy +keys sdt-observer +scope 3, .* counterexample +known finding H10 +clean")),
                cli.out());
        assertTrue(rows.exists(r -> r.matches("alloy +refs no_dangling +scope 3, 5 Int +\\d+\\.\\d\\d s +no counterexample .*")),
                cli.out());
        assertTrue(rows.exists(r -> r.matches("alloy +link java-states +40 states of " + 2 * multilink.model.design.Presets.ALL.size()
                + " designs .* accepted, \\d+ rejected .*")),
                cli.out());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("alloy: H10: sdt-observer: SDT probe at orig_off ")
                        && l.endsWith("(replay: ./multilink run " + multilink.spec.alloy.KeysModel.H10_SCENARIO + ")")),
                cli.out());
        assertTrue(cli.err().contains("check: Alloy: 21 commands and 40 model states in "), cli.err());
    }

    @Test
    void aViolationIsAViolationRowPrintedReadably() {
        AlloyResult bad = new AlloyResult("refs", "no_dangling", "scope 3, 5 Int", 1.0, "counterexample", "dangling",
                Status.VIOLATION, "VIOLATION counterexample", "no_dangling: counterexample: ...\nobjects:\n  prog 0  FREED\n");
        AlloyResult known = new AlloyResult("keys", "sdt_observer", "scope 3", 0.5, "counterexample", "H10",
                Status.KNOWN, "known finding H10", "H10: ids");
        AlloyPhase.Result r = new AlloyPhase.Result(List.of(known, bad), null);
        assertEquals("alloy|keys sdt-observer|scope 3|0.50 s|counterexample|known finding H10|clean",
                String.join("|", r.rows().get(0)));
        assertEquals("VIOLATION counterexample", r.rows().get(1)[6]);
        StringWriter out = new StringWriter();
        assertEquals(Main.EXIT_VIOLATION, r.report(new PrintWriter(out), new PrintWriter(new StringWriter())));
        assertTrue(out.toString().contains("alloy: H10: ids"), out.toString());
        assertTrue(out.toString().contains("alloy: no_dangling: counterexample: ...\nobjects:\n  prog 0  FREED"),
                out.toString());
        assertEquals(Main.EXIT_OK, new AlloyPhase.Result(List.of(known), null)
                .report(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        assertEquals(Main.EXIT_INTERNAL, new AlloyPhase.Result(List.empty(), "broken")
                .report(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
    }
}
