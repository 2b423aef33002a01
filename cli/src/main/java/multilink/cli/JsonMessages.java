package multilink.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's parse errors in the user's terms: what is wrong with the text,
 * without the parser's class, feature and constraint names
 * ({@code StreamReadConstraints.getMaxNestingDepth()},
 * {@code [Source: REDACTED (`StreamReadFeature...` disabled)...]}).
 */
final class JsonMessages {
    private JsonMessages() {
    }

    private static final Pattern LIMIT = Pattern.compile(
            "^(Document nesting depth|Number value length|String value length|Name length|Document length)"
                    + " \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");
    private static final Pattern SOURCE = Pattern.compile(
            "\\[Source: [^\\]]*?line: (\\d+)(?:, column: (\\d+))?\\]");
    private static final Pattern CHAR = Pattern.compile("\\('(.+?)' \\(code (\\d+)[^)]*\\)\\)");
    private static final Pattern CTRL = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    /** What must never reach the user: Java names, backquoted API names, Jackson's source descriptions. */
    private static final Pattern LEAK = Pattern.compile(
            "[a-z]+\\.[a-z]+\\.[A-Z]|`|Exception|Feature|\\[Source|StreamRead|JsonNode");

    /** One line for a parse error Jackson reported as {@code original}. */
    static String plain(String original) {
        String m = original.lines().findFirst().orElse("").strip();
        Matcher limit = LIMIT.matcher(m);
        if (limit.find()) {
            // the parser stops as soon as a limit is passed, so the length it saw is not the real one
            String max = limit.group(3);
            return switch (limit.group(1)) {
                case "Document nesting depth" -> "arrays and objects nested more than " + max + " deep";
                case "Number value length" -> "a number longer than " + max + " digits";
                case "String value length" -> "a string longer than " + max + " characters";
                case "Name length" -> "a field name longer than " + max + " characters";
                default -> "a file longer than " + max + " characters";
            };
        }
        if (m.startsWith("Trailing token")) {
            return "more text after the end of the JSON value (a file holds one JSON object)";
        }
        if (m.contains("maybe a (non-standard) comment")) {
            return "unexpected '/': JSON has no comments";
        }
        if (m.startsWith("Non-standard token")) {
            return m.replaceFirst("^Non-standard token ('[^']*').*", "$1 is not a JSON value");
        }
        m = SOURCE.matcher(m).replaceAll(r -> "line " + r.group(1) + (r.group(2) == null ? "" : ", column "
                + r.group(2)));
        m = CHAR.matcher(m).replaceAll(r -> Matcher.quoteReplacement(printable(r.group(1))
                ? "'" + r.group(1) + "'" : "(code " + r.group(2) + ")"));
        m = CTRL.matcher(m).replaceAll("(control character, code $1)");
        m = m.replace("close marker for Array", "']' closing the array")
                .replace("close marker for Object", "'}' closing the object")
                .replace("start marker at", "opened at")
                .replace("Unexpected close marker", "unexpected");
        if (m.isEmpty() || LEAK.matcher(m).find()) {
            return "not valid JSON";
        }
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private static boolean printable(String c) {
        return c.codePointCount(0, c.length()) == 1 && c.codePointAt(0) > ' ' && c.codePointAt(0) != 0x7f
                && !Character.isISOControl(c.codePointAt(0)) && Character.isDefined(c.codePointAt(0))
                && !Character.isWhitespace(c.codePointAt(0)) && Character.getType(c.codePointAt(0)) != Character.FORMAT;
    }
}
