package multilink.model.state;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.world.Target;

/**
 * {@code struct bpf_trampoline} (kernel/bpf/trampoline.c): looked up by key,
 * reference counted, three prog lists, an optional extension prog and the
 * image currently installed. The kernel's flags, ip and fops are left out:
 * flags only shape the image bytes (x86gen), and the fops are one global ops
 * or one per trampoline, which {@link KState#directCalls()} stands for.
 *
 * @param key       trampoline key
 * @param refcnt    {@code refcnt}
 * @param fentry    {@code progs_hlist[BPF_TRAMP_FENTRY]}, head first (newest runs first)
 * @param fexit     {@code progs_hlist[BPF_TRAMP_FEXIT]}
 * @param fmodRet   {@code progs_hlist[BPF_TRAMP_MODIFY_RETURN]}
 * @param extension the freplace link in {@code extension_prog}, by link id
 * @param curImage  {@code cur_image}
 * @param site      {@code func.addr}: where its image is called from, set by the
 *                  first {@code bpf_trampoline_get} and kept by later ones. It is
 *                  the key's own target except where two targets share a key
 *                  (an SDT probe and a subprog, H10)
 * @param mod       {@code tr->mod}: 6.1 only (switch {@code trampmod}), the module
 *                  {@code register_fentry} pinned for a registered trampoline on one
 *                  of its functions (6.1 kernel/bpf/trampoline.c:175-193, :241); newer
 *                  kernels pin it in the prog ({@code aux->mod}) and have no such field
 * @param ftraceManaged {@code func.ftrace_managed}: set by the first register that
 *                  finds an ftrace location at the site, never cleared; modify and
 *                  unregister go to ftrace when it is set and poke the text when not
 *                  (6.12 kernel/bpf/trampoline.c:183-186, :197-204, :216-220). Kept
 *                  for a module's function only under {@code trampmod}: elsewhere the
 *                  module outlives every trampoline on it, so its ftrace location
 *                  answers as the flag would (DirectFentryOps)
 */
public record Trampoline(Target key, int refcnt, List<TrampNode> fentry, List<TrampNode> fexit,
                         List<TrampNode> fmodRet, Option<Integer> extension, Option<Image> curImage,
                         Target site, Option<String> mod, boolean ftraceManaged) {

    /** A trampoline no register has reached yet ({@code kzalloc}: no module pinned, the flag clear). */
    public Trampoline(Target key, int refcnt, List<TrampNode> fentry, List<TrampNode> fexit,
                      List<TrampNode> fmodRet, Option<Integer> extension, Option<Image> curImage, Target site) {
        this(key, refcnt, fentry, fexit, fmodRet, extension, curImage, site, Option.none(), false);
    }

    /** A trampoline at its key's own target: every key but a colliding SDT probe's. */
    public Trampoline(Target key, int refcnt, List<TrampNode> fentry, List<TrampNode> fexit,
                      List<TrampNode> fmodRet, Option<Integer> extension, Option<Image> curImage) {
        this(key, refcnt, fentry, fexit, fmodRet, extension, curImage, key);
    }

    public static Trampoline fresh(Target key) {
        return fresh(key, key);
    }

    public static Trampoline fresh(Target key, Target site) {
        return new Trampoline(key, 1, List.empty(), List.empty(), List.empty(), Option.none(), Option.none(), site);
    }

    public List<TrampNode> list(TrampKind kind) {
        return switch (kind) {
            case FENTRY -> fentry;
            case FEXIT -> fexit;
            case MODIFY_RETURN -> fmodRet;
            default -> List.empty();
        };
    }

    public Trampoline withList(TrampKind kind, List<TrampNode> nodes) {
        return switch (kind) {
            case FENTRY -> new Trampoline(key, refcnt, nodes, fexit, fmodRet, extension, curImage, site, mod,
                    ftraceManaged);
            case FEXIT -> new Trampoline(key, refcnt, fentry, nodes, fmodRet, extension, curImage, site, mod,
                    ftraceManaged);
            case MODIFY_RETURN -> new Trampoline(key, refcnt, fentry, fexit, nodes, extension, curImage, site, mod,
                    ftraceManaged);
            default -> throw new IllegalArgumentException("no list for " + kind);
        };
    }

    public List<TrampNode> allNodes() {
        return fentry.appendAll(fexit).appendAll(fmodRet);
    }

    /** The progs counted against {@code BPF_MAX_TRAMP_LINKS}. */
    public int progCount() {
        return fentry.size() + fexit.size() + fmodRet.size();
    }

    public boolean empty() {
        return progCount() == 0 && extension.isEmpty();
    }

    public Trampoline withRefcnt(int r) {
        return new Trampoline(key, r, fentry, fexit, fmodRet, extension, curImage, site, mod, ftraceManaged);
    }

    public Trampoline withExtension(Option<Integer> ext) {
        return new Trampoline(key, refcnt, fentry, fexit, fmodRet, ext, curImage, site, mod, ftraceManaged);
    }

    public Trampoline withImage(Option<Image> im) {
        return new Trampoline(key, refcnt, fentry, fexit, fmodRet, extension, im, site, mod, ftraceManaged);
    }

    /** 6.1's {@code bpf_trampoline_module_get/put}: the module this registered trampoline pins. */
    public Trampoline withMod(Option<String> m) {
        return new Trampoline(key, refcnt, fentry, fexit, fmodRet, extension, curImage, site, m, ftraceManaged);
    }

    public Trampoline withFtraceManaged(boolean managed) {
        return new Trampoline(key, refcnt, fentry, fexit, fmodRet, extension, curImage, site, mod, managed);
    }

    /** The image {@code bpf_trampoline_update} would generate now. */
    public Image wantedImage() {
        return new Image(key, fentry, fexit, fmodRet);
    }
}
