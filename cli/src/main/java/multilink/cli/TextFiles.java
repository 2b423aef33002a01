package multilink.cli;

import io.vavr.control.Either;
import io.vavr.control.Try;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an input file the user named; the failure is the short reason for a one-line message, not an exception. */
final class TextFiles {
    private TextFiles() {
    }

    static Either<String, String> read(Path file) {
        return Try.of(() -> Files.readString(file, StandardCharsets.UTF_8)).toEither()
                .mapLeft(e -> "cannot read: " + e.getClass().getSimpleName()
                        .replace("NoSuchFileException", "no such file")
                        .replace("MalformedInputException", "not UTF-8"));
    }
}
