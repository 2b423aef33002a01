package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs an external tool once and returns its standard output, or a one-line reason it could not. */
final class ToolRunner {
    private static final long TIMEOUT_SECONDS = 120;

    private ToolRunner() {
    }

    /** The executable named {@code tool} on PATH (or the path itself if it contains a slash). */
    static Either<String, String> locate(String tool, String what) {
        if (tool.contains("/")) {
            return new File(tool).canExecute() ? Either.right(tool) : Either.left(missing(tool, what));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.isFile() && f.canExecute()) {
                return Either.right(f.getPath());
            }
        }
        return Either.left(missing(tool, what));
    }

    private static String missing(String tool, String what) {
        return what + " (" + tool + ") not found on PATH; install it to run the reference check";
    }

    static Either<String, String> run(Path workDir, List<String> command) {
        try {
            Path out = Files.createTempFile(workDir, "out", ".txt");
            Process proc = new ProcessBuilder(command.asJava())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!proc.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                return Either.left(command.head() + " timed out");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (proc.exitValue() != 0) {
                String first = List.of(text.split("\n")).take(3).mkString(" | ");
                return Either.left(command.head() + " failed (exit " + proc.exitValue() + "): " + first);
            }
            return Either.right(text);
        } catch (IOException ex) {
            return Either.left(command.head() + " could not be started: " + ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Either.left(command.head() + " interrupted");
        }
    }
}
