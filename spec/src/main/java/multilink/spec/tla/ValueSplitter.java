package multilink.spec.tla;

import java.util.function.Consumer;

/**
 * Joins the lines TLC prints for one value (PrintT pretty-prints long values
 * over several lines) until its brackets balance, then hands the text on.
 * Lines that do not start a value are ignored.
 */
public final class ValueSplitter implements Consumer<String> {
    private final Consumer<String> values;
    private final StringBuilder buf = new StringBuilder();
    private int depth;

    public ValueSplitter(Consumer<String> values) {
        this.values = values;
    }

    @Override
    public void accept(String line) {
        if (buf.length() == 0 && !line.startsWith("<<")) {
            return;
        }
        buf.append(line).append('\n');
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{' || c == '(' || (c == '<' && next(line, i) == '<')) {
                depth++;
                i += c == '<' ? 1 : 0;
            } else if (c == ']' || c == '}' || c == ')' || (c == '>' && next(line, i) == '>')) {
                depth--;
                i += c == '>' ? 1 : 0;
            }
        }
        if (depth <= 0) {
            values.accept(buf.toString());
            buf.setLength(0);
            depth = 0;
        }
    }

    private static char next(String s, int i) {
        return i + 1 < s.length() ? s.charAt(i + 1) : 0;
    }
}
