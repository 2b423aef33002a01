package multilink.model.invariant;

import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.LinkEntry;
import multilink.model.state.ModuleObj;
import multilink.model.state.Prog;
import multilink.model.world.Btfs;
import multilink.model.world.Target;

import java.util.HashMap;
import java.util.Map;

/**
 * Every holder of every reference in one state, counted in one pass. The
 * REF_* invariants all need it, after every step; one census per state
 * (kept for the state last asked about, per thread) instead of a scan per
 * object keeps checking linear in the state's size.
 */
final class Census {
    private static final ThreadLocal<Census> LAST = new ThreadLocal<>();

    private final KState state;
    private final Map<Integer, Integer> progs = new HashMap<>();
    private final Map<String, Integer> btfs = new HashMap<>();
    private final Map<String, Integer> modules = new HashMap<>();
    private final Map<Target, Integer> trampolines = new HashMap<>();

    private Census(KState s) {
        this.state = s;
        btfs.put(Btfs.VMLINUX, 1); // the kernel's own
        for (var e : s.modules()) {
            ModuleObj m = e._2;
            if (m.live()) {
                btfs.merge(Btfs.ofModule(m.name()), 1, Integer::sum);
            }
        }
        for (var e : s.progs()) {
            Prog p = e._2;
            if (p.fdOpen()) {
                progs.merge(p.id(), 1, Integer::sum);
            }
            p.dstProg().forEach(d -> progs.merge(d, 1, Integer::sum));
            p.attachBtf().forEach(b -> btfs.merge(b, 1, Integer::sum));
            p.mod().forEach(m -> modules.merge(m, 1, Integer::sum));
            p.dstTrampoline().forEach(t -> trampolines.merge(t, 1, Integer::sum));
        }
        for (var e : s.links()) {
            Link l = e._2;
            progs.merge(l.prog(), 1, Integer::sum);
            l.tgtProg().forEach(t -> progs.merge(t, 1, Integer::sum));
            l.tgtProgs().forEach(t -> progs.merge(t, 1, Integer::sum));
            l.btfs().forEach(b -> btfs.merge(b, 1, Integer::sum));
            l.mods().forEach(m -> modules.merge(m, 1, Integer::sum));
            for (LinkEntry en : l.entries()) {
                trampolines.merge(en.tramp(), 1, Integer::sum);
            }
        }
        // 6.1 (trampmod): a registered trampoline's tr->mod
        for (var e : s.trampolines()) {
            e._2.mod().forEach(m -> modules.merge(m, 1, Integer::sum));
        }
    }

    static Census of(KState s) {
        Census c = LAST.get();
        if (c == null || c.state != s) {
            c = new Census(s);
            LAST.set(c);
        }
        return c;
    }

    int prog(int id) {
        return progs.getOrDefault(id, 0);
    }

    int btf(String name) {
        return btfs.getOrDefault(name, 0);
    }

    int module(String name) {
        return modules.getOrDefault(name, 0);
    }

    int trampoline(Target key) {
        return trampolines.getOrDefault(key, 0);
    }
}
