package multilink.x86;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;

/** One instruction as objdump decoded it from raw bytes: its length and its normalised Intel text. */
record Decoded(int length, String text) {
    /** objdump -D -b binary -M intel --insn-width=16 output, keyed by file offset. */
    static Map<Integer, Decoded> parse(String objdump) {
        Map<Integer, Decoded> out = HashMap.empty();
        for (String line : objdump.split("\n")) {
            String[] parts = line.split("\t");
            if (parts.length < 3 || !parts[0].trim().endsWith(":")) {
                continue;
            }
            String addr = parts[0].trim();
            int offset = (int) Long.parseLong(addr.substring(0, addr.length() - 1), 16);
            int length = parts[1].trim().split("\\s+").length;
            out = out.put(offset, new Decoded(length, normalise(parts[2])));
        }
        return out;
    }

    /** Lower case, single spaces, no space after commas. */
    static String normalise(String text) {
        return text.trim().toLowerCase().replaceAll("\\s+", " ").replace(", ", ",");
    }
}
