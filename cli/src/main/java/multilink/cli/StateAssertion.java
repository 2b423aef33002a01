package multilink.cli;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.LinkEntry;
import multilink.model.state.TrampKind;
import multilink.model.state.TrampNode;
import multilink.model.state.Trampoline;
import multilink.model.world.Target;

/**
 * What a scenario step states about the kernel after it ran (its
 * {@code "assert"} field), each part compared with the model's state:
 *
 * @param trampolines per trampoline (a function, or {@code prog:subprog}) and kind
 *                    ({@code fentry}, {@code fexit}, {@code fmod_ret}): the progs on
 *                    that list, head first as {@code progs_hlist} runs them, each
 *                    {@code name} or {@code name#cookie}; none for "no such trampoline"
 * @param refcnt      by {@code "prog NAME"}, {@code "btf NAME"}, {@code "module NAME"},
 *                    {@code "trampoline TARGET"}: the reference count (0 where freed)
 * @param directCalls the traced sites whose entry calls a trampoline image (ftrace
 *                    direct calls and poked calls), in any order
 * @param linkInfo    by link name: what {@code bpf_link_get_info_by_fd} reports for it,
 *                    its prog and its targets in the link's order, each
 *                    {@code target} or {@code target#cookie}; none for "no such link"
 */
public record StateAssertion(Map<String, Option<Map<String, List<String>>>> trampolines, Map<String, Integer> refcnt,
                             Option<List<String>> directCalls, Map<String, Option<LinkInfo>> linkInfo) {

    /** A link as {@code bpf_link_get_info_by_fd} shows it. */
    public record LinkInfo(Option<String> prog, List<String> targets) {
    }

    /** How the replay names things at the step: names to ids and back. */
    public interface Names {
        Option<Integer> prog(String name);

        Option<Integer> link(String name);

        Target target(String name);

        /** The name a prog id goes by in the file, or "prog N". */
        String progName(int id);

        /** A target as the file writes it. */
        String targetName(Target t);
    }

    /** One line per difference, each naming the object, the expected and the actual value. */
    public List<String> check(KState s, Names n) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (var e : trampolines) {
            Target key = n.target(e._1);
            Option<Trampoline> tr = s.trampolines().get(key);
            if (e._2.isEmpty()) {
                if (tr.isDefined()) {
                    out.add("trampoline " + e._1 + ": expected none, got one (refcnt " + tr.get().refcnt() + ")");
                }
                continue;
            }
            if (tr.isEmpty()) {
                out.add("trampoline " + e._1 + ": expected one, got none");
                continue;
            }
            for (var k : e._2.get()) {
                List<String> got = tr.get().list(kind(k._1)).map(node -> node(node, n));
                if (!got.equals(k._2)) {
                    out.add("trampoline " + e._1 + " " + k._1 + ": expected " + show(k._2) + ", got " + show(got));
                }
            }
        }
        for (var e : refcnt) {
            int got = refcnt(s, n, e._1);
            if (got != e._2) {
                out.add("refcnt of " + e._1 + ": expected " + e._2 + ", got " + got);
            }
        }
        for (List<String> want : directCalls) {
            List<String> got = s.directCalls().keySet().toList().map(n::targetName).sorted();
            if (!got.equals(want.sorted())) {
                out.add("direct calls: expected " + show(want.sorted()) + ", got " + show(got));
            }
        }
        for (var e : linkInfo) {
            Option<Link> l = n.link(e._1).flatMap(id -> s.links().get(id));
            if (e._2.isEmpty() || l.isEmpty()) {
                if (e._2.isDefined() != l.isDefined()) {
                    out.add("link " + e._1 + ": expected " + (e._2.isEmpty() ? "none" : "a link") + ", got "
                            + (l.isEmpty() ? "none" : "link " + l.get().id()));
                }
                continue;
            }
            LinkInfo want = e._2.get();
            String prog = n.progName(l.get().prog());
            if (want.prog().exists(p -> !p.equals(prog))) {
                out.add("link " + e._1 + " prog: expected " + want.prog().get() + ", got " + prog);
            }
            List<String> got = l.get().entries().map(x -> entry(x, n));
            if (!got.equals(want.targets())) {
                out.add("link " + e._1 + " targets: expected " + show(want.targets()) + ", got " + show(got));
            }
        }
        return List.ofAll(out);
    }

    static TrampKind kind(String k) {
        return switch (k) {
            case "fentry" -> TrampKind.FENTRY;
            case "fexit" -> TrampKind.FEXIT;
            default -> TrampKind.MODIFY_RETURN;
        };
    }

    /** The kinds a trampoline assertion may name. */
    static final List<String> KINDS = List.of("fentry", "fexit", "fmod_ret");

    /** The object kinds a refcnt key may name. */
    static final List<String> REF_KINDS = List.of("prog", "btf", "module", "trampoline");

    private static int refcnt(KState s, Names n, String key) {
        int sp = key.indexOf(' ');
        String kind = key.substring(0, sp);
        String name = key.substring(sp + 1);
        return switch (kind) {
            case "prog" -> n.prog(name).flatMap(id -> s.progs().get(id)).map(p -> p.refcnt()).getOrElse(0);
            case "btf" -> s.btfs().get(name).getOrElse(0);
            case "module" -> s.modules().get(name).map(m -> m.refcnt()).getOrElse(0);
            default -> s.trampolines().get(n.target(name)).map(Trampoline::refcnt).getOrElse(0);
        };
    }

    private static String node(TrampNode node, Names n) {
        return n.progName(node.prog()) + (node.cookie() != 0 ? "#" + node.cookie() : "");
    }

    private static String entry(LinkEntry e, Names n) {
        return n.targetName(e.tramp()) + (e.cookie() != 0 ? "#" + e.cookie() : "");
    }

    private static String show(List<String> l) {
        return "[" + l.mkString(", ") + "]";
    }

    /** The names this assertion refers to, for the resolver's checks. */
    public List<String> targetRefs() {
        return trampolines.keySet().toList().appendAll(refcnt.keySet().toList()
                .filter(k -> k.startsWith("trampoline ")).map(k -> k.substring("trampoline ".length())));
    }

    public List<String> progRefs() {
        return refcnt.keySet().toList().filter(k -> k.startsWith("prog ")).map(k -> k.substring("prog ".length()));
    }

    public List<String> linkRefs() {
        return linkInfo.keySet().toList();
    }
}
