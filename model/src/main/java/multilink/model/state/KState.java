package multilink.model.state;

import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import multilink.model.world.Btfs;
import multilink.model.world.Target;
import multilink.model.world.World;

/**
 * The kernel's state between two syscalls: every live object a design's
 * attach and detach paths touch. Freed objects are absent; a reference to an
 * absent object is dangling.
 *
 * @param world       the fixed catalogue
 * @param progs       loaded progs by id
 * @param links       live links by id
 * @param trampolines trampolines by key (both global hash tables of trampoline.c)
 * @param images      live image allocations: how many of each image value
 * @param directCalls what each traced function's entry calls: the ftrace
 *                    direct entries (one global {@code direct_ops} or one ops
 *                    per trampoline; the site-to-image map is the same) and,
 *                    for BPF subprog targets, the poked call
 * @param btfs        BTF objects by name, with their refcount
 * @param modules     modules by name
 * @param warnings    kernel WARNs hit so far
 * @param designObjects the design's own kernel objects ({@link DesignObjects#NONE} for the shared ones only)
 */
public record KState(World world, Map<Integer, Prog> progs, Map<Integer, Link> links,
                     Map<Target, Trampoline> trampolines, Map<Image, Integer> images,
                     Map<Target, Image> directCalls, Map<String, Integer> btfs,
                     Map<String, ModuleObj> modules, Set<Warning> warnings, DesignObjects designObjects) {

    /** A state of the shared objects only. */
    public KState(World world, Map<Integer, Prog> progs, Map<Integer, Link> links,
                  Map<Target, Trampoline> trampolines, Map<Image, Integer> images,
                  Map<Target, Image> directCalls, Map<String, Integer> btfs,
                  Map<String, ModuleObj> modules, Set<Warning> warnings) {
        this(world, progs, links, trampolines, images, directCalls, btfs, modules, warnings, DesignObjects.NONE);
    }

    /** The world at boot: preloaded target progs, vmlinux BTF, every module loaded and unused. */
    public static KState initial(World world) {
        Map<Integer, Prog> progs = TreeMap.empty();
        for (var t : world.targetProgs()) {
            progs = progs.put(t.id(), new Prog(t.id(), ProgType.TARGET, Option.none(), false, true, 1,
                    Option.none(), Option.none(), Option.none(), Option.none()));
        }
        Map<String, Integer> btfs = TreeMap.of(Btfs.VMLINUX, 1);
        Map<String, ModuleObj> mods = TreeMap.empty();
        for (String m : world.modules()) {
            btfs = btfs.put(Btfs.ofModule(m), 1);
            mods = mods.put(m, new ModuleObj(m, 0, true));
        }
        return new KState(world, progs, TreeMap.empty(), TreeMap.empty(), HashMap.empty(), HashMap.empty(),
                btfs, mods, HashSet.empty());
    }

    public KState withProgs(Map<Integer, Prog> p) {
        return new KState(world, p, links, trampolines, images, directCalls, btfs, modules, warnings, designObjects);
    }

    public KState withLinks(Map<Integer, Link> l) {
        return new KState(world, progs, l, trampolines, images, directCalls, btfs, modules, warnings, designObjects);
    }

    public KState withTrampolines(Map<Target, Trampoline> t) {
        return new KState(world, progs, links, t, images, directCalls, btfs, modules, warnings, designObjects);
    }

    public KState withImages(Map<Image, Integer> i) {
        return new KState(world, progs, links, trampolines, i, directCalls, btfs, modules, warnings, designObjects);
    }

    public KState withDirectCalls(Map<Target, Image> d) {
        return new KState(world, progs, links, trampolines, images, d, btfs, modules, warnings, designObjects);
    }

    public KState withBtfs(Map<String, Integer> b) {
        return new KState(world, progs, links, trampolines, images, directCalls, b, modules, warnings, designObjects);
    }

    public KState withModules(Map<String, ModuleObj> m) {
        return new KState(world, progs, links, trampolines, images, directCalls, btfs, m, warnings, designObjects);
    }

    public KState withWarnings(Set<Warning> w) {
        return new KState(world, progs, links, trampolines, images, directCalls, btfs, modules, w, designObjects);
    }

    public KState withDesignObjects(DesignObjects d) {
        return new KState(world, progs, links, trampolines, images, directCalls, btfs, modules, warnings, d);
    }

    // Vavr 0.10's Map.values() is a lazy, lock-guarded Stream, and the
    // invariants walk these lists many times after every step: the lists of
    // the state last asked about are kept, per thread.
    private static final ThreadLocal<Views> VIEWS = new ThreadLocal<>();

    private record Views(KState of, io.vavr.collection.List<Prog> progs, io.vavr.collection.List<Link> links,
                         io.vavr.collection.List<Trampoline> trampolines, io.vavr.collection.List<ModuleObj> modules) {
    }

    private Views views() {
        Views v = VIEWS.get();
        if (v == null || v.of() != this) {
            v = new Views(this, progs.iterator().map(e -> e._2).toList(), links.iterator().map(e -> e._2).toList(),
                    trampolines.iterator().map(e -> e._2).toList(), modules.iterator().map(e -> e._2).toList());
            VIEWS.set(v);
        }
        return v;
    }

    public io.vavr.collection.List<Prog> progList() {
        return views().progs();
    }

    public io.vavr.collection.List<Link> linkList() {
        return views().links();
    }

    public io.vavr.collection.List<Trampoline> trampolineList() {
        return views().trampolines();
    }

    public io.vavr.collection.List<ModuleObj> moduleList() {
        return views().modules();
    }

    /** The module is loaded and not on its way out ({@code delete_module} has not run). */
    public boolean moduleLive(String name) {
        return modules().get(name).exists(ModuleObj::live);
    }

    /** A user prog fd is open: the prog can be named by later syscalls. */
    public Option<Prog> progByFd(int id) {
        return progs.get(id).filter(Prog::fdOpen);
    }
}
