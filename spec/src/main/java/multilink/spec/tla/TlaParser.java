package multilink.spec.tla;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;

/**
 * Reads the values TLC prints (in -tool trace states and dot labels): numbers,
 * strings, booleans, sets, sequences, records and {@code (k :> v @@ ...)}
 * functions, nested. Anything else is an error, not a guess.
 */
public final class TlaParser {
    private final String s;
    private int i;

    private TlaParser(String s) {
        this.s = s;
    }

    public static Either<String, TlaValue> parse(String text) {
        TlaParser p = new TlaParser(text);
        try {
            TlaValue v = p.value();
            p.ws();
            if (p.i != p.s.length()) {
                return Either.left("trailing text at " + p.i + ": " + p.rest());
            }
            return Either.right(v);
        } catch (IllegalArgumentException e) {
            return Either.left(e.getMessage());
        }
    }

    /** The {@code /\ var = value} lines of one TLC state. */
    public static Either<String, TreeMap<String, TlaValue>> parseState(String text) {
        TreeMap<String, TlaValue> vars = TreeMap.empty();
        String body = text.trim();
        if (body.startsWith("/\\")) {
            body = body.substring(2);
        }
        for (String part : body.split("\n/\\\\ |\\n\\s*/\\\\ ")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf(" = ");
            if (eq < 0) {
                return Either.left("not a variable line: " + t);
            }
            Either<String, TlaValue> v = parse(t.substring(eq + 3));
            if (v.isLeft()) {
                return Either.left(t.substring(0, eq) + ": " + v.getLeft());
            }
            vars = vars.put(t.substring(0, eq).trim(), v.get());
        }
        return Either.right(vars);
    }

    private String rest() {
        return s.substring(i, Math.min(s.length(), i + 40));
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private boolean eat(String tok) {
        ws();
        if (s.startsWith(tok, i)) {
            i += tok.length();
            return true;
        }
        return false;
    }

    private void expect(String tok) {
        if (!eat(tok)) {
            throw new IllegalArgumentException("expected " + tok + " at " + i + ": " + rest());
        }
    }

    private TlaValue value() {
        ws();
        if (eat("<<")) {
            List<TlaValue> xs = items(">>");
            return TlaValue.seq(xs);
        }
        if (eat("{")) {
            return TlaValue.set(items("}"));
        }
        if (eat("[")) {
            return record();
        }
        if (eat("(")) {
            return function();
        }
        if (eat("\"")) {
            return string();
        }
        if (eat("TRUE")) {
            return TlaValue.bool(true);
        }
        if (eat("FALSE")) {
            return TlaValue.bool(false);
        }
        int start = i;
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw new IllegalArgumentException("unexpected text at " + i + ": " + rest());
        }
        return TlaValue.num(Long.parseLong(s.substring(start, i)));
    }

    private List<TlaValue> items(String close) {
        List<TlaValue> xs = List.empty();
        if (eat(close)) {
            return xs;
        }
        do {
            xs = xs.append(value());
        } while (eat(","));
        expect(close);
        return xs;
    }

    private TlaValue record() {
        TreeMap<TlaValue, TlaValue> m = TreeMap.empty(TlaValue.ORDER);
        do {
            ws();
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            String name = s.substring(start, i);
            expect("|->");
            m = m.put(TlaValue.str(name), value());
        } while (eat(","));
        expect("]");
        return new TlaValue.Fn(m);
    }

    private TlaValue function() {
        TreeMap<TlaValue, TlaValue> m = TreeMap.empty(TlaValue.ORDER);
        do {
            TlaValue k = value();
            expect(":>");
            m = m.put(k, value());
        } while (eat("@@"));
        expect(")");
        return new TlaValue.Fn(m);
    }

    private TlaValue string() {
        StringBuilder b = new StringBuilder();
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c == '\\' && i < s.length()) {
                c = s.charAt(i++);
            }
            b.append(c);
        }
        expect("\"");
        return TlaValue.str(b.toString());
    }
}
