package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.spec.Tlc;
import multilink.spec.tlc.Checkpoints;
import multilink.spec.tlc.DistributedTlc;
import multilink.spec.tlc.TlcProcess;
import multilink.spec.tlc.TlcResult;
import multilink.spec.tlc.TlcWatch;
import multilink.spec.tlc.Workspace;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The long runs of {@code ./multilink tlc}: TLC's distributed mode (a server
 * with local workers, workers that join from other machines) and runs kept
 * in {@code <out>/tlc-runs/} with checkpoints to continue from after a kill
 * (cli/README.md, "Deep runs").
 *
 * @param server       a TLC server that workers elsewhere join (--server)
 * @param localWorkers worker JVMs started here for the server (--local-workers)
 * @param port         the server's port (--port)
 * @param threads      threads per worker JVM (--threads)
 * @param host         the name RMI advertises for this machine (--host)
 * @param checkpoint   minutes between checkpoints (--checkpoint)
 * @param recover      the checkpoint a run continues from (--recover)
 * @param out          where run directories go, under tlc-runs (--out)
 */
record TlcDeepRun(boolean server, int localWorkers, Option<Integer> port, Option<Integer> threads,
                  Option<String> host, Option<Integer> checkpoint, Option<Path> recover, Path out) {

    /** A TLC server runs (with workers here, elsewhere, or both). */
    boolean distributed() {
        return server || localWorkers > 0;
    }

    /** A run that works in <out>/tlc-runs/ with checkpoints to continue from: long, distributed or asked for. */
    boolean kept(TlcCommand.Chosen c) {
        return distributed() || recover.isDefined() || checkpoint.isDefined() || c.label().equals("deep");
    }

    /**
     * The first run of a design that is kept to be continued: in a directory
     * under --out (or the recovered run's), with checkpoints, on a TLC server
     * when asked; the directory goes when the run finishes.
     */
    Either<String, TlcResult> run(Option<RunDir> recovered, String asked, Design d, TlcCommand.Chosen c,
                                  String config, int workers, PrintWriter err) {
        Either<String, RunDir> run = recovered.isDefined() ? Either.right(recovered.get())
                : Tlc.prepare(d, c.run().apply(d), SpecPhase.patch(d, c), out.resolve(RunDir.SUBDIR).toAbsolutePath(),
                        "").flatMap(job -> RunDir.create(job, asked, c.cfgText().isDefined()
                                ? Path.of(config).toAbsolutePath().toString() : config, distributed(), workers));
        if (run.isLeft()) {
            return Either.left(run.getLeft());
        }
        RunDir dir = run.get();
        int minutes = checkpoint.getOrElse(Checkpoints.DEFAULT_MINUTES);
        Checkpoints ckpt = Checkpoints.every(minutes);
        for (Path from : recover) {
            ckpt = ckpt.recoverFrom(from.toAbsolutePath());
            err.println("tlc: " + d.name() + ": continuing from the checkpoint " + from.toAbsolutePath());
        }
        String again = "./multilink tlc --recover CHECKPOINT" + (server ? " --server" : "")
                + (localWorkers > 0 ? " --local-workers " + localWorkers : "");
        err.println("tlc: " + d.name() + ": run directory " + dir.job().dir() + (minutes == 0 ? " (no checkpoints)"
                : "; a checkpoint every " + minutes + " min under " + dir.job().metadir() + "/<date>; after a kill: "
                + again));
        err.flush();
        boolean[] told = {false};
        TlcWatch watch = new TlcWatch(SpecPhase.progressTo(err, d.name()), cp -> {
            if (!told[0]) {
                told[0] = true;
                synchronized (err) {
                    err.println("tlc: " + d.name() + ": checkpoint written to " + cp + " (after a kill: "
                            + again.replace("CHECKPOINT", cp.toString()) + ")");
                    err.flush();
                }
            }
        }, line -> { });
        Either<String, TlcResult> r;
        if (distributed()) {
            Option<String> advertised = host.orElse(server ? hostName() : Option.none());
            int p = port.getOrElse(server ? DistributedTlc.DEFAULT_PORT : 0);
            var serving = new DistributedTlc.Serving(p, advertised, localWorkers, threads.getOrElse(1),
                    at -> {
                        synchronized (err) {
                            err.println("tlc: " + d.name() + ": TLC server ready on " + advertised.getOrElse("localhost")
                                    + ":" + at + (server ? "; add machines with: ./multilink tlc --worker "
                                    + advertised.getOrElse("localhost") + " --port " + at + " [--threads N]" : ""));
                            err.flush();
                        }
                    });
            r = DistributedTlc.serve(dir.job(), serving, ckpt, watch);
        } else {
            r = TlcProcess.run(dir.job(), workers, ckpt, List.empty(), watch);
        }
        if (r.isRight() || !told[0] && recovered.isEmpty()) {
            // finished, or stopped before a checkpoint: nothing to continue from
            dir.delete();
        } else {
            err.println("tlc: " + d.name() + ": the run directory " + dir.job().dir() + " is kept: continue from "
                    + "its checkpoint with --recover");
        }
        return r;
    }

    /** This machine's host name, for workers elsewhere; none if it has none. */
    private static Option<String> hostName() {
        try {
            return Option.of(java.net.InetAddress.getLocalHost().getHostName());
        } catch (java.io.IOException e) {
            return Option.none();
        }
    }

    /** --worker: a TLC worker for the server on that host, its output on stderr. */
    int join(String worker, PrintWriter err) {
        int p = port.getOrElse(DistributedTlc.DEFAULT_PORT);
        Either<String, Integer> there = DistributedTlc.reachable(worker, p);
        if (there.isLeft()) {
            err.println("multilink: tlc: " + there.getLeft());
            return Main.EXIT_USAGE;
        }
        Path dir;
        try {
            Files.createDirectories(Workspace.base());
            dir = Files.createTempDirectory(Workspace.base(), "worker-");
        } catch (IOException e) {
            err.println("multilink: tlc: cannot make a directory for the worker: " + e.getMessage());
            return Main.EXIT_INTERNAL;
        }
        int n = threads.getOrElse(Runtime.getRuntime().availableProcessors());
        err.println("tlc: worker with " + n + " thread(s) for the TLC server at " + worker + ":" + p);
        err.flush();
        WorkerOutput output = new WorkerOutput(err);
        Either<String, Integer> r = DistributedTlc.join(worker, p, n, host, dir, output::line);
        WorkDir.delete(dir);
        if (r.isLeft()) {
            err.println("multilink: tlc: " + r.getLeft());
            return Main.EXIT_USAGE;
        }
        Option<String> stopped = output.stopped(r.get());
        stopped.forEach(why -> err.println("multilink: tlc: the worker for " + worker + ":" + p + " stopped" + why));
        return stopped.isEmpty() ? Main.EXIT_OK : Main.EXIT_USAGE;
    }
}
