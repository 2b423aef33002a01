package multilink.model.design;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import multilink.model.design.DongV2GlobalObjects.Entry;
import multilink.model.design.DongV2GlobalObjects.MdProg;
import multilink.model.invariant.Invariant;
import multilink.model.invariant.Violation;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.LinkType;
import multilink.model.state.Prog;
import multilink.model.state.TrampKind;
import multilink.model.world.KernelFunc;
import multilink.model.world.Target;

/**
 * dong-v2-global's own invariants over {@link DongV2GlobalObjects} (seed 003
 * v2 01/18 and 05/18), run after the shared ones; the spec's DongV2Global.tla
 * has an operator of each name.
 */
final class DongV2GlobalInvariants {
    private DongV2GlobalInvariants() {
    }

    private static final List<TrampKind> KINDS = List.of(TrampKind.FENTRY, TrampKind.FEXIT, TrampKind.MODIFY_RETURN);

    /**
     * An md's argument count is its function's: {@code kfunc_md_create(ip,
     * nr_args)} stores what {@code arch_bpf_get_regs_nr} gave, and the global
     * caller the filter sends the function to reads that many registers.
     */
    static final Invariant KFUNC_MD_NR_ARGS = new Invariant("KFUNC_MD_NR_ARGS",
            "kfunc_md nr_args == the function's argument count (v2 05/18 kfunc_md_create)",
            s -> objects(s).md().toList().flatMap(e -> {
                int want = s.world().function(e._1).map(KernelFunc::nrArgs).getOrElse(-1);
                return e._2.nrArgs() == want ? List.<Violation>empty()
                        : List.of(new Violation("KFUNC_MD_NR_ARGS", "kfunc_md " + e._1, String.valueOf(want),
                                String.valueOf(e._2.nrArgs())));
            }));

    /**
     * An md's {@code users} are the live links' entries on its function: each
     * entry's {@code kfunc_md_create} took one and its unlink puts it, so an md
     * appears with the first link there and goes with the last (v2 01/18
     * kfunc_md_put, 05/18 link/unlink).
     */
    static final Invariant KFUNC_MD_USERS = new Invariant("KFUNC_MD_USERS",
            "kfunc_md users == live link entries on its function; no md without one (v2 01/18, 05/18)",
            s -> {
                DongV2GlobalObjects o = objects(s);
                List<Entry> live = liveLinks(s).flatMap(Tuple2::_2);
                TreeSet<String> funcs = TreeSet.ofAll(o.md().keySet()).addAll(live.map(Entry::func));
                return funcs.toList().flatMap(f -> {
                    int users = o.md().get(f).map(DongV2GlobalObjects.Md::users).getOrElse(0);
                    int want = live.count(e -> e.func().equals(f));
                    return users == want ? List.<Violation>empty()
                            : List.of(new Violation("KFUNC_MD_USERS", "kfunc_md " + f, want + " users",
                                    users + " users"));
                });
            });

    /**
     * Each md's prog list of a kind is the live links of that kind with an
     * entry there, with the entry's cookie: what the global caller runs for the
     * function (kfunc_md_bpf_link / _unlink, v2 01/18). A prog left on a list
     * after its link went runs after it is freed.
     */
    static final Invariant KFUNC_MD_PROGS_MATCH_LINKS = new Invariant("KFUNC_MD_PROGS_MATCH_LINKS",
            "each kfunc_md's progs per kind == the live links attached there, with their cookies (v2 01/18)",
            s -> {
                DongV2GlobalObjects o = objects(s);
                List<Tuple2<Link, List<Entry>>> live = liveLinks(s);
                TreeSet<String> funcs = TreeSet.ofAll(o.md().keySet()).addAll(live.flatMap(Tuple2::_2)
                        .map(Entry::func));
                return funcs.toList().flatMap(f -> KINDS.flatMap(k -> {
                    List<String> have = o.md().get(f).map(md -> md.list(k)).getOrElse(List.empty())
                            .map(DongV2GlobalInvariants::show).sorted();
                    List<String> want = live.filter(l -> kind(s, l._1) == k)
                            .flatMap(l -> l._2.filter(e -> e.func().equals(f))
                                    .map(e -> show(new MdProg(l._1.prog(), e.cookie())))).sorted();
                    return have.equals(want) ? List.<Violation>empty()
                            : List.of(new Violation("KFUNC_MD_PROGS_MATCH_LINKS", "kfunc_md " + f + " " + k,
                                    want.mkString("[", ", ", "]"), have.mkString("[", ", ", "]")));
                }));
            });

    /** The design's link entries are those of the live multi links, no more, no fewer. */
    static final Invariant GTRAMP_LINKS_LIVE = new Invariant("GTRAMP_LINKS_LIVE",
            "bpf_gtramp_link entries exist exactly for the live multi links (v2 11/18)",
            s -> {
                TreeSet<Integer> have = TreeSet.ofAll(objects(s).links().keySet());
                TreeSet<Integer> want = TreeSet.ofAll(s.linkList().filter(l -> l.type().equals(LinkType.TRACING_MULTI))
                        .map(Link::id));
                return have.equals(want) ? List.empty()
                        : List.of(new Violation("GTRAMP_LINKS_LIVE", "links", want.toString(), have.toString()));
            });

    /**
     * Each global trampoline's ops hooks exactly the functions with progs of
     * its argument count: {@code bpf_gtrampoline_update} resets the filter to
     * {@code kfunc_md_bpf_ips(nr_args)} (v2 05/18) after every change.
     */
    static final Invariant GTRAMP_FILTER_MATCHES_MD = new Invariant("GTRAMP_FILTER_MATCHES_MD",
            "each registered global trampoline's filter == the mds with progs of its nr_args (v2 05/18)",
            s -> {
                DongV2GlobalObjects o = objects(s);
                return List.rangeClosed(0, DongV2Global.MAX_BPF_FUNC_ARGS).flatMap(n -> {
                    TreeSet<String> have = o.hooked(n);
                    TreeSet<String> want = o.ips(n);
                    return have.equals(want) ? List.<Violation>empty()
                            : List.of(new Violation("GTRAMP_FILTER_MATCHES_MD", "gtr " + n, want.toString(),
                                    have.toString()));
                });
            });

    /**
     * {@code direct_functions} holds a global caller's entry exactly for the
     * functions its registered ops filters: register, reset and unregister
     * keep them together (v2 03/18, 04/18).
     */
    static final Invariant GTRAMP_DIRECT_MATCHES_FILTER = new Invariant("GTRAMP_DIRECT_MATCHES_FILTER",
            "direct_functions' global caller entries == the registered filters (v2 03/18, 04/18)",
            s -> {
                DongV2GlobalObjects o = objects(s);
                TreeSet<String> want = TreeSet.ofAll(o.gtr().values().flatMap(f -> f));
                return o.direct().equals(want) ? List.empty()
                        : List.of(new Violation("GTRAMP_DIRECT_MATCHES_FILTER", "direct", want.toString(),
                                o.direct().toString()));
            });

    /**
     * One direct entry per ip: a function is never hooked by a global caller
     * and a classic trampoline at once ({@code ftrace_direct_update} refuses
     * with -EBUSY, 6.12 kernel/trace/ftrace.c:6001-6008).
     */
    static final Invariant GTRAMP_DIRECT_EXCLUSIVE = new Invariant("GTRAMP_DIRECT_EXCLUSIVE",
            "no ip has a global caller's direct entry and a classic trampoline's (ftrace.c:6001-6008)",
            s -> objects(s).direct().toList().filter(f -> s.directCalls().containsKey(new Target.Func(f)))
                    .map(f -> new Violation("GTRAMP_DIRECT_EXCLUSIVE", "ftrace site " + f, "one direct entry",
                            "global caller and " + s.directCalls().get(new Target.Func(f)).get())));

    /**
     * What the global caller runs on a function passes bpf_check_attach_target's
     * deny lists (v2 09/18): nothing on a {@code btf_id_deny} function, no fexit
     * or fmod_ret prog on a {@code noreturn_deny} one (its exit never comes).
     */
    static final Invariant KFUNC_MD_ATTACH_ALLOWED = new Invariant("KFUNC_MD_ATTACH_ALLOWED",
            "no kfunc_md prog on a btf_id_deny function, no fexit/fmod_ret one on a noreturn_deny one (v2 09/18)",
            s -> objects(s).md().toList().flatMap(e -> {
                KernelFunc fn = s.world().function(e._1).getOrNull();
                if (fn == null) {
                    return List.<Violation>empty();
                }
                boolean denied = fn.denied() && e._2.hasProgs();
                boolean noreturn = fn.noreturn()
                        && !(e._2.list(TrampKind.FEXIT).isEmpty() && e._2.list(TrampKind.MODIFY_RETURN).isEmpty());
                return denied || noreturn
                        ? List.of(new Violation("KFUNC_MD_ATTACH_ALLOWED", "kfunc_md " + e._1
                                + (denied ? " (btf_id_deny)" : " (noreturn)"), "no such prog", "progs on it"))
                        : List.<Violation>empty();
            }));

    static final List<Invariant> ALL = List.of(KFUNC_MD_NR_ARGS, KFUNC_MD_USERS, KFUNC_MD_PROGS_MATCH_LINKS,
            GTRAMP_LINKS_LIVE, GTRAMP_FILTER_MATCHES_MD, GTRAMP_DIRECT_MATCHES_FILTER, GTRAMP_DIRECT_EXCLUSIVE,
            KFUNC_MD_ATTACH_ALLOWED);

    private static DongV2GlobalObjects objects(KState s) {
        return DongV2GlobalObjects.of(s.designObjects());
    }

    /** The live links with entries of this design, with them. */
    private static List<Tuple2<Link, List<Entry>>> liveLinks(KState s) {
        DongV2GlobalObjects o = objects(s);
        return s.linkList().flatMap(l -> o.links().get(l.id()).map(e -> new Tuple2<>(l, e)));
    }

    /** The kind a link's prog runs as; NONE when the prog is gone (NO_DANGLING reports that). */
    private static TrampKind kind(KState s, Link l) {
        return s.progs().get(l.prog()).map(Prog::type).map(t -> t.kind()).getOrElse(TrampKind.NONE);
    }

    private static String show(MdProg p) {
        return "prog " + p.prog() + " cookie " + p.cookie();
    }
}
