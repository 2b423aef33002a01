package multilink.model.kernel;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.state.Image;
import multilink.model.state.KState;
import multilink.model.state.ModuleObj;
import multilink.model.state.Prog;
import multilink.model.state.Trampoline;
import multilink.model.state.Warning;
import multilink.model.step.Fault;
import multilink.model.step.FaultPoint;
import multilink.model.step.RefEvent;
import multilink.model.world.Target;

/**
 * The frame of one syscall: the state as the kernel code has changed it so
 * far, the reference events it made and the fault counters. It lets the
 * kernel paths be written in the kernel's own shape (early returns, goto-style
 * unwinding) while the syscall as a whole stays a pure function: a Tx is
 * created by {@link Syscalls}, never shared and never outlives the call.
 */
public final class Tx {
    private KState state;
    private final Option<Fault> fault;
    private final io.vavr.collection.Set<String> switches;
    private final java.util.Map<FaultPoint, Integer> hits = new java.util.HashMap<>();
    private final java.util.ArrayList<RefEvent> events = new java.util.ArrayList<>();
    private boolean fired;
    private int noFail;

    Tx(KState state, Option<Fault> fault, io.vavr.collection.Set<String> switches) {
        this.state = state;
        this.fault = fault;
        this.switches = switches;
    }

    /** Whether the design has this switch on (a feature, a fix or a seeded bug; see design.Switches). */
    public boolean on(String sw) {
        return switches.contains(sw);
    }

    /** A heap buffer the syscall allocated: what it holds, and whether vmalloc backs it. */
    public record Buffer(String what, boolean vmalloc) {
    }

    private final java.util.ArrayList<Buffer> buffers = new java.util.ArrayList<>();

    /** {@code kzalloc}/{@code kmalloc}: slab memory. */
    public Buffer kmalloc(String what) {
        Buffer b = new Buffer(what, false);
        buffers.add(b);
        event("kmalloc", what, -1);
        return b;
    }

    /** x86-64's {@code PAGE_SIZE}. */
    public static final long PAGE_SIZE = 4096;

    /**
     * {@code kvmalloc} of {@code bytes}: slab memory, or vmalloc memory when the
     * fault point says it fell back. Only a size above {@code PAGE_SIZE} can fall
     * back: {@code __kvmalloc_node_noprof} returns the kmalloc result, NULL or not,
     * when {@code size <= PAGE_SIZE} (mm/util.c:661 in 6.12), so a smaller
     * buffer never passes the fault point.
     */
    public Buffer kvmalloc(String what, long bytes) {
        Buffer b = new Buffer(what, bytes > PAGE_SIZE && fails(FaultPoint.KVMALLOC_VMALLOC));
        buffers.add(b);
        event(b.vmalloc() ? "kvmalloc (vmalloc)" : "kvmalloc", what, -1);
        return b;
    }

    /** {@code kfree}: wrong for vmalloc memory. */
    public void kfree(Buffer b) {
        buffers.remove(b);
        event("kfree", b.what(), -1);
        if (b.vmalloc()) {
            warn(Warning.Kind.FREE_MISMATCH, "kfree(" + b.what() + ") of vmalloc memory");
        }
    }

    public void kvfree(Buffer b) {
        buffers.remove(b);
        event("kvfree", b.what(), -1);
    }

    /** The buffer now belongs to an object that outlives the syscall (a link), which frees it. */
    public void adopt(Buffer b) {
        buffers.remove(b);
    }

    /** End of the syscall: whatever is still allocated and unowned is leaked. */
    void finish() {
        for (Buffer b : new java.util.ArrayList<>(buffers)) {
            warn(Warning.Kind.MEMORY_LEAK, b.what());
        }
        buffers.clear();
    }

    public KState state() {
        return state;
    }

    public void set(KState s) {
        state = s;
    }

    public List<RefEvent> events() {
        return List.ofAll(events);
    }

    public void event(String call, Object subject, int after) {
        events.add(new RefEvent(call, subject, after));
    }

    /** An event whose description is built only if someone reads it. */
    public void eventLazy(String call, java.util.function.Supplier<String> describe, int after) {
        events.add(new RefEvent(call, describe, after));
    }

    /**
     * Counts a pass through {@code point}; true when the injected fault fires
     * here. Inside {@link #withoutFaults} nothing is passed: that code's
     * resources were reserved earlier and it cannot fail.
     */
    public boolean fails(FaultPoint point) {
        if (noFail > 0) {
            return false;
        }
        int n = hits.merge(point, 1, Integer::sum);
        boolean f = fault.exists(x -> x.point().equals(point) && x.hit() == n);
        fired |= f;
        return f;
    }

    /**
     * The errno the kernel function at {@code point} returns when it fails:
     * the one the step's fault chose, else the point's usual one.
     */
    public Errno faultErrno(FaultPoint point) {
        return fault.filter(f -> f.point().equals(point)).map(Fault::returns).getOrElse(point.errno());
    }

    /** Runs {@code body} as code that passes no fault point (the detachnofail fix). */
    public <T> T withoutFaults(java.util.function.Supplier<T> body) {
        noFail++;
        try {
            return body.get();
        } finally {
            noFail--;
        }
    }

    /** Whether the step's fault fired: a step whose fault never fired behaved as the plain step. */
    public boolean faultFired() {
        return fired;
    }

    /** How often the syscall passed each fault point. */
    public io.vavr.collection.Map<FaultPoint, Integer> passes() {
        return io.vavr.collection.HashMap.ofAll(hits);
    }

    public void warn(Warning.Kind kind, String object) {
        state = state.withWarnings(state.warnings().add(new Warning(kind, object)));
        event("WARN", kind + " " + object, -1);
    }

    // ---- progs: bpf_prog_inc / bpf_prog_put (kernel/bpf/syscall.c, core.c) ----

    public Prog prog(int id) {
        return state.progs().get(id).getOrElseThrow(() -> new IllegalStateException("no prog " + id));
    }

    /**
     * The trampoline list a link's nodes are on: its prog's kind. A link whose
     * prog is already gone (only a broken design gets there) is found by its
     * nodes instead, so release still runs and the checker reports the
     * dangling prog rather than the model crashing.
     */
    public multilink.model.state.TrampKind linkKind(multilink.model.state.Link link) {
        Option<Prog> p = state.progs().get(link.prog());
        if (p.isDefined()) {
            return p.get().type().kind();
        }
        for (multilink.model.state.Trampoline t : state.trampolineList()) {
            for (multilink.model.state.TrampKind k : List.of(multilink.model.state.TrampKind.FENTRY,
                    multilink.model.state.TrampKind.FEXIT, multilink.model.state.TrampKind.MODIFY_RETURN)) {
                if (t.list(k).exists(n -> n.link() == link.id())) {
                    return k;
                }
            }
            if (t.extension().contains(link.id())) {
                return multilink.model.state.TrampKind.REPLACE;
            }
        }
        return multilink.model.state.TrampKind.FENTRY;
    }

    public void putProg(Prog p) {
        state = state.withProgs(state.progs().put(p.id(), p));
    }

    public void progInc(int id) {
        Option<Prog> p = state.progs().get(id);
        if (p.isEmpty()) {
            warn(Warning.Kind.REFCOUNT_UNDERFLOW, "prog " + id + " (inc after free)");
            return;
        }
        putProg(p.get().withRefcnt(p.get().refcnt() + 1));
        eventLazy("bpf_prog_inc", () -> "prog " + id, p.get().refcnt() + 1);
    }

    /**
     * {@code bpf_prog_put}: at zero the prog is freed, which drops what it
     * holds: {@code aux->mod} and {@code aux->attach_btf} (__bpf_prog_put_noref),
     * {@code aux->dst_prog} (bpf_prog_free) and {@code aux->dst_trampoline}
     * (bpf_prog_free_deferred).
     */
    public void progPut(int id) {
        Option<Prog> o = state.progs().get(id);
        if (o.isEmpty() || o.get().refcnt() <= 0) {
            warn(Warning.Kind.REFCOUNT_UNDERFLOW, "prog " + id);
            return;
        }
        Prog p = o.get();
        int r = p.refcnt() - 1;
        eventLazy("bpf_prog_put", () -> "prog " + id, r);
        if (r > 0) {
            putProg(p.withRefcnt(r));
            return;
        }
        if (p.fdOpen()) {
            // the fd still holds it: its close will put a freed prog
            warn(Warning.Kind.REFCOUNT_UNDERFLOW, "prog " + id + " (freed with its fd open)");
        }
        state = state.withProgs(state.progs().remove(id));
        if (!on("bug_prog_free_no_mod_put")) {
            p.mod().forEach(this::modulePut);
        }
        if (!on("bug_prog_free_no_btf_put")) {
            p.attachBtf().forEach(this::btfPut);
        }
        p.dstProg().forEach(this::progPut);
        p.dstTrampoline().forEach(this::trampolinePut);
    }

    // ---- BTF objects: btf_get / btf_put ----

    public void btfGet(String btf) {
        int r = state.btfs().get(btf).getOrElse(0) + 1;
        if (r == 1) {
            warn(Warning.Kind.REFCOUNT_UNDERFLOW, btf + " (get after free)");
        }
        state = state.withBtfs(state.btfs().put(btf, r));
        event("btf_get", btf, r);
    }

    public void btfPut(String btf) {
        Option<Integer> c = state.btfs().get(btf);
        if (c.isEmpty()) {
            warn(Warning.Kind.REFCOUNT_UNDERFLOW, btf);
            return;
        }
        int r = c.get() - 1;
        state = state.withBtfs(r == 0 ? state.btfs().remove(btf) : state.btfs().put(btf, r));
        event("btf_put", btf, r);
    }

    // ---- modules: try_module_get / module_put ----

    /** {@code try_module_get}: fails once the module is going. */
    public boolean moduleTryGet(String mod) {
        Option<ModuleObj> m = state.modules().get(mod).filter(ModuleObj::live);
        if (m.isEmpty()) {
            event("try_module_get", mod + " (going)", -1);
            return false;
        }
        int r = m.get().refcnt() + 1;
        state = state.withModules(state.modules().put(mod, new ModuleObj(mod, r, true)));
        event("try_module_get", mod, r);
        return true;
    }

    public void modulePut(String mod) {
        Option<ModuleObj> m = state.modules().get(mod);
        if (m.isEmpty() || m.get().refcnt() <= 0) {
            warn(Warning.Kind.REFCOUNT_UNDERFLOW, "module " + mod);
            return;
        }
        int r = m.get().refcnt() - 1;
        state = state.withModules(state.modules().put(mod, new ModuleObj(mod, r, m.get().live())));
        event("module_put", mod, r);
    }

    // ---- trampolines: bpf_trampoline_get / bpf_trampoline_put ----

    public Option<Trampoline> trampoline(Target key) {
        return state.trampolines().get(key);
    }

    public Trampoline tramp(Target key) {
        return trampoline(key).getOrElseThrow(() -> new IllegalStateException("no trampoline " + key));
    }

    public void putTramp(Trampoline t) {
        state = state.withTrampolines(state.trampolines().put(t.key(), t));
    }

    /** {@code bpf_trampoline_get}: lookup or create; false where the kernel returns NULL. */
    public boolean trampolineGet(Target key) {
        return trampolineGet(key, key);
    }

    /**
     * The same for a caller whose {@code tgt_info.tgt_addr} is {@code site}: a
     * new trampoline is placed there, an existing one keeps the site it has
     * (the kernel fills {@code func.addr} only while it is NULL).
     */
    public boolean trampolineGet(Target key, Target site) {
        Option<Trampoline> t = trampoline(key);
        if (t.isDefined()) {
            putTramp(t.get().withRefcnt(t.get().refcnt() + 1));
            event("bpf_trampoline_get", key, t.get().refcnt() + 1);
            return true;
        }
        if (fails(FaultPoint.TRAMPOLINE_GET)) {
            event("bpf_trampoline_get", key + " (NULL)", -1);
            return false;
        }
        putTramp(Trampoline.fresh(key, site));
        event("bpf_trampoline_get", key, 1);
        return true;
    }

    /** {@code bpf_trampoline_put}: at zero, free it unless progs are still on it (WARN, leak). */
    public void trampolinePut(Target key) {
        Option<Trampoline> o = trampoline(key);
        if (o.isEmpty() || o.get().refcnt() <= 0) {
            warn(Warning.Kind.REFCOUNT_UNDERFLOW, "trampoline " + key);
            return;
        }
        Trampoline t = o.get();
        int r = t.refcnt() - 1;
        event("bpf_trampoline_put", key, r);
        if (r > 0) {
            putTramp(t.withRefcnt(r));
        } else if (!t.empty()) {
            putTramp(t.withRefcnt(0));
            warn(Warning.Kind.TRAMPOLINE_PUT_NONEMPTY, key.toString());
        } else {
            state = state.withTrampolines(state.trampolines().remove(key));
        }
    }

    // ---- images: bpf_tramp_image_alloc / bpf_tramp_image_put ----

    public void imageAlloc(Image im) {
        Map<Image, Integer> imgs = state.images();
        int n = imgs.get(im).getOrElse(0) + 1;
        state = state.withImages(imgs.put(im, n));
        event("bpf_tramp_image_alloc", im, n);
    }

    /** {@code bpf_tramp_image_put} (retire after grace periods) or an immediate free. */
    public void imagePut(Image im) {
        Map<Image, Integer> imgs = state.images();
        Option<Integer> n = imgs.get(im);
        if (n.isEmpty()) {
            warn(Warning.Kind.REFCOUNT_UNDERFLOW, "image " + im + " (double free)");
            return;
        }
        state = state.withImages(n.get() == 1 ? imgs.remove(im) : imgs.put(im, n.get() - 1));
        event("bpf_tramp_image_put", im, n.get() - 1);
    }

    // ---- what function entries call ----

    public void directSet(Target site, Image im, String call) {
        state = state.withDirectCalls(state.directCalls().put(site, im));
        eventLazy(call, () -> site + " -> " + im, -1);
    }

    public void directClear(Target site, String call) {
        state = state.withDirectCalls(state.directCalls().remove(site));
        event(call, site, -1);
    }

    // ---- link ids ----

    /** The lowest link id not in use: the model's stand-in for the link idr (see README, canonical form). */
    public int freeLinkId() {
        java.util.Set<Integer> used = new java.util.HashSet<>(state.links().keySet().toJavaSet());
        state.trampolineList().forEach(t -> t.extension().forEach(used::add));
        installedNodes().forEach(n -> used.add(n.link()));
        return lowestFree(1, used);
    }

    /** Every node on a trampoline list or in a live image: what a freed id may still be named by. */
    private List<multilink.model.state.TrampNode> installedNodes() {
        return state.trampolineList().flatMap(multilink.model.state.Trampoline::allNodes)
                .appendAll(state.images().keySet().toList().flatMap(im -> im.fentry().appendAll(im.fexit())
                        .appendAll(im.fmodRet())));
    }

    private static int lowestFree(int from, java.util.Set<Integer> used) {
        int id = from;
        while (used.contains(id)) {
            id++;
        }
        return id;
    }

    /**
     * The lowest prog id no object refers to. The kernel's idr is cyclic, so a
     * freed id is not handed out again soon; skipping ids that dangling
     * references still name keeps that property in the model.
     */
    public int freeProgId() {
        java.util.Set<Integer> used = new java.util.HashSet<>(state.progs().keySet().toJavaSet());
        state.linkList().forEach(l -> {
            used.add(l.prog());
            l.tgtProg().forEach(used::add);
            l.tgtProgs().forEach(used::add);
        });
        installedNodes().forEach(n -> used.add(n.prog()));
        return lowestFree(state.world().firstUserProgId(), used);
    }
}
