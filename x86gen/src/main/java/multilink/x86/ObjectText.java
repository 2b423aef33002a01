package multilink.x86;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The .text bytes of an assembled object and the offsets of its image labels (objcopy and nm). */
record ObjectText(byte[] text, Map<String, Integer> labels) {
    static Either<String, ObjectText> read(Path dir, Path object, String objcopy, String nm) {
        Path bin = dir.resolve(object.getFileName() + ".bin");
        return ToolRunner.run(dir, List.of(objcopy, "-O", "binary", "--only-section=.text", object.toString(), bin.toString()))
                .flatMap(ignored -> ToolRunner.run(dir, List.of(nm, object.toString())))
                .flatMap(symbols -> readBytes(bin).map(bytes -> new ObjectText(bytes, parseLabels(symbols))));
    }

    private static Either<String, byte[]> readBytes(Path bin) {
        try {
            return Either.right(Files.readAllBytes(bin));
        } catch (IOException e) {
            return Either.left("cannot read " + bin + ": " + e.getMessage());
        }
    }

    private static Map<String, Integer> parseLabels(String nmOutput) {
        Map<String, Integer> labels = HashMap.empty();
        for (String line : nmOutput.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].startsWith("img")) {
                labels = labels.put(f[2], (int) Long.parseLong(f[0], 16));
            }
        }
        return labels;
    }
}
