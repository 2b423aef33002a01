package multilink.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a command line run keeps its working files (TLC's spec copies, state
 * queues and fingerprint sets): a fresh directory under {@code java.io.tmpdir},
 * removed when the run ends, also on Ctrl-C. Nothing goes to the current
 * directory; only counterexamples are written, under {@code --out}. Set
 * {@code -Dmultilink.spec.workdir=DIR} (e.g. in {@code JAVA_TOOL_OPTIONS}) to
 * keep them in DIR instead.
 */
final class WorkDir {
    static final String PROPERTY = "multilink.spec.workdir";

    private WorkDir() {
    }

    /** Points the spec's TLC runs at a new temporary directory, unless the user chose one; returns what to delete. */
    static java.util.Optional<Path> claim() {
        if (System.getProperty(PROPERTY) != null) {
            return java.util.Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory("multilink-");
            System.setProperty(PROPERTY, dir.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "multilink-workdir-cleanup"));
            return java.util.Optional.of(dir);
        } catch (IOException | RuntimeException e) {
            // the run still works in the spec's default directory; this is no reason to stop
            return java.util.Optional.empty();
        }
    }

    /** Removes {@code dir} and everything under it, as far as it can. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    quietly(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) {
                    quietly(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            // best effort: what is left is in the system's temporary directory
        }
    }

    private static void quietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a file TLC still holds, or one we may not remove: leave it
        }
    }
}
