package multilink.cli;

import io.vavr.control.Either;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads an input file the user named; the failure is the short reason for a one-line message, not an exception. */
final class TextFiles {
    private TextFiles() {
    }

    static Either<String, String> read(Path file) {
        if (Files.isDirectory(file)) {
            return Either.left("cannot read: it is a directory, not a file");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // a byte order mark some editors put first is not part of the JSON
            return Either.right(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (NoSuchFileException e) {
            return Either.left("cannot read: no such file");
        } catch (AccessDeniedException e) {
            return Either.left("cannot read: permission denied");
        } catch (CharacterCodingException e) {
            return Either.left("cannot read: not UTF-8 text");
        } catch (FileSystemException e) {
            return Either.left("cannot read: " + (e.getReason() == null ? "input/output error" : e.getReason()));
        } catch (IOException e) {
            return Either.left("cannot read: " + (e.getMessage() == null ? "input/output error" : e.getMessage()));
        } catch (OutOfMemoryError e) {
            return Either.left("cannot read: too large to hold in memory");
        }
    }
}
