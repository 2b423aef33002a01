package multilink.model.invariant;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import multilink.model.design.Design;
import multilink.model.design.Presets;
import multilink.model.state.Image;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.LinkEntry;
import multilink.model.state.ModuleObj;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.state.TrampNode;
import multilink.model.state.Trampoline;
import multilink.model.state.Warning;
import multilink.model.step.Outcome;
import multilink.model.world.Target;

/**
 * Every invariant of the model, one predicate each, with the kernel rule it
 * encodes and where the rule comes from. The ids are shared with the TLA+
 * spec (spec/), traces and the README.
 */
public final class Invariants {
    private Invariants() {
    }

    /**
     * A prog's {@code aux->refcnt} equals its holders: the user fd, links'
     * {@code prog} and {@code tgt_prog(s)}, other progs' {@code dst_prog}.
     * kernel/bpf/syscall.c ({@code bpf_prog_get}/{@code bpf_prog_put}),
     * kernel-facts 1.7.
     */
    public static final Invariant REF_PROG = new Invariant("REF_PROG",
            "bpf_prog refcnt == fd + link->prog + tgt_prog(s) + aux->dst_prog holders (kernel-facts 1.7)",
            s -> refs("REF_PROG", s.progList(), p -> "prog " + p.id(), Prog::refcnt,
                    p -> Holders.ofProg(s, p.id())));

    /**
     * A BTF object's refcount equals its holders: the kernel (vmlinux), its
     * live module, progs' {@code attach_btf}, seed 001 links' {@code tgt_btfs}.
     * kernel/bpf/btf.c, seed 001.
     */
    public static final Invariant REF_BTF = new Invariant("REF_BTF",
            "btf refcnt == kernel/module + prog attach_btf + link tgt_btfs holders (kernel/bpf/btf.c, seed 001)",
            s -> refs("REF_BTF", s.btfs().toList(), b -> b._1, b -> b._2, b -> Holders.ofBtf(s, b._1)));

    /**
     * A module's refcount equals its holders: progs' {@code aux->mod}, seed
     * 001 links' {@code mods} and, in 6.1 ({@code trampmod}), registered
     * trampolines' {@code tr->mod}. kernel/bpf/verifier.c {@code bpf_check_attach_target}
     * (tgt_mod), seed 001 {@code __bpf_tracing_multi_link_release}, 6.1
     * kernel/bpf/trampoline.c {@code bpf_trampoline_module_get/put}.
     */
    public static final Invariant REF_MODULE = new Invariant("REF_MODULE",
            "module refcnt == prog aux->mod + link mods[] + 6.1 tr->mod holders (verifier.c tgt_mod, seed 001, "
                    + "6.1 trampoline.c)",
            s -> refs("REF_MODULE", s.moduleList(), m -> "module " + m.name(), ModuleObj::refcnt,
                    m -> Holders.ofModule(s, m.name())));

    /**
     * A trampoline's refcount equals its holders: progs' {@code dst_trampoline}
     * and link entries. kernel/bpf/trampoline.c {@code bpf_trampoline_get/put}.
     */
    public static final Invariant REF_TRAMPOLINE = new Invariant("REF_TRAMPOLINE",
            "trampoline refcnt == aux->dst_trampoline + link entry holders (kernel/bpf/trampoline.c)",
            s -> refs("REF_TRAMPOLINE", s.trampolineList(), t -> "trampoline " + t.key(),
                    Trampoline::refcnt, t -> Holders.ofTrampoline(s, t.key())));

    /**
     * No put ever takes a count below zero or touches a freed object:
     * refcount_t saturates and WARNs "underflow; use-after-free"
     * (include/linux/refcount.h).
     */
    public static final Invariant NO_UNDERFLOW = new Invariant("NO_UNDERFLOW",
            "no refcount underflow / put after free (include/linux/refcount.h)",
            s -> s.warnings().toList().filter(w -> w.kind() == Warning.Kind.REFCOUNT_UNDERFLOW)
                    .map(w -> new Violation("NO_UNDERFLOW", w.object(), "count > 0 before put", "underflow")));

    /**
     * Every pointer in the state names a live object: links to progs,
     * trampolines, BTFs and modules; progs to their dst prog/trampoline;
     * trampoline nodes to live links and progs; installed and called images
     * to live allocations, and images to live progs. A freed object still
     * referenced is a use after free in the kernel.
     */
    public static final Invariant NO_DANGLING = new Invariant("NO_DANGLING",
            "no reference to a freed prog, link, trampoline, image, BTF or module (use after free)",
            Invariants::dangling);

    /**
     * What every traced function's entry calls is exactly its trampoline's
     * {@code cur_image}: ftrace direct entries (and text pokes) are in step
     * with the trampolines. kernel/bpf/trampoline.c {@code register_fentry},
     * {@code modify_fentry}, {@code unregister_fentry}.
     */
    public static final Invariant FTRACE_MATCHES_TRAMPOLINES = new Invariant("FTRACE_MATCHES_TRAMPOLINES",
            "ftrace direct entry of each site == its trampoline's cur_image (trampoline.c *_fentry)",
            s -> {
                List<Violation> v = List.empty();
                for (Trampoline t : s.trampolineList()) {
                    Option<Image> called = s.directCalls().get(t.key());
                    if (!called.equals(t.curImage())) {
                        v = v.append(new Violation("FTRACE_MATCHES_TRAMPOLINES", "site " + t.key(),
                                "calls " + t.curImage().map(Image::toString).getOrElse("nothing"),
                                "calls " + called.map(Image::toString).getOrElse("nothing")));
                    }
                }
                for (Target site : s.directCalls().keySet()) {
                    if (s.trampolines().get(site).isEmpty()) {
                        v = v.append(new Violation("FTRACE_MATCHES_TRAMPOLINES", "site " + site,
                                "no direct call (no trampoline)", "calls " + s.directCalls().get(site).get()));
                    }
                }
                return v;
            });

    /**
     * A trampoline with progs has an image generated from exactly its current
     * lists; one without has none. {@code bpf_trampoline_update} regenerates on
     * every change, kernel/bpf/trampoline.c.
     */
    public static final Invariant IMAGE_MATCHES_PROGS = new Invariant("IMAGE_MATCHES_PROGS",
            "cur_image generated from the trampoline's current prog lists (bpf_trampoline_update)",
            s -> s.trampolineList().flatMap(t -> {
                Option<Image> want = t.progCount() == 0 ? Option.none() : Option.of(t.wantedImage());
                return want.equals(t.curImage()) ? List.empty()
                        : List.of(new Violation("IMAGE_MATCHES_PROGS", "trampoline " + t.key(),
                                want.map(Image::toString).getOrElse("no image"),
                                t.curImage().map(Image::toString).getOrElse("no image")));
            }));

    /**
     * Every live image allocation is the {@code cur_image} of exactly one
     * trampoline: nothing leaks and nothing is installed twice. Image
     * retirement ({@code bpf_tramp_image_put}) follows every modify/unregister.
     */
    public static final Invariant IMAGE_OWNED = new Invariant("IMAGE_OWNED",
            "each live image is exactly one trampoline's cur_image (bpf_tramp_image_put on retire)",
            s -> {
                Map<Image, Integer> owners = s.trampolineList().flatMap(t -> t.curImage())
                        .groupBy(im -> im).mapValues(List::size);
                return s.images().toList().filter(e -> !owners.get(e._1).contains(e._2))
                        .map(e -> new Violation("IMAGE_OWNED", e._1.toString(),
                                owners.get(e._1).getOrElse(0) + " allocation(s) in use", e._2 + " allocated"));
            });

    /** No trampoline holds more than {@code BPF_MAX_TRAMP_LINKS} progs (include/linux/bpf.h). */
    public static final Invariant TRAMP_LINK_LIMIT = new Invariant("TRAMP_LINK_LIMIT",
            "progs per trampoline <= BPF_MAX_TRAMP_LINKS (include/linux/bpf.h)",
            s -> s.trampolineList().filter(t -> t.progCount() > s.world().maxTrampLinks())
                    .map(t -> new Violation("TRAMP_LINK_LIMIT", "trampoline " + t.key(),
                            "<= " + s.world().maxTrampLinks() + " progs", t.progCount() + " progs")));

    /**
     * An extension (freplace) prog owns its trampoline alone: no fentry/fexit
     * beside it. {@code __bpf_trampoline_link_prog} returns -EBUSY both ways.
     */
    public static final Invariant EXTENSION_EXCLUSIVE = new Invariant("EXTENSION_EXCLUSIVE",
            "extension_prog set => no fentry/fexit/fmod_ret progs (__bpf_trampoline_link_prog -EBUSY)",
            s -> s.trampolineList().filter(t -> t.extension().isDefined() && t.progCount() > 0)
                    .map(t -> new Violation("EXTENSION_EXCLUSIVE", "trampoline " + t.key(),
                            "extension alone", t.progCount() + " progs beside it")));

    /**
     * With no link and no user prog left, nothing of the attach machinery is
     * left either: no trampoline, image or direct call, every module unpinned,
     * every BTF back to its base holders.
     */
    public static final Invariant QUIESCENT_IS_EMPTY = new Invariant("QUIESCENT_IS_EMPTY",
            "no links and no user progs => no trampolines, images, direct calls or module pins",
            s -> {
                boolean quiet = s.links().isEmpty()
                        && s.progList().forAll(p -> p.type() == ProgType.TARGET);
                if (!quiet) {
                    return List.empty();
                }
                List<Violation> v = List.empty();
                for (Trampoline t : s.trampolineList()) {
                    v = v.append(new Violation("QUIESCENT_IS_EMPTY", "trampoline " + t.key(), "freed", "alive"));
                }
                for (Image im : s.images().keySet()) {
                    v = v.append(new Violation("QUIESCENT_IS_EMPTY", im.toString(), "freed", "allocated"));
                }
                for (Target site : s.directCalls().keySet()) {
                    v = v.append(new Violation("QUIESCENT_IS_EMPTY", "site " + site, "no direct call", "hooked"));
                }
                for (ModuleObj m : s.moduleList()) {
                    if (m.refcnt() != 0) {
                        v = v.append(new Violation("QUIESCENT_IS_EMPTY", "module " + m.name(), "refcnt 0",
                                "refcnt " + m.refcnt()));
                    }
                }
                return v;
            });

    /**
     * What a link reports ({@code fill_link_info}/fdinfo: its targets and
     * cookies) is what is attached: each entry has the link's node, with its
     * cookie, on that trampoline's list for the prog's kind (or is its
     * extension), and every node on a trampoline belongs to a link that lists
     * that trampoline.
     */
    public static final Invariant LINKINFO_MATCHES = new Invariant("LINKINFO_MATCHES",
            "link entries == nodes on trampolines (fill_link_info / show_fdinfo report what runs)",
            Invariants::linkinfo);

    /**
     * No WARN fired: the kernel paths the model follows treat these as
     * "cannot happen" ({@code WARN_ON_ONCE} on unlink and ftrace update
     * errors, {@code bpf_trampoline_put} on a trampoline with progs).
     */
    public static final Invariant NO_KERNEL_WARN = new Invariant("NO_KERNEL_WARN",
            "no WARN_ON_ONCE reached (unlink/ftrace update errors, put of a non-empty trampoline)",
            s -> s.warnings().toList().filter(w -> w.kind().warnOn())
                    .map(w -> new Violation("NO_KERNEL_WARN", w.object(), "no WARN", w.kind().toString())));

    /**
     * Every heap buffer a syscall allocates is freed or owned by an object
     * when it returns: what kmemleak reports as an unreferenced object.
     */
    public static final Invariant NO_MEMORY_LEAK = new Invariant("NO_MEMORY_LEAK",
            "every buffer a syscall allocates is freed or owned when it returns (kmemleak)",
            s -> s.warnings().toList().filter(w -> w.kind() == Warning.Kind.MEMORY_LEAK)
                    .map(w -> new Violation("NO_MEMORY_LEAK", w.object(), "freed or owned", "leaked")));

    /**
     * Memory is freed with the allocator's own free: {@code kvmalloc}'d
     * buffers with {@code kvfree} (mm/util.c), since they may be vmalloc memory.
     */
    public static final Invariant FREE_MATCHES_ALLOC = new Invariant("FREE_MATCHES_ALLOC",
            "kvmalloc'd memory is freed with kvfree, not kfree (mm/util.c)",
            s -> s.warnings().toList().filter(w -> w.kind() == Warning.Kind.FREE_MISMATCH)
                    .map(w -> new Violation("FREE_MATCHES_ALLOC", w.object(), "kvfree", "kfree")));

    /**
     * What runs on a kernel function is allowed to run there: no tracing prog
     * on the {@code btf_id_deny} set (recursion through migrate_disable and
     * the RCU helpers), no fexit or fmod_ret on a {@code noreturn_deny}
     * function, fmod_ret only on the error-injection allowlist and on an
     * int-returning function, sleepable progs only where
     * {@code btf_id_allow_sleepable} says so; on a BPF subprog neither
     * fmod_ret nor a sleepable prog. kernel/bpf/verifier.c
     * {@code bpf_check_attach_target}, {@code check_attach_btf_id}
     * (kernel-facts 2.1).
     */
    public static final Invariant ATTACH_ALLOWED = new Invariant("ATTACH_ALLOWED",
            "progs on a trampoline pass bpf_check_attach_target's rules: deny/noreturn lists, fmod_ret "
                    + "and sleepable allowlists (kernel/bpf/verifier.c)",
            Invariants::attachAllowed);

    /**
     * A prog is on a trampoline's list at most once: a second link of the
     * same prog gets -EBUSY ({@code bpf_trampoline_link_prog}: the prog is
     * already on this list), otherwise it would run twice per call.
     * kernel/bpf/trampoline.c.
     */
    public static final Invariant PROG_ONCE_PER_TRAMPOLINE = new Invariant("PROG_ONCE_PER_TRAMPOLINE",
            "a prog is at most once on each trampoline list (__bpf_trampoline_link_prog -EBUSY)",
            s -> s.trampolineList().flatMap(t -> t.allNodes().groupBy(TrampNode::prog).filter(e -> e._2.size() > 1)
                    .keySet().toList().sorted().map(p -> new Violation("PROG_ONCE_PER_TRAMPOLINE",
                            "trampoline " + t.key() + " prog " + p, "once", "more than once"))));

    /**
     * Every prog on a trampoline runs where it was attached: the trampoline's
     * site ({@code func.addr}, set by its first {@code bpf_trampoline_get}) is
     * the key's own target for tracing and multi links and the probe for an
     * SDT link. {@code bpf_trampoline_lookup} finds a trampoline by key alone
     * (kernel/bpf/trampoline.c), so two targets whose keys are equal share one
     * image at the first one's site; seed 004 keys SDT probes in the same
     * space as subprogs (H10).
     */
    public static final Invariant ONE_SITE_PER_TRAMPOLINE = new Invariant("ONE_SITE_PER_TRAMPOLINE",
            "every prog on a trampoline was attached at its site (keys of two targets never collide)",
            Invariants::oneSite);

    /** Every state invariant, in report order. */
    public static final List<Invariant> ALL = List.of(REF_PROG, REF_BTF, REF_MODULE, REF_TRAMPOLINE, NO_UNDERFLOW,
            NO_DANGLING, FTRACE_MATCHES_TRAMPOLINES, IMAGE_MATCHES_PROGS, IMAGE_OWNED, TRAMP_LINK_LIMIT,
            EXTENSION_EXCLUSIVE, QUIESCENT_IS_EMPTY, LINKINFO_MATCHES, NO_KERNEL_WARN, NO_MEMORY_LEAK,
            FREE_MATCHES_ALLOC, ATTACH_ALLOWED, PROG_ONCE_PER_TRAMPOLINE, ONE_SITE_PER_TRAMPOLINE);

    /**
     * A syscall that fails leaves the kernel as it found it: every error path
     * unwinds what it took. The one transition invariant.
     */
    public static final String FAILED_SYSCALL_CHANGES_NOTHING = "FAILED_SYSCALL_CHANGES_NOTHING";

    /** One violation per object the failed syscall changed, so each can be told apart. */
    public static List<Violation> checkTransition(KState before, Outcome out) {
        KState after = ftraceManagedAsBefore(before, out.state());
        if (out.errno().ok() || after.equals(before)) {
            return List.empty();
        }
        return StateDiff.parts(before, after).map(p -> new Violation(FAILED_SYSCALL_CHANGES_NOTHING,
                "syscall returning " + out.errno() + ": " + p._1, "unchanged", p._2));
    }

    /**
     * {@code after} with each trampoline's {@code ftrace_managed} as it was
     * {@code before}. A failed register leaves the flag set (6.12
     * kernel/bpf/trampoline.c:216-220) and so does the rollback of a multi
     * attach; it is read only while an image is installed, which takes a
     * register that sets it again from the same ftrace location, so it is no
     * change a later step can see.
     */
    public static KState ftraceManagedAsBefore(KState before, KState after) {
        return after.withTrampolines(after.trampolines().map((k, t) -> io.vavr.Tuple.of(k,
                before.trampolines().get(k).map(b -> t.withFtraceManaged(b.ftraceManaged())).getOrElse(t))));
    }

    /** The shared state invariants only: for a design, {@link #checkState(Design, KState)}. */
    public static List<Violation> checkState(KState s) {
        return ALL.flatMap(i -> i.check(s));
    }

    /** The shared invariants over one step, without a design's own. */
    public static List<Violation> check(KState before, Outcome out) {
        return checkState(out.state()).appendAll(checkTransition(before, out));
    }

    /**
     * The state invariants a design's states must keep: the shared ones, then
     * the design's own ({@link Design#invariants()}: over the objects only it
     * has, seed 003's metadata table say), in report order.
     */
    public static List<Invariant> forDesign(Design d) {
        return ALL.appendAll(d.invariants());
    }

    public static List<Violation> checkState(Design d, KState s) {
        return forDesign(d).flatMap(i -> i.check(s));
    }

    /** Every invariant of {@code d} over one step: the state ones on the new state, then the transition one. */
    public static List<Violation> check(Design d, KState before, Outcome out) {
        return checkState(d, out.state()).appendAll(checkTransition(before, out));
    }

    public static Option<Invariant> byId(String id) {
        return ALL.find(i -> i.id().equals(id));
    }

    public static List<String> ids() {
        return ALL.map(Invariant::id).append(FAILED_SYSCALL_CHANGES_NOTHING);
    }

    /** The ids {@code d}'s checks report: the shared ones and the design's own. */
    public static List<String> ids(Design d) {
        return forDesign(d).map(Invariant::id).append(FAILED_SYSCALL_CHANGES_NOTHING);
    }

    /** Every id any preset's checks can report: what a scenario file may expect. */
    public static List<String> everyId() {
        return ids().appendAll(Presets.ALL.flatMap(p -> p.design().invariants()).map(Invariant::id)).distinct();
    }

    /** A REF_* check: each object's stored count against the holders the state shows. */
    private static <T> List<Violation> refs(String id, List<T> objects, java.util.function.Function<T, String> name,
                                            java.util.function.ToIntFunction<T> count,
                                            java.util.function.ToIntFunction<T> holders) {
        return objects.flatMap(o -> {
            int h = holders.applyAsInt(o);
            int c = count.applyAsInt(o);
            return h == c ? List.<Violation>empty()
                    : List.of(new Violation(id, name.apply(o), h + " holders", "refcnt " + c));
        });
    }

    private static List<Violation> dangling(KState s) {
        List<Violation> v = List.empty();
        for (Link l : s.linkList()) {
            String who = "link " + l.id();
            if (s.progs().get(l.prog()).isEmpty()) {
                v = v.append(gone(who + " prog", "prog " + l.prog()));
            }
            for (Integer t : l.tgtProg().toList().appendAll(l.tgtProgs())) {
                if (s.progs().get(t).isEmpty()) {
                    v = v.append(gone(who + " tgt_prog", "prog " + t));
                }
            }
            for (LinkEntry e : l.entries()) {
                if (s.trampolines().get(e.tramp()).isEmpty()) {
                    v = v.append(gone(who + " entry", "trampoline " + e.tramp()));
                }
            }
            for (String b : l.btfs()) {
                if (s.btfs().get(b).isEmpty()) {
                    v = v.append(gone(who + " tgt_btfs", b));
                }
            }
            for (String m : l.mods()) {
                if (!s.moduleLive(m)) {
                    v = v.append(gone(who + " mods", "module " + m));
                }
            }
        }
        for (Prog p : s.progList()) {
            String who = "prog " + p.id();
            for (Integer d : p.dstProg()) {
                if (s.progs().get(d).isEmpty()) {
                    v = v.append(gone(who + " dst_prog", "prog " + d));
                }
            }
            for (Target t : p.dstTrampoline()) {
                if (s.trampolines().get(t).isEmpty()) {
                    v = v.append(gone(who + " dst_trampoline", "trampoline " + t));
                }
            }
            for (String b : p.attachBtf()) {
                if (s.btfs().get(b).isEmpty()) {
                    v = v.append(gone(who + " attach_btf", b));
                }
            }
            for (String m : p.mod()) {
                if (!s.moduleLive(m)) {
                    v = v.append(gone(who + " mod", "module " + m));
                }
            }
        }
        for (Trampoline t : s.trampolineList()) {
            String who = "trampoline " + t.key();
            for (TrampNode n : t.allNodes()) {
                if (s.links().get(n.link()).isEmpty()) {
                    v = v.append(gone(who + " node", "link " + n.link()));
                }
                if (s.progs().get(n.prog()).isEmpty()) {
                    v = v.append(gone(who + " node", "prog " + n.prog()));
                }
            }
            for (Integer ext : t.extension()) {
                if (s.links().get(ext).isEmpty()) {
                    v = v.append(gone(who + " extension_prog", "link " + ext));
                }
            }
            for (Image im : t.curImage()) {
                if (s.images().get(im).isEmpty()) {
                    v = v.append(gone(who + " cur_image", im.toString()));
                }
            }
            for (String m : t.mod()) {
                if (!s.moduleLive(m)) {
                    v = v.append(gone(who + " mod", "module " + m));
                }
            }
        }
        for (var e : s.directCalls()) {
            if (s.images().get(e._2).isEmpty()) {
                v = v.append(gone("ftrace site " + e._1, e._2.toString()));
            }
        }
        for (Image im : s.images().keySet()) {
            for (TrampNode n : im.fentry().appendAll(im.fexit()).appendAll(im.fmodRet())) {
                if (s.progs().get(n.prog()).isEmpty()) {
                    v = v.append(gone(im + " calls", "prog " + n.prog()));
                }
            }
        }
        return v;
    }

    private static List<Violation> attachAllowed(KState s) {
        List<Violation> v = List.empty();
        for (Trampoline t : s.trampolineList()) {
            for (multilink.model.state.TrampKind kind : List.of(multilink.model.state.TrampKind.FENTRY,
                    multilink.model.state.TrampKind.FEXIT, multilink.model.state.TrampKind.MODIFY_RETURN)) {
                for (TrampNode n : t.list(kind)) {
                    Option<Prog> p = s.progs().get(n.prog());
                    if (p.isEmpty()) {
                        continue; // NO_DANGLING reports it
                    }
                    for (String rule : brokenRules(s, t.key(), kind, p.get())) {
                        v = v.append(new Violation("ATTACH_ALLOWED", "trampoline " + t.key() + " prog " + n.prog()
                                + " (" + rule + ")", "allowed by " + rule, kind.toString().toLowerCase()
                                + (p.get().sleepable() ? " sleepable" : "") + " prog attached"));
                    }
                }
            }
        }
        return v;
    }

    private static List<String> brokenRules(KState s, Target key, multilink.model.state.TrampKind kind, Prog p) {
        boolean modRet = kind == multilink.model.state.TrampKind.MODIFY_RETURN;
        if (key instanceof Target.Subprog sp) {
            return List.of(modRet ? "fmod_ret on a BPF prog" : null, p.sleepable() ? "sleepable" : null,
                            p.type().tracing() && nestsTracing(s, sp.prog()) ? "tracing nesting" : null)
                    .filter(java.util.Objects::nonNull);
        }
        if (!(key instanceof Target.Func f)) {
            // an SDT probe site, inside a BPF prog too
            return List.of(modRet ? "fmod_ret on a BPF prog" : null, p.sleepable() ? "sleepable" : null)
                    .filter(java.util.Objects::nonNull);
        }
        Option<multilink.model.world.KernelFunc> of = s.world().function(f.name());
        if (of.isEmpty()) {
            return List.empty();
        }
        multilink.model.world.KernelFunc fn = of.get();
        return List.of(fn.denied() && p.type().tracing() ? "btf_id_deny" : null,
                        fn.noreturn() && kind != multilink.model.state.TrampKind.FENTRY ? "noreturn_deny" : null,
                        modRet && !(fn.fmodRetAllowed() && fn.returnsInt()) ? "fmod_ret allowlist" : null,
                        p.sleepable() && !fn.sleepableAllowed() ? "sleepable allowlist" : null)
                .filter(java.util.Objects::nonNull);
    }

    private static List<Violation> oneSite(KState s) {
        return s.trampolineList().flatMap(t -> t.allNodes().flatMap(n -> {
            Option<Link> l = s.links().get(n.link());
            Target asked = l.exists(x -> x.type().equals(multilink.model.state.LinkType.SDT))
                    ? s.progs().get(n.prog()).flatMap(Prog::attachTarget).getOrElse(t.key())
                    : t.key();
            return asked.equals(t.site()) ? List.<Violation>empty()
                    : List.of(new Violation("ONE_SITE_PER_TRAMPOLINE", "trampoline " + t.key() + " link " + n.link(),
                    "runs at " + asked, "runs at " + t.site()));
        }));
    }

    /**
     * The target prog is a tracing prog that itself traces a tracing prog
     * (verified against one, or linked to one): a tracing prog on it would be
     * a second level of nesting, which bpf_check_attach_target refuses
     * ("Cannot nest tracing program attach more than once",
     * kernel/bpf/verifier.c:22621-22630 in 6.12).
     */
    private static boolean nestsTracing(KState s, int prog) {
        if (!multilink.model.kernel.AttachTarget.progType(s, prog).exists(ProgType::tracing)) {
            return false;
        }
        java.util.function.Predicate<Target> tracingTarget = t -> t instanceof Target.Subprog x
                && multilink.model.kernel.AttachTarget.progType(s, x.prog()).exists(ProgType::tracing);
        return s.progs().get(prog).flatMap(Prog::attachTarget).exists(tracingTarget::test)
                || s.linkList().exists(l -> l.prog() == prog && l.entries().exists(e -> tracingTarget.test(e.tramp())));
    }

    private static Violation gone(String who, String what) {
        return new Violation("NO_DANGLING", who, what + " alive", "freed");
    }

    private static List<Violation> linkinfo(KState s) {
        List<Violation> v = List.empty();
        for (Link l : s.linkList()) {
            Option<Prog> p = s.progs().get(l.prog());
            if (p.isEmpty()) {
                continue; // NO_DANGLING reports it
            }
            for (LinkEntry e : l.entries()) {
                Option<Trampoline> t = s.trampolines().get(e.tramp());
                if (t.isEmpty()) {
                    continue;
                }
                boolean ok = p.get().type() == ProgType.FREPLACE
                        ? t.get().extension().contains(l.id())
                        : t.get().list(p.get().type().kind()).contains(new TrampNode(l.id(), l.prog(), e.cookie()));
                if (!ok) {
                    v = v.append(new Violation("LINKINFO_MATCHES", "link " + l.id() + " entry " + e.tramp(),
                            "node on trampoline", "not attached"));
                }
            }
        }
        for (Trampoline t : s.trampolineList()) {
            for (TrampNode n : t.allNodes()) {
                boolean listed = s.links().get(n.link())
                        .exists(l -> l.entries().exists(e -> e.tramp().equals(t.key()) && e.cookie() == n.cookie()));
                if (!listed) {
                    v = v.append(new Violation("LINKINFO_MATCHES", "trampoline " + t.key() + " node " + n,
                            "owned by a link listing it", "no such link entry"));
                }
            }
        }
        return v;
    }
}
