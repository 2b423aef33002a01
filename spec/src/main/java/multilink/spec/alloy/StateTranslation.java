package multilink.spec.alloy;

import io.vavr.collection.List;
import multilink.model.state.Image;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.LinkEntry;
import multilink.model.state.ModuleObj;
import multilink.model.state.Prog;
import multilink.model.state.TrampKind;
import multilink.model.state.TrampNode;
import multilink.model.state.Trampoline;
import multilink.model.world.Btfs;
import multilink.model.world.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One state of the Java model as a refs.als snapshot: every object of the
 * state is an atom ({@code one sig}), every id something still names but the
 * state no longer has is a freed atom, and a fact pins every sig and field to
 * exactly what the state holds. Solving that module gives the one instance
 * that is the state; refs.als's predicates are then evaluated on it.
 *
 * <p>What the translation fixes: a freed object's count is 0 (the model drops
 * an object when its count reaches 0, so 0 is the count it was freed with);
 * images are values, one atom per distinct value, live while the state counts
 * allocations of it; a trampoline list is a set of nodes (the model's lists
 * keep an order that refs.als does not need); a link's {@code tgt_progs},
 * {@code tgt_btfs} and {@code mods} are sets (seed 001's ptr_arrays hold each
 * once; a list with a repeat is reported, not translated).
 */
public final class StateTranslation {
    private final KState s;
    private final Map<String, String> legend = new LinkedHashMap<>();
    // atoms by sig, in declaration order
    private final Map<Integer, String> progs = new TreeMap<>();
    private final Map<Integer, String> links = new TreeMap<>();
    private final Map<String, String> btfs = new TreeMap<>();
    private final Map<String, String> modules = new TreeMap<>();
    private final Map<Target, String> tramps = new TreeMap<>();
    private final Map<Target, String> sites = new TreeMap<>();
    private final Map<Image, String> images = new LinkedHashMap<>();
    private final Map<String, String> nodes = new LinkedHashMap<>();
    private final Map<Long, String> cookies = new TreeMap<>();
    private final List<String> entries;
    private final Set<String> live = new TreeSet<>();
    /** Counted references (REF_* holders) at freed objects, per invariant id: what Java's REF_* leave to NO_DANGLING. */
    private final Set<String> freedHeld = new TreeSet<>();
    private boolean moduleBtfFreed;

    private StateTranslation(KState s) {
        this.s = s;
        btf(Btfs.VMLINUX);
        for (Prog p : s.progList()) {
            prog(p.id());
        }
        for (Link l : s.linkList()) {
            link(l.id());
        }
        for (String b : s.btfs().keySet()) {
            btf(b);
        }
        for (ModuleObj m : s.moduleList()) {
            moduleAtom(m.name());
        }
        for (Trampoline t : s.trampolineList()) {
            tramp(t.key());
        }
        s.images().keySet().toList().sortBy(Image::toString).forEach(this::image);
        List<String> es = List.empty();
        for (Link l : s.linkList()) {
            for (int i = 0; i < l.entries().size(); i++) {
                es = es.append("E" + l.id() + "_" + i);
            }
        }
        entries = es;
        // everything named, so freed objects get atoms too
        for (Prog p : s.progList()) {
            p.attachBtf().forEach(this::btf);
            p.mod().forEach(this::moduleAtom);
            p.dstProg().forEach(this::prog);
            p.dstTrampoline().forEach(this::tramp);
        }
        for (Link l : s.linkList()) {
            prog(l.prog());
            l.tgtProg().forEach(this::prog);
            l.tgtProgs().forEach(this::prog);
            l.btfs().forEach(this::btf);
            l.mods().forEach(this::moduleAtom);
            l.entries().forEach(e -> {
                tramp(e.tramp());
                cookie(e.cookie());
            });
        }
        for (ModuleObj m : s.moduleList()) {
            btf(Btfs.ofModule(m.name()));
        }
        for (Trampoline t : s.trampolineList()) {
            t.extension().forEach(this::link);
            t.curImage().forEach(this::image);
            for (TrampKind k : KINDS) {
                t.list(k).forEach(n -> node(k, n));
            }
        }
        s.directCalls().forEach((site, im) -> {
            site(site);
            image(im);
        });
        // images (live or not) name the nodes they were generated from
        for (Image im : new ArrayList<>(images.keySet())) {
            site(im.tramp());
            for (TrampKind k : KINDS) {
                imageList(im, k).forEach(n -> node(k, n));
            }
        }
        live.addAll(s.progs().keySet().map(progs::get).toJavaList());
        live.addAll(s.links().keySet().map(links::get).toJavaList());
        live.addAll(s.btfs().keySet().map(btfs::get).toJavaList());
        live.addAll(s.moduleList().filter(ModuleObj::live).map(m -> modules.get(m.name())).toJavaList());
        live.addAll(s.trampolines().keySet().map(tramps::get).toJavaList());
        live.addAll(s.images().keySet().map(images::get).toJavaList());
        heldButFreed();
    }

    private static final List<TrampKind> KINDS = List.of(TrampKind.FENTRY, TrampKind.FEXIT, TrampKind.MODIFY_RETURN);

    public static StateTranslation of(KState s) {
        return new StateTranslation(s);
    }

    private static List<TrampNode> imageList(Image im, TrampKind k) {
        return switch (k) {
            case FENTRY -> im.fentry();
            case FEXIT -> im.fexit();
            default -> im.fmodRet();
        };
    }

    private String prog(int id) {
        return progs.computeIfAbsent(id, i -> name("P" + i, "prog " + i));
    }

    private String link(int id) {
        return links.computeIfAbsent(id, i -> name("L" + i, "link " + i));
    }

    private String btf(String b) {
        return btfs.computeIfAbsent(b, x -> x.equals(Btfs.VMLINUX) ? name("Vmlinux", "vmlinux")
                : name("B" + (btfs.size() + 1), b));
    }

    private String moduleAtom(String m) {
        return modules.computeIfAbsent(m, x -> name("M" + (modules.size() + 1), "module " + m));
    }

    private String tramp(Target t) {
        site(t);
        return tramps.computeIfAbsent(t, x -> name("T" + (tramps.size() + 1), "trampoline " + t));
    }

    private String site(Target t) {
        return sites.computeIfAbsent(t, x -> name("S" + (sites.size() + 1), "site " + t));
    }

    private String image(Image im) {
        return images.computeIfAbsent(im, x -> name("I" + (images.size() + 1), "image " + (images.size() + 1)));
    }

    private String cookie(long c) {
        return cookies.computeIfAbsent(c, x -> name("C" + (cookies.size() + 1), "cookie " + c));
    }

    private String node(TrampKind k, TrampNode n) {
        String value = k + "/" + n.link() + "/" + n.prog() + "/" + n.cookie();
        String atom = nodes.get(value);
        if (atom == null) {
            link(n.link());
            prog(n.prog());
            cookie(n.cookie());
            atom = name("N" + (nodes.size() + 1), k.toString().toLowerCase() + " " + n);
            nodes.put(value, atom);
        }
        return atom;
    }

    private String name(String atom, String shown) {
        legend.put(atom, shown);
        return atom;
    }

    private void heldButFreed() {
        for (Prog p : s.progList()) {
            p.dstProg().filter(d -> !s.progs().containsKey(d)).forEach(d -> freedHeld.add("REF_PROG"));
            p.attachBtf().filter(b -> !s.btfs().containsKey(b)).forEach(b -> freedHeld.add("REF_BTF"));
            p.dstTrampoline().filter(t -> !s.trampolines().containsKey(t)).forEach(t -> freedHeld.add("REF_TRAMPOLINE"));
        }
        for (Link l : s.linkList()) {
            l.tgtProg().toList().appendAll(l.tgtProgs()).append(l.prog()).filter(d -> !s.progs().containsKey(d))
                    .forEach(d -> freedHeld.add("REF_PROG"));
            l.btfs().filter(b -> !s.btfs().containsKey(b)).forEach(b -> freedHeld.add("REF_BTF"));
            l.entries().filter(e -> !s.trampolines().containsKey(e.tramp()))
                    .forEach(e -> freedHeld.add("REF_TRAMPOLINE"));
        }
        for (ModuleObj m : s.moduleList()) {
            if (m.live() && !s.btfs().containsKey(Btfs.ofModule(m.name()))) {
                freedHeld.add("REF_BTF");
                moduleBtfFreed = true;
            }
        }
        for (Trampoline t : s.trampolineList()) {
            if (t.curImage().exists(im -> !s.images().containsKey(im))) {
                freedHeld.add("IMAGE_OWNED");
            }
        }
    }

    /**
     * The REF_* and IMAGE_OWNED invariants whose refs.als form fails only
     * because a live holder names a freed object: refs.als counts holders of
     * freed objects too (their count is 0), the model's REF_* skip freed
     * objects and NO_DANGLING reports them.
     */
    public Set<String> heldWhileFreed() {
        return freedHeld;
    }

    /**
     * A loaded module whose own BTF is freed: refs.als's NO_DANGLING counts
     * that pointer, the model's does not look at it.
     */
    public boolean moduleBtfFreed() {
        return moduleBtfFreed;
    }

    /** What an atom of the translated instance stands for: {@code P3$0} is {@code prog 3}. */
    public String shown(String alloyAtom) {
        String a = alloyAtom.replaceAll("\\$\\d+$", "");
        String n = legend.get(a);
        return n == null ? RefsPicture.alloyName(alloyAtom) : n;
    }

    /** A refs.als list (set) that repeats an element cannot be translated faithfully. */
    public List<String> untranslatable() {
        List<String> bad = List.empty();
        for (Link l : s.linkList()) {
            if (l.tgtProgs().distinct().size() != l.tgtProgs().size() || l.btfs().distinct().size() != l.btfs().size()
                    || l.mods().distinct().size() != l.mods().size()) {
                bad = bad.append("link " + l.id() + " repeats an element of tgt_progs, tgt_btfs or mods");
            }
        }
        return bad;
    }

    // ---- the Alloy text ----

    private static String set(java.util.Collection<String> atoms) {
        return atoms.isEmpty() ? "none" : String.join(" + ", atoms);
    }

    private static String rel(java.util.List<String> pairs) {
        return pairs.isEmpty() ? "none -> none" : String.join(" + ", pairs);
    }

    private static String pair(String a, String b) {
        return a + " -> " + b;
    }

    private static String kindOf(TrampKind k) {
        return switch (k) {
            case FENTRY -> "FENTRY";
            case FEXIT -> "FEXIT";
            case MODIFY_RETURN -> "MODIFY_RETURN";
            case REPLACE -> "REPLACE";
            case NONE -> "NONE";
        };
    }

    /** The largest integer the instance needs: counts, and every holder count refs.als computes. */
    private int maxInt() {
        int m = 1 + progs.size() + links.size() * 3 + entries.size() + tramps.size() + modules.size();
        for (Prog p : s.progList()) {
            m = Math.max(m, p.refcnt());
        }
        for (Trampoline t : s.trampolineList()) {
            m = Math.max(m, t.refcnt());
        }
        for (int c : s.btfs().values()) {
            m = Math.max(m, c);
        }
        for (ModuleObj mo : s.moduleList()) {
            m = Math.max(m, mo.refcnt());
        }
        for (int c : s.images().values()) {
            m = Math.max(m, c);
        }
        return m;
    }

    /** Bits for Alloy's Int so that every count fits (and no sum of holders wraps). */
    int bitwidth() {
        int bits = 1;
        while ((1 << (bits - 1)) - 1 < maxInt()) {
            bits++;
        }
        return Math.max(4, bits);
    }

    /** refs.als's sigs and predicates, without its commands, with this state pinned, and one run command. */
    public String module(String refsSource) {
        StringBuilder b = new StringBuilder(withoutCommands(refsSource));
        b.append("\n-- the state ----------------------------------------------------------------\n");
        declare(b, "Prog", progs.values());
        declare(b, "Link", links.values());
        declare(b, "Btf", btfs.values().stream().filter(a -> !a.equals("Vmlinux")).toList());
        declare(b, "Module", modules.values());
        declare(b, "Tramp", tramps.values());
        declare(b, "Site", sites.values());
        declare(b, "Image", images.values());
        declare(b, "Node", nodes.values());
        declare(b, "Cookie", cookies.values());
        declare(b, "Entry", entries.asJava());
        b.append("fact state {\n");
        line(b, "Prog = " + set(progs.values()));
        line(b, "Link = " + set(links.values()));
        line(b, "Btf = " + set(btfs.values()));
        line(b, "Module = " + set(modules.values()));
        line(b, "Tramp = " + set(tramps.values()));
        line(b, "Site = " + set(sites.values()));
        line(b, "Image = " + set(images.values()));
        line(b, "Node = " + set(nodes.values()));
        line(b, "Cookie = " + set(cookies.values()));
        line(b, "Entry = " + set(entries.asJava()));
        line(b, "Live = " + set(live));
        line(b, "FdOpen = " + set(s.progList().filter(Prog::fdOpen).map(p -> progs.get(p.id())).asJava()));
        progFields(b);
        linkFields(b);
        trampFields(b);
        java.util.List<String> bcnt = new ArrayList<>();
        btfs.forEach((name, atom) -> bcnt.add(pair(atom, String.valueOf(s.btfs().get(name).getOrElse(0)))));
        line(b, "bcnt = " + rel(bcnt));
        java.util.List<String> mcnt = new ArrayList<>();
        java.util.List<String> own = new ArrayList<>();
        modules.forEach((name, atom) -> {
            mcnt.add(pair(atom, String.valueOf(s.modules().get(name).map(ModuleObj::refcnt).getOrElse(0))));
            own.add(pair(atom, btfs.get(Btfs.ofModule(name))));
        });
        line(b, "mcnt = " + rel(mcnt));
        line(b, "ownBtf = " + rel(own));
        java.util.List<String> calls = new ArrayList<>();
        s.directCalls().forEach((site, im) -> calls.add(pair(sites.get(site), images.get(im))));
        line(b, "calls = " + rel(calls));
        imageFields(b);
        nodeFields(b);
        b.append("}\n");
        b.append("run state {} for ").append(Math.max(1, maxAtoms())).append(" but ").append(bitwidth())
                .append(" Int\n");
        return b.toString();
    }

    private int maxAtoms() {
        return List.of(progs.size(), links.size(), btfs.size(), modules.size(), tramps.size(), sites.size(),
                images.size(), nodes.size(), cookies.size(), entries.size()).max().get();
    }

    private static void declare(StringBuilder b, String sig, java.util.Collection<String> atoms) {
        if (!atoms.isEmpty()) {
            b.append("one sig ").append(String.join(", ", atoms)).append(" extends ").append(sig).append(" {}\n");
        }
    }

    private static void line(StringBuilder b, String l) {
        b.append("  ").append(l).append('\n');
    }

    private void progFields(StringBuilder b) {
        java.util.List<String> cnt = new ArrayList<>();
        java.util.List<String> kind = new ArrayList<>();
        java.util.List<String> abtf = new ArrayList<>();
        java.util.List<String> mod = new ArrayList<>();
        java.util.List<String> dp = new ArrayList<>();
        java.util.List<String> dt = new ArrayList<>();
        progs.forEach((id, atom) -> {
            var p = s.progs().get(id);
            cnt.add(pair(atom, String.valueOf(p.map(Prog::refcnt).getOrElse(0))));
            // a freed prog's type is gone with it; the nodes that name it keep their list's kind
            kind.add(pair(atom, kindOf(p.map(x -> x.type().kind()).getOrElse(TrampKind.NONE))));
            if (p.isDefined()) {
                p.get().attachBtf().forEach(x -> abtf.add(pair(atom, btfs.get(x))));
                p.get().mod().forEach(x -> mod.add(pair(atom, modules.get(x))));
                p.get().dstProg().forEach(x -> dp.add(pair(atom, progs.get(x))));
                p.get().dstTrampoline().forEach(x -> dt.add(pair(atom, tramps.get(x))));
            }
        });
        line(b, "pcnt = " + rel(cnt));
        line(b, "kind = " + rel(kind));
        line(b, "attachBtf = " + rel(abtf));
        line(b, "mod = " + rel(mod));
        line(b, "dstProg = " + rel(dp));
        line(b, "dstTramp = " + rel(dt));
    }

    private void linkFields(StringBuilder b) {
        java.util.List<String> prog = new ArrayList<>();
        java.util.List<String> tp = new ArrayList<>();
        java.util.List<String> tps = new ArrayList<>();
        java.util.List<String> tb = new ArrayList<>();
        java.util.List<String> ms = new ArrayList<>();
        java.util.List<String> es = new ArrayList<>();
        java.util.List<String> tr = new ArrayList<>();
        java.util.List<String> ec = new ArrayList<>();
        for (Link l : s.linkList()) {
            String a = links.get(l.id());
            prog.add(pair(a, progs.get(l.prog())));
            l.tgtProg().forEach(x -> tp.add(pair(a, progs.get(x))));
            new LinkedHashSet<>(l.tgtProgs().asJava()).forEach(x -> tps.add(pair(a, progs.get(x))));
            new LinkedHashSet<>(l.btfs().asJava()).forEach(x -> tb.add(pair(a, btfs.get(x))));
            new LinkedHashSet<>(l.mods().asJava()).forEach(x -> ms.add(pair(a, modules.get(x))));
            int i = 0;
            for (LinkEntry e : l.entries()) {
                String ea = "E" + l.id() + "_" + i++;
                es.add(pair(a, ea));
                tr.add(pair(ea, tramps.get(e.tramp())));
                ec.add(pair(ea, cookies.get(e.cookie())));
            }
        }
        line(b, "prog = " + rel(prog));
        line(b, "tgtProg = " + rel(tp));
        line(b, "tgtProgs = " + rel(tps));
        line(b, "tgtBtfs = " + rel(tb));
        line(b, "mods = " + rel(ms));
        line(b, "entries = " + rel(es));
        line(b, "tramp = " + rel(tr));
        line(b, "ecookie = " + rel(ec));
    }

    private void trampFields(StringBuilder b) {
        java.util.List<String> cnt = new ArrayList<>();
        java.util.List<String> key = new ArrayList<>();
        java.util.List<String> ns = new ArrayList<>();
        java.util.List<String> ext = new ArrayList<>();
        java.util.List<String> cur = new ArrayList<>();
        tramps.forEach((t, atom) -> {
            key.add(pair(atom, sites.get(t)));
            var o = s.trampolines().get(t);
            cnt.add(pair(atom, String.valueOf(o.map(Trampoline::refcnt).getOrElse(0))));
            if (o.isDefined()) {
                Trampoline tr = o.get();
                for (TrampKind k : KINDS) {
                    tr.list(k).forEach(n -> ns.add(pair(atom, node(k, n))));
                }
                tr.extension().forEach(x -> ext.add(pair(atom, links.get(x))));
                tr.curImage().forEach(x -> cur.add(pair(atom, images.get(x))));
            }
        });
        line(b, "tcnt = " + rel(cnt));
        line(b, "key = " + rel(key));
        line(b, "nodes = " + rel(new ArrayList<>(new LinkedHashSet<>(ns))));
        line(b, "ext = " + rel(ext));
        line(b, "cur = " + rel(cur));
    }

    private void imageFields(StringBuilder b) {
        java.util.List<String> cnt = new ArrayList<>();
        java.util.List<String> key = new ArrayList<>();
        java.util.Set<String> runs = new LinkedHashSet<>();
        images.forEach((im, atom) -> {
            cnt.add(pair(atom, String.valueOf(s.images().get(im).getOrElse(0))));
            key.add(pair(atom, sites.get(im.tramp())));
            for (TrampKind k : KINDS) {
                imageList(im, k).forEach(n -> runs.add(pair(atom, node(k, n))));
            }
        });
        line(b, "icnt = " + rel(cnt));
        line(b, "ikey = " + rel(key));
        line(b, "runs = " + rel(new ArrayList<>(runs)));
    }

    private void nodeFields(StringBuilder b) {
        java.util.List<String> kind = new ArrayList<>();
        java.util.List<String> nl = new ArrayList<>();
        java.util.List<String> np = new ArrayList<>();
        java.util.List<String> nc = new ArrayList<>();
        nodes.forEach((value, atom) -> {
            String[] v = value.split("/");
            kind.add(pair(atom, kindOf(TrampKind.valueOf(v[0]))));
            nl.add(pair(atom, links.get(Integer.parseInt(v[1]))));
            np.add(pair(atom, progs.get(Integer.parseInt(v[2]))));
            nc.add(pair(atom, cookies.get(Long.parseLong(v[3]))));
        });
        line(b, "nkind = " + rel(kind));
        line(b, "nlink = " + rel(nl));
        line(b, "nprog = " + rel(np));
        line(b, "ncookie = " + rel(nc));
    }

    /** refs.als up to its commands (everything from the line {@code -- commands} on is dropped). */
    static String withoutCommands(String source) {
        int at = source.indexOf("\n-- commands");
        return at < 0 ? source : source.substring(0, at + 1);
    }
}
