package multilink.cli;

import io.vavr.control.Either;
import multilink.spec.tlc.TlcJob;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The directory of a TLC run that can be continued after a kill: under
 * {@code <out>/tlc-runs/}, where the user finds it (the temporary work
 * directory goes at exit, also on Ctrl-C). It holds the spec's copy TLC
 * checks, TLC's {@code meta/<date>/} with the checkpoint, and
 * {@code run.properties} naming the design, the {@code --config} value, and
 * how TLC ran (a server, or one process with its worker count: a checkpoint
 * of one is no checkpoint of the other, and one process continues only with
 * the workers it had, whose trace files the checkpoint holds), so
 * {@code --recover} needs only the checkpoint directory. A run that finishes
 * removes it: there is nothing left to continue.
 */
record RunDir(TlcJob job, String design, String config, boolean server, int workers) {
    static final String SUBDIR = "tlc-runs";
    private static final String FILE = "run.properties";

    /** Writes the run file into {@code job}'s directory. */
    static Either<String, RunDir> create(TlcJob job, String design, String config, boolean server, int workers) {
        Properties p = new Properties();
        p.setProperty("server", Boolean.toString(server));
        p.setProperty("workers", Integer.toString(workers));
        p.setProperty("design", design);
        p.setProperty("config", config);
        p.setProperty("module", job.module());
        p.setProperty("cfg", job.config());
        try (Writer w = Files.newBufferedWriter(job.dir().resolve(FILE))) {
            p.store(w, "a TLC run of ./multilink tlc; continue it with --recover " + job.metadir() + "/<date>");
            return Either.right(new RunDir(job, design, config, server, workers));
        } catch (IOException e) {
            return Either.left("cannot write " + job.dir().resolve(FILE) + ": " + e.getMessage());
        }
    }

    /** The run a checkpoint directory ({@code <run>/meta/<date>}) belongs to. */
    static Either<String, RunDir> of(Path checkpoint) {
        Path c = checkpoint.toAbsolutePath().normalize();
        if (!Files.isDirectory(c) || c.getParent() == null || c.getParent().getParent() == null) {
            return Either.left(checkpoint + ": no checkpoint directory (the meta/<date> one a run printed)");
        }
        Path dir = c.getParent().getParent();
        if (!Files.isRegularFile(c.resolve("queue.chkpt"))) {
            return Either.left(checkpoint + ": holds no TLC checkpoint (no queue.chkpt)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(FILE))) {
            p.load(r);
        } catch (IOException e) {
            return Either.left(checkpoint + ": not a run of ./multilink tlc (no " + dir.resolve(FILE) + ")");
        }
        String[] keys = {"design", "config", "module", "cfg", "server", "workers"};
        for (String k : keys) {
            if (p.getProperty(k) == null) {
                return Either.left(dir.resolve(FILE) + ": no " + k);
            }
        }
        try {
            return Either.right(new RunDir(new TlcJob(dir, p.getProperty("module"), p.getProperty("cfg")),
                    p.getProperty("design"), p.getProperty("config"), Boolean.parseBoolean(p.getProperty("server")),
                    Integer.parseInt(p.getProperty("workers"))));
        } catch (NumberFormatException e) {
            return Either.left(dir.resolve(FILE) + ": workers is no number");
        }
    }

    /** Removes the run's directory, and tlc-runs if that leaves it empty. */
    void delete() {
        WorkDir.delete(job.dir());
        try {
            Files.deleteIfExists(job.dir().getParent());
        } catch (IOException e) {
            // another run's directory is still there
        }
    }
}
