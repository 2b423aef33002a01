package multilink.spec.alloy;

import io.vavr.Tuple;
import io.vavr.Tuple3;
import io.vavr.collection.List;

import java.util.function.Function;

/**
 * A refs.als instance as kernel objects and the references between them, the
 * way the model's counterexample picture (cli StateDot) shows a state: one
 * line per object with its count, one line per pointer a live object holds,
 * and every pointer at a freed object marked. {@link #text()} for terminals,
 * {@link #dot()} for graphviz.
 */
public final class RefsPicture {
    /** Pointer fields of live objects, with the kernel name shown for each. */
    private static final List<Tuple3<String, String, String>> POINTERS = List.of(
            Tuple.of("Prog", "attachBtf", "attach_btf"),
            Tuple.of("Prog", "mod", "aux->mod"),
            Tuple.of("Prog", "dstProg", "dst_prog"),
            Tuple.of("Prog", "dstTramp", "dst_trampoline"),
            Tuple.of("Link", "prog", "prog"),
            Tuple.of("Link", "tgtProg", "tgt_prog"),
            Tuple.of("Link", "tgtProgs", "tgt_progs[]"),
            Tuple.of("Link", "tgtBtfs", "tgt_btfs[]"),
            Tuple.of("Link", "mods", "mods[]"),
            Tuple.of("Tramp", "ext", "extension_prog"),
            Tuple.of("Tramp", "cur", "cur_image"),
            Tuple.of("Module", "ownBtf", "btf"));

    private final Instance inst;
    private final Function<String, String> name;

    /** @param name how an atom is shown ({@link #alloyName} for Alloy's own atoms) */
    public RefsPicture(Instance inst, Function<String, String> name) {
        this.inst = inst;
        this.name = name;
    }

    public static RefsPicture of(Instance inst) {
        return new RefsPicture(inst, RefsPicture::alloyName);
    }

    /** {@code Prog$0} as {@code prog 0}, {@code Vmlinux$0} as {@code vmlinux}. */
    public static String alloyName(String atom) {
        int d = atom.indexOf('$');
        String sig = d < 0 ? atom : atom.substring(0, d);
        String n = d < 0 ? "" : " " + atom.substring(d + 1);
        return switch (sig) {
            case "Vmlinux" -> "vmlinux";
            case "Tramp" -> "trampoline" + n;
            case "Prog", "Link", "Btf", "Module", "Image", "Site", "Cookie", "Entry", "Node" ->
                    sig.toLowerCase() + n;
            default -> atom;
        };
    }

    private boolean live(String atom) {
        return inst.in("Live", atom);
    }

    private String kind(String atom) {
        return inst.one("kind", atom).orElse(() -> inst.one("nkind", atom)).map(k -> k.replaceAll("\\$.*", "")
                .toLowerCase()).getOrElse("?");
    }

    private String node(String n) {
        String c = inst.one("ncookie", n).map(name).getOrElse("?");
        return kind(n) + " " + inst.one("nlink", n).map(name).getOrElse("?") + "/"
                + inst.one("nprog", n).map(name).getOrElse("?") + " (" + c + ")";
    }

    /** Every object, then every pointer a live object holds: {@code (from, field, to)}. */
    public List<Tuple3<String, String, String>> references() {
        List<Tuple3<String, String, String>> r = List.empty();
        for (var p : POINTERS) {
            for (String o : inst.atoms(p._1).filter(this::live)) {
                for (String to : inst.of(p._2, o)) {
                    r = r.append(Tuple.of(o, p._3, to));
                }
            }
        }
        for (String l : inst.atoms("Link").filter(this::live)) {
            for (String e : inst.of("entries", l)) {
                for (String t : inst.of("tramp", e)) {
                    r = r.append(Tuple.of(l, "entry (" + inst.one("ecookie", e).map(name).getOrElse("?") + ")", t));
                }
            }
        }
        for (String t : inst.atoms("Tramp").filter(this::live)) {
            for (String n : inst.of("nodes", t)) {
                r = r.append(Tuple.of(t, kind(n) + " node", inst.one("nlink", n).get()));
                r = r.append(Tuple.of(t, kind(n) + " node", inst.one("nprog", n).get()));
            }
        }
        for (String i : inst.atoms("Image").filter(this::live)) {
            for (String n : inst.of("runs", i)) {
                r = r.append(Tuple.of(i, "runs", inst.one("nprog", n).get()));
            }
        }
        for (String s : inst.atoms("Site")) {
            for (String i : inst.of("calls", s)) {
                r = r.append(Tuple.of(s, "ftrace direct call", i));
            }
        }
        return r;
    }

    /** The pointers at freed objects (NO_DANGLING's violations). */
    public List<Tuple3<String, String, String>> dangling() {
        return references().filter(t -> !inst.atoms("Site").contains(t._3) && !live(t._3));
    }

    private List<String[]> objects() {
        // freed objects nothing live points at are left out: noise, not part of the story
        java.util.Set<String> referenced = references().map(t -> name.apply(t._3)).toJavaSet();
        List<String[]> rows = List.empty();
        for (String p : inst.atoms("Prog")) {
            rows = rows.append(row(p, kind(p), "refcnt " + inst.num("pcnt", p)
                    + (inst.in("FdOpen", p) ? ", fd open" : "")));
        }
        for (String l : inst.atoms("Link")) {
            rows = rows.append(row(l, "", ""));
        }
        for (String t : inst.atoms("Tramp")) {
            rows = rows.append(row(t, "key " + inst.one("key", t).map(name).getOrElse("?"),
                    "refcnt " + inst.num("tcnt", t)
                            + inst.of("nodes", t).map(this::node).map(s -> ", " + s).mkString("")));
        }
        for (String i : inst.atoms("Image")) {
            rows = rows.append(row(i, "key " + inst.one("ikey", i).map(name).getOrElse("?"),
                    "allocations " + inst.num("icnt", i)
                            + inst.of("runs", i).map(this::node).map(s -> ", runs " + s).mkString("")));
        }
        for (String b : inst.atoms("Btf")) {
            rows = rows.append(row(b, "", "refcnt " + inst.num("bcnt", b)));
        }
        for (String m : inst.atoms("Module")) {
            rows = rows.append(new String[]{name.apply(m), "", "refcnt " + inst.num("mcnt", m),
                    live(m) ? "" : "unloaded"});
        }
        return rows.filter(r -> r[r.length - 1].isEmpty() || referenced.contains(r[0]));
    }

    private String[] row(String atom, String what, String counts) {
        return new String[]{name.apply(atom), what, counts, live(atom) ? "" : "FREED"};
    }

    /**
     * Objects (freed ones only where something points at them), then
     * references; a pointer at a freed object ends in {@code FREED (dangling)}.
     */
    public String text() {
        StringBuilder b = new StringBuilder("objects:\n");
        b.append(columns(objects(), "  "));
        b.append("references held by live objects and ftrace sites:\n");
        List<String[]> refs = references().map(t -> new String[]{name.apply(t._1), t._2, "-> " + name.apply(t._3),
                inst.atoms("Site").contains(t._3) || live(t._3) ? "" : "FREED (dangling)"});
        b.append(refs.isEmpty() ? "  none\n" : columns(refs, "  "));
        return b.toString();
    }

    /** The same as a graphviz digraph: freed objects dashed red, pointers at them red. */
    public String dot(String title) {
        StringBuilder b = new StringBuilder("digraph refs {\n  label=\"" + esc(title) + "\";\n"
                + "  node [fontname=\"monospace\", fontsize=10];\n");
        for (String[] o : objects()) {
            String id = o[0];
            boolean freed = o[3].equals("FREED") || o[3].equals("unloaded");
            b.append("  \"").append(esc(id)).append("\" [shape=box, label=\"")
                    .append(esc(id + (o[1].isEmpty() ? "" : "\\n" + o[1]) + "\\n" + o[2]
                            + (o[3].isEmpty() ? "" : "\\n" + o[3]))).append("\"")
                    .append(freed ? ", style=dashed, color=red" : "").append("];\n");
        }
        for (String s : inst.atoms("Site")) {
            b.append("  \"").append(esc(name.apply(s))).append("\" [shape=cds];\n");
        }
        for (var t : references()) {
            boolean bad = !inst.atoms("Site").contains(t._3) && !live(t._3);
            b.append("  \"").append(esc(name.apply(t._1))).append("\" -> \"").append(esc(name.apply(t._3)))
                    .append("\" [label=\"").append(esc(t._2)).append("\"").append(bad ? ", color=red" : "")
                    .append("];\n");
        }
        return b.append("}\n").toString();
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n");
    }

    /** Left-aligned columns, trailing blanks trimmed. */
    static String columns(List<String[]> rows, String indent) {
        int n = rows.map(r -> r.length).max().getOrElse(0);
        int[] w = new int[n];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < r.length; i++) {
                line.append(String.format("%-" + Math.max(1, w[i]) + "s", r[i]));
                if (i < r.length - 1) {
                    line.append("  ");
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
