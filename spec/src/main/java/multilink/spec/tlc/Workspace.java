package multilink.spec.tlc;

import io.vavr.collection.List;
import io.vavr.control.Either;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.jar.JarFile;

/**
 * A fresh directory a TLC run works in: the spec's modules and configs (from
 * the class path, where the build puts src/main/tla as {@code tla/}), plus
 * whatever the run generates. Directories live under
 * {@code -Dmultilink.spec.workdir}, by default {@code target/tlc} of the
 * working directory: generated TLA+ never goes to src.
 */
public final class Workspace {
    private static final String PREFIX = "tla/";

    private Workspace() {
    }

    public static Path base() {
        return Path.of(System.getProperty("multilink.spec.workdir", "target/tlc")).toAbsolutePath();
    }

    /** A new directory named after {@code purpose} holding the spec, each file passed through {@code patch}. */
    public static Either<String, Path> create(String purpose, BiFunction<String, String, String> patch) {
        return create(base(), purpose, patch);
    }

    /** As above, under {@code base} (a run kept to be continued lives where the user can find it). */
    public static Either<String, Path> create(Path base, String purpose, BiFunction<String, String, String> patch) {
        return empty(base, purpose).flatMap(dir -> discardOnLeft(dir, fill(dir, patch)));
    }

    private static Either<String, Path> fill(Path dir, BiFunction<String, String, String> patch) {
        try {
            for (String name : specFiles()) {
                try (InputStream in = Workspace.class.getClassLoader().getResourceAsStream(PREFIX + name)) {
                    if (in == null) {
                        return Either.left("spec file missing from the class path: " + name);
                    }
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    Files.writeString(dir.resolve(name), patch.apply(name, text));
                }
            }
            return Either.right(dir);
        } catch (IOException | RuntimeException e) {
            return Either.left("cannot prepare a TLC directory: " + e.getMessage());
        }
    }

    /**
     * {@code filled}, the outcome of filling the new directory {@code dir};
     * on a Left the directory goes, so a failed preparation leaves no
     * half-filled run directory behind.
     */
    public static Either<String, Path> discardOnLeft(Path dir, Either<String, Path> filled) {
        if (filled.isLeft()) {
            try (var all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | RuntimeException e) {
                return Either.left(filled.getLeft() + " (and " + dir + " could not be removed: " + e.getMessage() + ")");
            }
        }
        return filled;
    }

    /** A new empty directory named after {@code purpose} under {@code base}, for a spec from elsewhere. */
    public static Either<String, Path> empty(Path base, String purpose) {
        try {
            Files.createDirectories(base);
            return Either.right(Files.createTempDirectory(base, purpose + "-"));
        } catch (IOException | RuntimeException e) {
            return Either.left("cannot prepare a TLC directory: " + e.getMessage());
        }
    }

    public static Either<String, Path> create(String purpose) {
        return create(purpose, (name, text) -> text);
    }

    /** The .tla and .cfg files under tla/ on the class path, from a directory or a jar. */
    static List<String> specFiles() throws IOException {
        URL u = Workspace.class.getClassLoader().getResource(PREFIX + "KernelObjects.tla");
        if (u == null) {
            throw new IOException("the spec (tla/KernelObjects.tla) is not on the class path");
        }
        if (u.getProtocol().equals("jar")) {
            JarURLConnection c = (JarURLConnection) u.openConnection();
            try (JarFile jar = c.getJarFile()) {
                return List.ofAll(jar.stream().map(e -> e.getName()))
                        .filter(n -> n.startsWith(PREFIX) && n.length() > PREFIX.length() && !n.endsWith("/"))
                        .map(n -> n.substring(PREFIX.length()));
            }
        }
        try (var files = Files.list(Path.of(uri(u)).getParent())) {
            return List.ofAll(files.map(p -> p.getFileName().toString()))
                    .filter(n -> n.endsWith(".tla") || n.endsWith(".cfg"));
        }
    }

    private static java.net.URI uri(URL u) throws IOException {
        try {
            return u.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** Writes a generated file into the run's directory. */
    public static Either<String, Path> write(Path dir, String name, String text) {
        try {
            return Either.right(Files.writeString(dir.resolve(name), text));
        } catch (IOException e) {
            return Either.left("cannot write " + name + ": " + e.getMessage());
        }
    }
}
