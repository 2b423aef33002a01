package multilink.model.invariant;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import multilink.model.state.KState;

/** A short, readable account of how two states differ, field by field and key by key. */
public final class StateDiff {
    private StateDiff() {
    }

    public static String describe(KState a, KState b) {
        List<String> parts = parts(a, b).map(p -> p._1 + ": " + p._2);
        return parts.isEmpty() ? "no difference" : parts.mkString("; ");
    }

    /**
     * Each difference on its own: the object that changed ("progs[3]",
     * "warning MEMORY_LEAK(link.entries)") and how.
     */
    public static List<io.vavr.Tuple2<String, String>> parts(KState a, KState b) {
        List<io.vavr.Tuple2<String, String>> parts = List.empty();
        parts = parts.appendAll(map("progs", a.progs(), b.progs()));
        parts = parts.appendAll(map("links", a.links(), b.links()));
        parts = parts.appendAll(map("trampolines", a.trampolines(), b.trampolines()));
        parts = parts.appendAll(map("images", a.images(), b.images()));
        parts = parts.appendAll(map("ftrace", a.directCalls(), b.directCalls()));
        parts = parts.appendAll(map("btfs", a.btfs(), b.btfs()));
        parts = parts.appendAll(map("modules", a.modules(), b.modules()));
        if (!a.designObjects().equals(b.designObjects())) {
            parts = parts.append(io.vavr.Tuple.of("design objects", fields(a.designObjects(), b.designObjects())));
        }
        for (var w : b.warnings().removeAll(a.warnings()).toList().sortBy(Object::toString)) {
            parts = parts.append(io.vavr.Tuple.of("warning " + w, "raised"));
        }
        return parts;
    }

    /** For two records of one type, only the components that differ; otherwise both values. */
    static String fields(Object a, Object b) {
        if (!a.getClass().isRecord() || a.getClass() != b.getClass()) {
            return a + " -> " + b;
        }
        List<String> diffs = List.empty();
        for (var c : a.getClass().getRecordComponents()) {
            try {
                Object va = c.getAccessor().invoke(a);
                Object vb = c.getAccessor().invoke(b);
                if (!java.util.Objects.equals(va, vb)) {
                    diffs = diffs.append(c.getName() + " " + va + " -> " + vb);
                }
            } catch (ReflectiveOperationException e) {
                return a + " -> " + b;
            }
        }
        return diffs.mkString(", ");
    }

    private static <K, V> List<io.vavr.Tuple2<String, String>> map(String name, Map<K, V> a, Map<K, V> b) {
        List<io.vavr.Tuple2<String, String>> out = List.empty();
        for (K k : a.keySet().addAll(b.keySet())) {
            var x = a.get(k);
            var y = b.get(k);
            if (!x.equals(y)) {
                out = out.append(io.vavr.Tuple.of(name + "[" + k + "]", (x.isDefined() && y.isDefined()
                        ? fields(x.get(), y.get())
                        : x.map(Object::toString).getOrElse("-") + " -> " + y.map(Object::toString).getOrElse("-"))));
            }
        }
        return out;
    }
}
