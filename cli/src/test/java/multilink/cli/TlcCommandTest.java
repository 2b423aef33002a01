package multilink.cli;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./multilink tlc: a TLC counterexample comes back as a trace the Java model replays; bad input is exit 2. */
class TlcCommandTest {
    @TempDir
    Path dir;

    @Test
    void findingsConfigYieldsATraceThatReplaysOnTheModel() throws IOException {
        Cli cli = Cli.run("tlc", "--design", "classic", "--config", "findings", "--out", dir.toString());
        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().contains("VIOLATION"), cli.out());
        Path trace = dir.resolve("classic-tlc-findings.trace.json");
        assertTrue(Files.size(trace) > 0, cli.out());
        assertTrue(Files.exists(dir.resolve("classic-tlc-findings.table.txt")));
        Cli replay = Cli.run("run", trace.toString());
        assertEquals(0, replay.exit(), "TLC's trace replays to the violation it expects: " + replay.out());
        assertTrue(replay.out().contains("known finding H9"), "the classic finding is H9: " + replay.out());

        // the TLA+ form: TLC, run on the written module, stops on the same invariant at the last step
        String module = "classic_tlc_findings";
        String tla = Files.readString(dir.resolve(module + ".tla"));
        String cfg = Files.readString(dir.resolve(module + ".cfg"));
        assertTrue(tla.startsWith("---- MODULE " + module + " ----"), tla.lines().findFirst().orElse(""));
        var outcome = multilink.spec.TraceValidation.run(new multilink.spec.TraceModule(module, tla, cfg), 1);
        assertTrue(outcome.isRight(), () -> outcome.getLeft());
        var broken = org.junit.jupiter.api.Assertions.assertInstanceOf(multilink.spec.TraceOutcome.Broken.class,
                outcome.get(), outcome.get().toString());
        int steps = (int) Files.readString(trace).lines().filter(l -> l.contains("\"op\"")).count();
        assertEquals(steps, broken.step(), "TLC breaks it at the trace's last step");
        assertTrue(cli.out().contains("VIOLATION " + broken.invariant()), broken + " vs " + cli.out());
    }

    @Test
    void aViolationFoundByTwoWorkersIsFoundAgainByOneForTheShortestTrace() throws IOException {
        Cli two = Cli.run("tlc", "--design", "classic+bug_release_no_tramp_put", "--workers", "2",
                "--out", dir.resolve("two").toString());
        Cli one = Cli.run("tlc", "--design", "classic+bug_release_no_tramp_put", "--workers", "1",
                "--out", dir.resolve("one").toString());
        assertEquals(1, two.exit(), two.out() + two.err());
        assertTrue(two.err().contains("violated; once more with 1 worker for the shortest trace"), two.err());
        assertFalse(one.err().contains("once more"), one.err());
        String name = "classic+fixes+bug_release_no_tramp_put-tlc-default.trace.json";
        assertEquals(Files.readString(dir.resolve("one").resolve(name)),
                Files.readString(dir.resolve("two").resolve(name)), "the same BFS trace either way");
    }

    /**
     * sdt-observer has a TLA+ module (SdtObserver.tla): its findings run shows
     * H10, an observer on probe_drop joining subprog_a's trampoline, whose
     * counterexample replays on the model as that known finding.
     */
    @Test
    void sdtObserversFindingsRunShowsH10AndItReplays() throws IOException {
        Cli cli = Cli.run("tlc", "--design", "sdt-observer", "--config", "findings", "--workers", "1",
                "--out", dir.toString());
        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("sdt-observer ") && l.contains(" findings ")
                && l.endsWith("VIOLATION ONE_SITE_PER_TRAMPOLINE")), cli.out());
        String table = Files.readString(dir.resolve("sdt-observer-tlc-findings.table.txt"));
        assertTrue(table.contains("known finding H10 at step 3"), table);
        assertTrue(table.contains("sdt xdp_target@probe_drop"), table);
    }

    @Test
    void defaultConfigOfClassicIsClean() {
        Cli cli = Cli.run("tlc", "--design", "classic", "--out", dir.toString());
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("classic") && l.endsWith("clean")), cli.out());
    }

    /** --count sizes a run on the model: the default row's count, TLC's generated, no TLC and no file. */
    @Test
    void countGivesTheManifestsStatesAndWritesNothing() throws IOException {
        Cli cli = Cli.run("tlc", "--design", "classic", "--count", "--out", dir.toString());
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        String row = cli.out().lines().filter(l -> l.startsWith("classic+fixes")).findFirst().orElse("");
        // distinct, transitions and generated as TLC reports them for this run (spec/README.md, "Measured figures")
        assertTrue(row.matches("classic\\+fixes +default +4852 +109546 +109547 +13 .*"), cli.out());
        assertTrue(cli.out().contains("4852 distinct states, as MCStates.tsv records"), cli.out());
        assertFalse(cli.err().contains("worker(s)"), "no TLC ran: " + cli.err());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "a count writes nothing");
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        for (String[] args : new String[][]{
                {"tlc", "--design", "no-such-design"},
                {"tlc", "--config", dir.resolve("missing.cfg").toString()},
                {"tlc", "--workers", "0"},
                {"tlc", "--server"},
                {"tlc", "--design", "classic", "--server", "--port", "0"},
                {"tlc", "--design", "classic", "--local-workers", "-1"},
                {"tlc", "--design", "classic", "--local-workers", "1", "--threads", "0"},
                {"tlc", "--design", "classic", "--threads", "2"},
                {"tlc", "--design", "classic", "--checkpoint", "-1"},
                {"tlc", "--worker", "localhost", "--design", "classic"},
                {"tlc", "--recover", dir.resolve("no-such-checkpoint").toString()},
                {"tlc", "--design", "classic", "--count", "--config", "findings"},
                {"tlc", "--design", "classic", "--count", "--server"},
                {"tlc", "--worker", "localhost", "--count"}}) {
            Cli cli = Cli.run(args);
            assertEquals(2, cli.exit(), String.join(" ", args) + ": " + cli.err());
            assertEquals(1, cli.err().lines().filter(l -> l.startsWith("multilink:")).count(), cli.err());
            assertFalse(cli.err().contains("Exception"), cli.err());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "nothing written on bad input");
        }
    }

    /**
     * A TLC server joined by a worker as another machine would join it (and
     * no local worker: with one, the server could finish before this worker
     * joined, which CI saw once the spec ran faster): plain classic's H9 at 1
     * prog and 1 link is found
     * (the server once missed it, spec/README.md), found again in one process
     * for the named trace, and written like a normal run's counterexample.
     */
    @Test
    void aServerJoinedByAWorkerFindsH9AndOneProcessNamesIt() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String p = Integer.toString(port);
        var server = java.util.concurrent.CompletableFuture.supplyAsync(() -> Cli.run("tlc", "--design", "classic",
                "--config", "findings", "--server", "--port", p, "--host", "localhost",
                "--out", dir.toString()));
        Cli worker = null;
        for (int i = 0; i < 60 && (worker == null || worker.exit() == 2); i++) {
            Thread.sleep(500);  // until the server listens
            worker = Cli.run("tlc", "--worker", "localhost", "--port", p, "--threads", "1");
        }
        Cli cli = server.get();
        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertEquals(0, worker.exit(), worker.err());
        assertTrue(worker.err().contains("work completed"), worker.err());
        assertTrue(cli.err().contains("add machines with: ./multilink tlc --worker localhost --port " + p),
                cli.err());
        assertTrue(cli.err().contains("the TLC server found a violation"), cli.err());
        String name = cli.out().lines().filter(l -> l.startsWith("classic ")).findFirst().orElse("");
        assertTrue(name.contains("VIOLATION ") && !name.contains("unnamed"), cli.out());
        assertTrue(Files.size(dir.resolve("classic-tlc-findings.trace.json")) > 0, cli.out());
        assertFalse(Files.exists(dir.resolve(RunDir.SUBDIR)), "a finished run leaves no run directory");
    }

    @Test
    void aWorkerWithoutAServerIsOneLineAndExitTwo() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli cli = Cli.run("tlc", "--worker", "localhost", "--port", Integer.toString(port));
        assertEquals(2, cli.exit(), cli.err());
        assertEquals(List.of("multilink: tlc: no TLC server at localhost:" + port),
                cli.errLines().map(l -> l.replaceFirst(" \\(.*", "")));
    }

    /**
     * --recover continues a run only as it ran: a server's checkpoint as a
     * server, one process's with its worker count, the design and config it
     * had; anything else is one line and exit 2 before TLC starts.
     */
    @Test
    void recoverContinuesARunOnlyAsItRan() throws IOException {
        for (boolean server : new boolean[]{true, false}) {
            Path run = dir.resolve(server ? "server" : "single");
            Path cp = Files.createDirectories(run.resolve("meta").resolve("26-12-01-03-36-35"));
            Files.writeString(cp.resolve("queue.chkpt"), "");
            var job = new multilink.spec.tlc.TlcJob(run, "MCClassic", "MCClassicDeep");
            assertTrue(RunDir.create(job, "classic", "deep", server, 2).isRight());
            String[][] wrong = server
                    ? new String[][]{{"tlc", "--recover", cp.toString()}}
                    : new String[][]{{"tlc", "--recover", cp.toString(), "--server"},
                            {"tlc", "--recover", cp.toString(), "--workers", "1"},
                            {"tlc", "--recover", cp.toString(), "--design", "upstream"},
                            {"tlc", "--recover", cp.toString(), "--config", "default"}};
            for (String[] args : wrong) {
                Cli cli = Cli.run(args);
                assertEquals(2, cli.exit(), String.join(" ", args) + ": " + cli.err());
                assertEquals(1, cli.errLines().size(), cli.err());
                assertTrue(cli.err().startsWith("multilink: tlc: --recover: that run "), cli.err());
            }
        }
        Cli none = Cli.run("tlc", "--recover", dir.toString());
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().contains("holds no TLC checkpoint"), none.err());
    }
}
