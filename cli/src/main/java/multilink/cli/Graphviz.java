package multilink.cli;

import io.vavr.control.Option;
import io.vavr.control.Try;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Renders DOT to SVG with graphviz's {@code dot} when it is on PATH. */
public final class Graphviz {
    private Graphviz() {
    }

    public static Option<Path> dotOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Option.none();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "dot");
            if (Files.isExecutable(p)) {
                return Option.of(p);
            }
        }
        return Option.none();
    }

    /** The SVG text of a DOT graph; a failure says why in one line. */
    public static Try<String> svg(Path dot, String graph) {
        return Try.of(() -> {
            Process p = new ProcessBuilder(dot.toString(), "-Tsvg").redirectErrorStream(false).start();
            p.getOutputStream().write(graph.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("dot failed: " + err.lines().findFirst().orElse("no message"));
            }
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        });
    }
}
