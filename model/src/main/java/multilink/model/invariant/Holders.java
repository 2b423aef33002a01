package multilink.model.invariant;

import multilink.model.state.KState;
import multilink.model.world.Target;

/**
 * Who holds a reference on what, read off the state itself (not off a
 * shadow counter): the right-hand side of every REF_* invariant.
 */
public final class Holders {
    private Holders() {
    }

    /** The user fd, links' prog and tgt_prog(s), other progs' dst_prog. */
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
}
