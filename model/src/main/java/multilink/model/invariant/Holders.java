package multilink.model.invariant;

import io.vavr.collection.List;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.ModuleObj;
import multilink.model.state.Prog;
import multilink.model.world.Btfs;
import multilink.model.world.Target;

/**
 * Who holds a reference on what, read off the state itself (not off a
 * shadow counter): the right-hand side of every REF_* invariant.
 */
public final class Holders {
    private Holders() {
    }

    public static int ofProg(KState s, int id) {
        int n = 0;
        for (Prog p : s.progs().values()) {
            if (p.id() == id && p.fdOpen()) {
                n++;
            }
            if (p.dstProg().contains(id)) {
                n++;
            }
        }
        for (Link l : s.links().values()) {
            if (l.prog() == id) {
                n++;
            }
            if (l.tgtProg().contains(id)) {
                n++;
            }
            n += l.tgtProgs().count(x -> x == id);
        }
        return n;
    }

    public static int ofBtf(KState s, String btf) {
        int n = 0;
        if (btf.equals(Btfs.VMLINUX)) {
            n++; // the kernel's own
        }
        for (ModuleObj m : s.modules().values()) {
            if (m.live() && Btfs.ofModule(m.name()).equals(btf)) {
                n++;
            }
        }
        n += s.progs().values().count(p -> p.attachBtf().contains(btf));
        for (Link l : s.links().values()) {
            n += l.btfs().count(b -> b.equals(btf));
        }
        return n;
    }

    public static int ofModule(KState s, String mod) {
        int n = s.progs().values().count(p -> p.mod().contains(mod));
        for (Link l : s.links().values()) {
            n += l.mods().count(m -> m.equals(mod));
        }
        return n;
    }

    public static int ofTrampoline(KState s, Target key) {
        int n = s.progs().values().count(p -> p.dstTrampoline().contains(key));
        for (Link l : s.links().values()) {
            n += l.entries().count(e -> e.tramp().equals(key));
        }
        return n;
    }

    /** Every prog id some object refers to, with who refers. */
    public static List<String> progRefs(KState s) {
        List<String> out = List.empty();
        for (Prog p : s.progs().values()) {
            for (Integer d : p.dstProg()) {
                out = out.append(d + " <- prog " + p.id() + " dst_prog");
            }
        }
        for (Link l : s.links().values()) {
            out = out.append(l.prog() + " <- link " + l.id() + " prog");
            for (Integer t : l.tgtProg()) {
                out = out.append(t + " <- link " + l.id() + " tgt_prog");
            }
            for (Integer t : l.tgtProgs()) {
                out = out.append(t + " <- link " + l.id() + " tgt_progs");
            }
        }
        return out;
    }
}
