package multilink.cli;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import multilink.model.invariant.Violation;
import multilink.model.state.DesignObjects;
import multilink.model.state.Image;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.LinkEntry;
import multilink.model.state.ModuleObj;
import multilink.model.state.Prog;
import multilink.model.state.TrampNode;
import multilink.model.state.Trampoline;
import multilink.model.world.Btfs;

/**
 * The kernel objects of one state and the references between them, as a
 * graphviz digraph: progs, links, trampolines, images, BTFs, modules and
 * ftrace sites are nodes; every counted or pointed-to reference is an edge.
 * A reference to an object that is gone points at a dashed red "freed" node,
 * the objects a violation names are filled red, objects unrelated to the
 * violation are grey, and a legend reads the image labels.
 */
public final class StateDot {
    private StateDot() {
    }

    public static String render(KState s, List<Violation> violations, String title) {
        Graph g = new Graph(violations);
        for (Prog p : s.progs().values()) {
            g.node(prog(p.id()), "box", p.type() + " refcnt=" + p.refcnt() + (p.fdOpen() ? " fd" : ""));
        }
        for (Link l : s.links().values()) {
            g.node(link(l.id()), "box3d", l.type().toString());
        }
        for (Trampoline t : s.trampolines().values()) {
            g.node(tramp(t), "component", "refcnt=" + t.refcnt() + " progs=" + t.progCount());
        }
        for (var e : s.images()) {
            g.node(e._1.toString(), "note", "allocations=" + e._2);
        }
        for (var b : s.btfs()) {
            g.node(b._1, "ellipse", "refcnt=" + b._2);
        }
        for (ModuleObj m : s.modules().values()) {
            g.node("module " + m.name(), "folder", "refcnt=" + m.refcnt() + (m.live() ? "" : " going"));
        }
        for (var d : s.directCalls()) {
            g.node("site " + d._1, "cds", "ftrace direct call");
        }
        if (!s.designObjects().equals(DesignObjects.NONE)) {
            // a design's own objects, as the spec holds them: no design-specific drawing needed
            g.node("design objects", "note", s.designObjects().tla());
        }
        edges(s, g);
        return g.render(title);
    }

    private static void edges(KState s, Graph g) {
        for (Link l : s.links().values()) {
            String from = link(l.id());
            g.edge(from, prog(l.prog()), "prog", s.progs().containsKey(l.prog()));
            for (Integer t : l.tgtProg().toList().appendAll(l.tgtProgs())) {
                g.edge(from, prog(t), "tgt_prog", s.progs().containsKey(t));
            }
            for (LinkEntry e : l.entries()) {
                g.edge(from, "trampoline " + e.tramp(), "entry" + (e.cookie() != 0 ? " #" + e.cookie() : ""),
                        s.trampolines().containsKey(e.tramp()));
            }
            l.btfs().forEach(b -> g.edge(from, b, "tgt_btf", s.btfs().containsKey(b)));
            l.mods().forEach(m -> g.edge(from, "module " + m, "mod", s.modules().containsKey(m)));
        }
        for (Prog p : s.progs().values()) {
            String from = prog(p.id());
            p.attachBtf().forEach(b -> g.edge(from, b, "attach_btf", s.btfs().containsKey(b)));
            p.mod().forEach(m -> g.edge(from, "module " + m, "aux->mod", s.modules().containsKey(m)));
            p.dstProg().forEach(d -> g.edge(from, prog(d), "dst_prog", s.progs().containsKey(d)));
            p.dstTrampoline().forEach(t -> g.edge(from, "trampoline " + t, "dst_trampoline",
                    s.trampolines().containsKey(t)));
        }
        for (Trampoline t : s.trampolines().values()) {
            String from = tramp(t);
            for (TrampNode n : t.allNodes()) {
                g.edge(from, link(n.link()), "node " + n, s.links().containsKey(n.link()));
            }
            t.extension().forEach(x -> g.edge(from, link(x), "extension_prog", s.links().containsKey(x)));
            t.curImage().forEach(im -> g.edge(from, im.toString(), "cur_image", s.images().containsKey(im)));
        }
        for (Image im : s.images().keySet()) {
            for (Integer p : TreeSet.ofAll(im.fentry().appendAll(im.fexit()).appendAll(im.fmodRet()).map(TrampNode::prog))) {
                g.edge(im.toString(), prog(p), "calls", s.progs().containsKey(p));
            }
        }
        for (var d : s.directCalls()) {
            g.edge("site " + d._1, d._2.toString(), "calls", s.images().containsKey(d._2));
        }
        for (ModuleObj m : s.modules().values().filter(ModuleObj::live)) {
            g.edge("module " + m.name(), Btfs.ofModule(m.name()), "owns", s.btfs().containsKey(Btfs.ofModule(m.name())));
        }
    }

    private static String prog(int id) {
        return "prog " + id;
    }

    private static String link(int id) {
        return "link " + id;
    }

    private static String tramp(Trampoline t) {
        return "trampoline " + t.key();
    }

    /**
     * Collects nodes and edges, then renders: the objects a violation names
     * are filled red, freed objects still referenced are dashed red nodes,
     * the objects one reference away from either are drawn as usual, and
     * everything else is grey, so the picture shows the bug first; a legend
     * says how to read it. Node names are the strings violations use.
     */
    private static final class Graph {
        private record Node(String name, String shape, String detail) {
        }

        private record Edge(String from, String to, String label, boolean alive) {
        }

        private final List<Violation> violations;
        private List<Node> nodes = List.empty();
        private List<Edge> edges = List.empty();

        Graph(List<Violation> violations) {
            this.violations = violations;
        }

        void node(String name, String shape, String detail) {
            nodes = nodes.append(new Node(name, shape, detail));
        }

        void edge(String from, String to, String label, boolean alive) {
            edges = edges.append(new Edge(from, to, label, alive));
        }

        private boolean hit(String name) {
            return violations.exists(v -> names(v.object(), name));
        }

        String render(String title) {
            Set<String> names = TreeSet.ofAll(nodes.map(Node::name));
            Set<String> freed = TreeSet.ofAll(edges.filter(e -> !e.alive()).map(Edge::to)).removeAll(names);
            Set<String> focus = TreeSet.ofAll(names.filter(this::hit)).addAll(freed);
            // everything one reference away from what the violation is about takes part in the story
            Set<String> related = focus.addAll(edges.filter(e -> focus.contains(e.from()) || focus.contains(e.to()))
                    .flatMap(e -> List.of(e.from(), e.to())));
            boolean grey = !focus.isEmpty();
            StringBuilder b = new StringBuilder("digraph state {\n  rankdir=LR;\n  labelloc=t;\n  label=")
                    .append(q(title)).append(";\n  node [fontname=\"monospace\", fontsize=10];\n"
                            + "  edge [fontname=\"monospace\", fontsize=9];\n");
            for (Node n : nodes) {
                String style = hit(n.name()) ? ", style=filled, fillcolor=\"#ff8080\", penwidth=2"
                        : grey && !related.contains(n.name()) ? GREY : "";
                b.append("  ").append(q(n.name())).append(" [shape=").append(n.shape()).append(", label=")
                        .append(q(n.name() + "\\n" + n.detail())).append(style).append("];\n");
            }
            for (String f : freed) {
                b.append("  ").append(q(f)).append(" [shape=box, style=\"dashed,filled\", fillcolor=\"#ffd0d0\", "
                        + "color=red, label=").append(q(f + "\\n(freed, still referenced)")).append("];\n");
            }
            for (Edge e : edges) {
                String style = !e.alive() ? ", color=red, fontcolor=red, style=dashed"
                        : grey && !(related.contains(e.from()) && related.contains(e.to())) ? GREY : "";
                b.append("  ").append(q(e.from())).append(" -> ").append(q(e.to())).append(" [label=")
                        .append(q(e.label())).append(style).append("];\n");
            }
            return b.append(LEGEND).append("}\n").toString();
        }

        private static final String GREY = ", color=gray70, fontcolor=gray60";

        private static final String LEGEND = "  subgraph cluster_legend {\n    label=\"how to read this\";\n"
                + "    fontsize=9;\n    color=gray70;\n    legend [shape=plaintext, fontsize=9, label="
                + q("img(T:A|B|C): the trampoline image generated for trampoline T; A, B, C are its fentry, fexit "
                + "and fmod_ret lists in call order,\\neach entry Lx/py#c = the node of link x running prog y "
                + "with cookie c\\nred fill: an object the violation names; dashed red: freed but still "
                + "referenced;\\ngrey: not related to the violation; edges: references (refcounted or pointers)")
                + "];\n  }\n";

        /** A violation's object names a node if it is the node or starts with it ("link 3 entry ..."). */
        private static boolean names(String object, String node) {
            String o = object.startsWith("ftrace ") ? object.substring("ftrace ".length()) : object;
            return o.equals(node) || o.startsWith(node + " ");
        }

        private static String q(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n") + "\"";
        }
    }
}
