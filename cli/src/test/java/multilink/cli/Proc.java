package multilink.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process run to completion: what it printed on each stream and its exit code. */
record Proc(int exit, String out, String err) {

    /** Runs {@code cmd} in {@code cwd}, stdin empty; fails the test if it takes longer than {@code timeoutS}. */
    static Proc run(Path cwd, long timeoutS, String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("proc-out", ".txt");
        Path err = Files.createTempFile("proc-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + ": still running after " + timeoutS + " s; stderr: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code java -cp <this test JVM's class path> multilink.cli.Main args...}: the cli as its own process. */
    static Proc cli(Path cwd, long timeoutS, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "multilink.cli.Main"));
        cmd.addAll(List.of(args));
        return run(cwd, timeoutS, cmd.toArray(String[]::new));
    }

    List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
