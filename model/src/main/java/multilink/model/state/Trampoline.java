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
 * @param ftraceManaged {@code func.ftrace_managed}, kept only under {@code trampmod}:
 *                  set by a register that found an ftrace site and never cleared
 *                  (6.1 kernel/bpf/trampoline.c:234-239), so a trampoline registered once
 *                  still goes to ftrace after its module went away. Elsewhere the
 *                  model derives it from the world's function and keeps it false
 */
public record Trampoline(Target key, int refcnt, List<TrampNode> fentry, List<TrampNode> fexit,
                         List<TrampNode> fmodRet, Option<Integer> extension, Option<Image> curImage,
                         Target site, Option<String> mod, boolean ftraceManaged) {

    /** A trampoline at its key's own target: every key but a colliding SDT probe's. */
    public Trampoline(Target key, int refcnt, List<TrampNode> fentry, List<TrampNode> fexit,
                      List<TrampNode> fmodRet, Option<Integer> extension, Option<Image> curImage) {
        this(key, refcnt, fentry, fexit, fmodRet, extension, curImage, key, Option.none(), false);
    }

    public static Trampoline fresh(Target key) {
        return fresh(key, key);
    }

    public static Trampoline fresh(Target key, Target site) {
        return new Trampoline(key, 1, List.empty(), List.empty(), List.empty(), Option.none(), Option.none(), site,
                Option.none(), false);
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
            case FENTRY -> new Trampoline(key, refcnt, nodes, fexit, fmodRet, extension, curImage, site, mod, ftraceManaged);
            case FEXIT -> new Trampoline(key, refcnt, fentry, nodes, fmodRet, extension, curImage, site, mod, ftraceManaged);
            case MODIFY_RETURN -> new Trampoline(key, refcnt, fentry, fexit, nodes, extension, curImage, site, mod, ftraceManaged);
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

    /** 6.1's {@code tr->func.ftrace_managed = true} of a register that found an ftrace site. */
    public Trampoline withFtraceManaged() {
        return new Trampoline(key, refcnt, fentry, fexit, fmodRet, extension, curImage, site, mod, true);
    }

    /** The image {@code bpf_trampoline_update} would generate now. */
    public Image wantedImage() {
        return new Image(key, fentry, fexit, fmodRet);
    }
}
