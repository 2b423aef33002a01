package multilink.model.design;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import multilink.model.state.DesignObjects;
import multilink.model.state.TrampKind;
import multilink.model.world.Target;

/**
 * Seed 003's own kernel objects (v2 01/18 kfunc_md.c, v2 05/18 trampoline.c):
 * the {@code kfunc_md} table, the global trampolines' ftrace ops (one per
 * argument count: {@code global_tr_array[i].fops}), the direct entries those
 * ops put into {@code direct_functions}, and each {@code bpf_gtramp_link}'s
 * entries. The spec keeps the same value in {@code dobjects} (its module
 * DongV2Global.tla); {@link #tla()} prints it.
 *
 * @param md     function name to its {@code kfunc_md}
 * @param gtr    argument count to the filter of its global trampoline's ops,
 *               for the ops that are registered ({@code FTRACE_OPS_FL_ENABLED}).
 *               An ops that is not registered is left out whatever its
 *               filter: the register path sets the filter anew
 *               ({@code ftrace_set_filter_ips(..., reset)}) before it
 *               registers, so nothing reads it
 * @param direct the functions whose {@code direct_functions} entry calls a global caller
 * @param links  link id to its entries, in target order
 */
public record DongV2GlobalObjects(TreeMap<String, Md> md, TreeMap<Integer, TreeSet<String>> gtr, TreeSet<String> direct,
                                  TreeMap<Integer, List<Entry>> links) implements DesignObjects {

    /** {@code struct kfunc_md_tramp_prog}: one prog on a function's list, with its cookie. */
    public record MdProg(int prog, long cookie) {
        String tla() {
            return "[prog |-> " + prog + ", cookie |-> " + cookie + "]";
        }
    }

    /**
     * {@code struct kfunc_md}: its argument count, {@code users} (one per link
     * entry that created or got it) and {@code bpf_progs[]} per kind; its
     * {@code bpf_prog_cnt} and {@code bpf_origin_call} follow from the lists.
     */
    public record Md(int nrArgs, int users, List<MdProg> fentry, List<MdProg> fexit, List<MdProg> fmodRet) {
        public static Md fresh(int nrArgs) {
            return new Md(nrArgs, 1, List.empty(), List.empty(), List.empty());
        }

        public List<MdProg> list(TrampKind k) {
            return switch (k) {
                case FENTRY -> fentry;
                case FEXIT -> fexit;
                case MODIFY_RETURN -> fmodRet;
                default -> List.empty();
            };
        }

        public Md withList(TrampKind k, List<MdProg> l) {
            return switch (k) {
                case FENTRY -> new Md(nrArgs, users, l, fexit, fmodRet);
                case FEXIT -> new Md(nrArgs, users, fentry, l, fmodRet);
                case MODIFY_RETURN -> new Md(nrArgs, users, fentry, fexit, l);
                default -> throw new IllegalArgumentException("no kfunc_md list for " + k);
            };
        }

        public Md withUsers(int u) {
            return new Md(nrArgs, u, fentry, fexit, fmodRet);
        }

        /** {@code bpf_prog_cnt != 0}. */
        public boolean hasProgs() {
            return !fentry.isEmpty() || !fexit.isEmpty() || !fmodRet.isEmpty();
        }

        String tla() {
            return "[nr_args |-> " + nrArgs + ", users |-> " + users + ", fentry |-> " + seq(fentry)
                    + ", fexit |-> " + seq(fexit) + ", fmod_ret |-> " + seq(fmodRet) + "]";
        }

        private static String seq(List<MdProg> l) {
            return l.map(MdProg::tla).mkString("<<", ", ", ">>");
        }
    }

    /** {@code struct bpf_gtramp_link_entry}: the function and its cookie (nr_args is the function's). */
    public record Entry(String func, long cookie) {
        String tla() {
            return "[func |-> \"" + func + "\", cookie |-> " + cookie + "]";
        }
    }

    public static final DongV2GlobalObjects EMPTY = new DongV2GlobalObjects(TreeMap.empty(), TreeMap.empty(),
            TreeSet.empty(), TreeMap.empty());

    /** A state's objects of this design: none yet is the empty table. */
    public static DongV2GlobalObjects of(DesignObjects d) {
        return d instanceof DongV2GlobalObjects o ? o : EMPTY;
    }

    /** What the state keeps: {@link DesignObjects#NONE} for the empty table, so equal kernels are equal. */
    public DesignObjects normal() {
        if (md.isEmpty() && gtr.isEmpty() && direct.isEmpty() && links.isEmpty()) {
            return DesignObjects.NONE;
        }
        return this;
    }

    public DongV2GlobalObjects withMd(TreeMap<String, Md> m) {
        return new DongV2GlobalObjects(m, gtr, direct, links);
    }

    public DongV2GlobalObjects withGtr(TreeMap<Integer, TreeSet<String>> g) {
        return new DongV2GlobalObjects(md, g, direct, links);
    }

    public DongV2GlobalObjects withDirect(TreeSet<String> d) {
        return new DongV2GlobalObjects(md, gtr, d, links);
    }

    public DongV2GlobalObjects withLinks(TreeMap<Integer, List<Entry>> l) {
        return new DongV2GlobalObjects(md, gtr, direct, l);
    }

    /** Whether the ops of argument count {@code n} is registered ({@code FTRACE_OPS_FL_ENABLED}). */
    public boolean enabled(int n) {
        return gtr.containsKey(n);
    }

    /** {@code kfunc_md_bpf_ips(nr_args = n)}: the functions with progs and that argument count. */
    public TreeSet<String> ips(int n) {
        return TreeSet.ofAll(md.filter(e -> e._2.hasProgs() && e._2.nrArgs() == n).keySet());
    }

    /** What gtr {@code n}'s ops hooks: its filter while it is registered, else nothing. */
    public TreeSet<String> hooked(int n) {
        return gtr.get(n).getOrElse(TreeSet.empty());
    }

    @Override
    public String tla() {
        String m = md.isEmpty() ? "<<>>"
                : md.map(e -> "\"" + e._1 + "\" :> " + e._2.tla()).mkString("(", " @@ ", ")");
        String g = gtr.isEmpty() ? "<<>>" : gtr.map(e -> e._1 + " :> " + names(e._2)).mkString("(", " @@ ", ")");
        String l = links.isEmpty() ? "<<>>"
                : links.map(e -> e._1 + " :> " + e._2.map(Entry::tla).mkString("<<", ", ", ">>"))
                        .mkString("(", " @@ ", ")");
        return "[md |-> " + m + ", gtr |-> " + g + ", direct |-> " + names(direct) + ", links |-> " + l + "]";
    }

    /** Hook P2: a classic trampoline's register at one of these fails with -EBUSY. */
    @Override
    public Set<Target> directSites() {
        return direct.map(f -> (Target) new Target.Func(f)).toSet();
    }

    /** The functions a link's entries name (its {@code bpf_gtramp_link.entries}). */
    @Override
    public Set<Target> linkTargets(int link) {
        return links.get(link).map(es -> es.map(e -> (Target) new Target.Func(e.func())).toSet())
                .getOrElse(io.vavr.collection.HashSet.empty());
    }

    private static String names(TreeSet<String> s) {
        return s.map(n -> "\"" + n + "\"").mkString("{", ", ", "}");
    }
}
