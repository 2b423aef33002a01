package multilink.cli;

import io.vavr.control.Try;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file through a temporary sibling and a rename, so an interrupted
 * run never leaves a half-written trace for someone to replay. The file gets
 * the mode a plain write would give it (0666 less the umask): counterexamples
 * are meant to be shared, so the temporary file is not made with
 * {@link Files#createTempFile}, which gives 0600.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Each file (name, text) under {@code dir}, in order; the paths written, or the first failure in one line. */
    public static io.vavr.control.Either<String, io.vavr.collection.List<Path>> writeAll(
            Path dir, Iterable<io.vavr.Tuple2<String, String>> files) {
        io.vavr.collection.List<Path> written = io.vavr.collection.List.empty();
        for (var f : files) {
            Path p = dir.resolve(f._1);
            var w = write(p, f._2);
            if (w.isFailure()) {
                return io.vavr.control.Either.left("cannot write " + p + ": " + w.getCause().getMessage());
            }
            written = written.append(p);
        }
        return io.vavr.control.Either.right(written);
    }

    public static Try<Path> write(Path file, String content) {
        return Try.of(() -> {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = createSibling(dir, file.getFileName().toString());
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                return Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        });
    }

    /**
     * A new empty file {@code .NAME.RANDOM.tmp} in {@code dir}, made with
     * CREATE_NEW (open with O_CREAT|O_EXCL and mode 0666), so the umask
     * decides its mode as it does for any new file.
     */
    private static Path createSibling(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another writer's name: draw again
            }
        }
    }
}
