package multilink.spec.tla;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;

import java.util.Comparator;

/**
 * A TLA+ value as TLC prints it, normalised so that two values TLC calls
 * equal are equal here: records and sequences are functions (a record is a
 * function on field names, a sequence one on 1..n), sets and function domains
 * are ordered by their canonical text. {@link #render()} is that text; it is
 * valid TLA+ again, which is what trace modules are written in.
 */
public sealed interface TlaValue extends Comparable<TlaValue> {

    String render();

    @Override
    default int compareTo(TlaValue o) {
        return render().compareTo(o.render());
    }

    Comparator<TlaValue> ORDER = Comparator.naturalOrder();

    record Int(long value) implements TlaValue {
        @Override
        public String render() {
            return Long.toString(value);
        }
    }

    record Str(String value) implements TlaValue {
        @Override
        public String render() {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    record Bool(boolean value) implements TlaValue {
        @Override
        public String render() {
            return value ? "TRUE" : "FALSE";
        }
    }

    record SetV(TreeSet<TlaValue> elems) implements TlaValue {
        @Override
        public String render() {
            return elems.map(TlaValue::render).mkString("{", ", ", "}");
        }
    }

    /** A function; records and sequences are functions too. */
    record Fn(TreeMap<TlaValue, TlaValue> map) implements TlaValue {
        @Override
        public String render() {
            if (map.isEmpty()) {
                return "<<>>";
            }
            if (isSequence()) {
                return List.range(1, map.size() + 1).map(i -> map.get(num(i)).get().render())
                        .mkString("<<", ", ", ">>");
            }
            if (map.keySet().forAll(k -> k instanceof Str s && s.value().matches("[A-Za-z_][A-Za-z0-9_]*"))) {
                return map.map(e -> ((Str) e._1).value() + " |-> " + e._2.render()).mkString("[", ", ", "]");
            }
            return map.map(e -> e._1.render() + " :> " + e._2.render()).mkString("(", " @@ ", ")");
        }

        public boolean isSequence() {
            return map.keySet().forAll(k -> k instanceof Int n && n.value() >= 1 && n.value() <= map.size());
        }

        public TlaValue get(String field) {
            return map.get(str(field)).getOrElseThrow(() -> new IllegalArgumentException("no field " + field));
        }
    }

    static Int num(long v) {
        return new Int(v);
    }

    static Str str(String s) {
        return new Str(s);
    }

    static Bool bool(boolean b) {
        return new Bool(b);
    }

    static SetV set(Iterable<? extends TlaValue> elems) {
        return new SetV(TreeSet.ofAll(ORDER, elems));
    }

    static Fn seq(Iterable<? extends TlaValue> elems) {
        TreeMap<TlaValue, TlaValue> m = TreeMap.empty(ORDER);
        long i = 1;
        for (TlaValue v : elems) {
            m = m.put(num(i++), v);
        }
        return new Fn(m);
    }

    static Fn fn(io.vavr.collection.Map<? extends TlaValue, ? extends TlaValue> entries) {
        TreeMap<TlaValue, TlaValue> m = TreeMap.empty(ORDER);
        for (var e : entries) {
            m = m.put(e._1, e._2);
        }
        return new Fn(m);
    }

    /** A record: alternating field names and values. */
    static Fn rec(Object... nameValue) {
        TreeMap<TlaValue, TlaValue> m = TreeMap.empty(ORDER);
        for (int i = 0; i < nameValue.length; i += 2) {
            m = m.put(str((String) nameValue[i]), (TlaValue) nameValue[i + 1]);
        }
        return new Fn(m);
    }

    static List<TlaValue> elements(TlaValue v) {
        if (v instanceof SetV s) {
            return s.elems().toList();
        }
        if (v instanceof Fn f && f.isSequence()) {
            return List.range(1, f.map().size() + 1).map(i -> f.map().get(num(i)).get());
        }
        throw new IllegalArgumentException("not a set or sequence: " + v.render());
    }
}
