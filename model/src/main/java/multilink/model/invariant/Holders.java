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
        return Census.of(s).prog(id);
    }

    /** The kernel's own reference on vmlinux, a live module's on its BTF, progs' attach_btf, links' tgt_btfs. */
    public static int ofBtf(KState s, String btf) {
        return Census.of(s).btf(btf);
    }

    /** Progs' aux->mod and links' mods[]. */
    public static int ofModule(KState s, String mod) {
        return Census.of(s).module(mod);
    }

    /** Progs' dst_trampoline and link entries. */
    public static int ofTrampoline(KState s, Target key) {
        return Census.of(s).trampoline(key);
    }

    /** Every prog id some object refers to, with who refers. */
    public static List<String> progRefs(KState s) {
        List<String> out = List.empty();
        for (Prog p : s.progList()) {
            for (Integer d : p.dstProg()) {
                out = out.append(d + " <- prog " + p.id() + " dst_prog");
            }
        }
        for (Link l : s.linkList()) {
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
