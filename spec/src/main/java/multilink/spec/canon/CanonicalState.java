package multilink.spec.canon;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import multilink.model.state.DesignObjects;
import multilink.model.state.Image;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.LinkEntry;
import multilink.model.state.Prog;
import multilink.model.state.TrampNode;
import multilink.model.state.Trampoline;
import multilink.model.world.Target;
import multilink.model.world.World;
import multilink.spec.tla.TlaParser;
import multilink.spec.tla.TlaValue;

import static multilink.spec.tla.TlaValue.bool;
import static multilink.spec.tla.TlaValue.num;
import static multilink.spec.tla.TlaValue.rec;
import static multilink.spec.tla.TlaValue.seq;
import static multilink.spec.tla.TlaValue.set;
import static multilink.spec.tla.TlaValue.str;

/**
 * The canonical form both sides of the conformance checks are compared in: a
 * Java {@link KState} written as the values of the spec's variables (see
 * spec/README.md, "Canonical form"). Options become sets of at most one
 * element, lists sequences, maps functions; a WARN is reduced to its kind,
 * because the spec does not build the kernel's message text.
 */
public final class CanonicalState {
    /** The spec's kernel variables, in the order the README lists them. */
    public static final List<String> VARIABLES = List.of("progs", "links", "tramps", "images", "direct", "btfs",
            "modules", "warnings", "dobjects");

    private CanonicalState() {
    }

    public static TreeMap<String, TlaValue> of(KState s) {
        return TreeMap.of(
                "progs", fn(s.progs().mapValues(CanonicalState::prog).mapKeys(TlaValue::num)),
                "links", fn(s.links().mapValues(CanonicalState::link).mapKeys(TlaValue::num)),
                "tramps", fn(s.trampolines().mapValues(t -> tramp(t, s.world())).mapKeys(CanonicalState::target)),
                "images", fn(s.images().mapKeys(CanonicalState::image).mapValues(TlaValue::num)),
                "direct", fn(s.directCalls().mapKeys(CanonicalState::target).mapValues(CanonicalState::image)),
                "btfs", fn(s.btfs().mapKeys(TlaValue::str).mapValues(TlaValue::num)),
                "modules", fn(s.modules().mapKeys(TlaValue::str)
                        .mapValues(m -> rec("refcnt", num(m.refcnt()), "live", bool(m.live())))),
                "warnings", set(s.warnings().map(w -> str(w.kind().name()))),
                "dobjects", designObjects(s.designObjects()));
    }

    /**
     * The design's own objects, read as TLC would print them: the design
     * writes them in TLA+ ({@link DesignObjects#tla()}), so this class needs
     * to know no design.
     */
    static TlaValue designObjects(DesignObjects d) {
        return TlaParser.parse(d.tla()).getOrElseThrow(why -> new IllegalStateException(
                d.getClass().getSimpleName() + ".tla() is no TLA+ value: " + why));
    }

    /** One line per variable: the text the graphs are compared by. */
    public static String key(TreeMap<String, TlaValue> vars) {
        return VARIABLES.map(v -> v + " = " + vars.get(v).map(TlaValue::render).getOrElse("?")).mkString("\n");
    }

    public static String key(KState s) {
        return key(of(s));
    }

    private static TlaValue fn(io.vavr.collection.Map<? extends TlaValue, ? extends TlaValue> m) {
        return TlaValue.fn(m);
    }

    public static TlaValue target(Target t) {
        return str(t.toString());
    }

    private static <T> TlaValue opt(Option<T> o, java.util.function.Function<T, TlaValue> f) {
        return set(o.map(f).toList());
    }

    private static TlaValue prog(Prog p) {
        return rec("type", str(p.type().scenarioName()), "target", opt(p.attachTarget(), CanonicalState::target),
                "sleepable", bool(p.sleepable()), "fd", bool(p.fdOpen()), "refcnt", num(p.refcnt()),
                "btf", opt(p.attachBtf(), TlaValue::str), "mod", opt(p.mod(), TlaValue::str),
                "dstProg", opt(p.dstProg(), i -> num(i)), "dstTramp", opt(p.dstTrampoline(), CanonicalState::target));
    }

    private static TlaValue link(Link l) {
        return rec("type", str(l.type().name().toLowerCase()), "prog", num(l.prog()),
                "entries", seq(l.entries().map(CanonicalState::entry)), "tgtProg", opt(l.tgtProg(), i -> num(i)),
                "tgtProgs", seq(l.tgtProgs().map(TlaValue::num)), "btfs", seq(l.btfs().map(TlaValue::str)),
                "mods", seq(l.mods().map(TlaValue::str)));
    }

    private static TlaValue entry(LinkEntry e) {
        return rec("tramp", target(e.tramp()), "cookie", num(e.cookie()));
    }

    private static TlaValue node(TrampNode n) {
        return rec("link", num(n.link()), "prog", num(n.prog()), "cookie", num(n.cookie()));
    }

    private static TlaValue nodes(List<TrampNode> ns) {
        return seq(ns.map(CanonicalState::node));
    }

    public static TlaValue image(Image im) {
        return rec("tramp", target(im.tramp()), "fentry", nodes(im.fentry()), "fexit", nodes(im.fexit()),
                "fmodRet", nodes(im.fmodRet()));
    }

    /**
     * The spec keeps {@code ftrace_managed} (its field {@code ftrace}) only for a
     * module's function, where 6.1's {@code trampmod} needs it once the module is
     * gone (the model keeps it there only under that switch). Elsewhere the flag
     * is read only while an image is installed, and the register that installed
     * it set it from the site's ftrace location, which the spec reads from the
     * world ({@code FtraceManaged} in Trampolines.tla): states that differ only
     * in it take the same steps, so they are one state here.
     */
    private static TlaValue tramp(Trampoline t, World w) {
        return rec("refcnt", num(t.refcnt()), "fentry", nodes(t.fentry()), "fexit", nodes(t.fexit()),
                "fmodRet", nodes(t.fmodRet()), "ext", opt(t.extension(), i -> num(i)),
                "image", opt(t.curImage(), CanonicalState::image), "mod", opt(t.mod(), TlaValue::str),
                "site", target(t.site()),
                "ftrace", bool(t.ftraceManaged() && t.key() instanceof Target.Func f
                        && w.function(f.name()).exists(fn -> fn.module().isDefined())));
    }
}
