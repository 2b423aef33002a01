----------------------------- MODULE Invariants -----------------------------
(***************************************************************************)
(* The invariants, with the ids the Java model uses                       *)
(* (multilink.model.invariant.Invariants).  Each says which kernel rule it *)
(* encodes.  The REF_* ones count holders off the state itself, never off *)
(* a shadow counter.                                                       *)
(***************************************************************************)
EXTENDS KernelState

Count(s, x) == Cardinality({i \in 1..Len(s) : s[i] = x})
SumOver(S, F(_)) == LET RECURSIVE Sum(_) Sum(X) == IF X = {} THEN 0 ELSE LET x == CHOOSE y \in X : TRUE
                                                                         IN F(x) + Sum(X \ {x})
                    IN Sum(S)

\* Who holds a reference on prog id: its user fd, links' prog and tgt_prog(s),
\* other progs' dst_prog.
ProgHolders(id) ==
    Cardinality({p \in DOMAIN progs : p = id /\ progs[p].fd})
    + Cardinality({p \in DOMAIN progs : id \in progs[p].dstProg})
    + SumOver(DOMAIN links, LAMBDA l : (IF links[l].prog = id THEN 1 ELSE 0)
                                      + (IF id \in links[l].tgtProg THEN 1 ELSE 0)
                                      + Count(links[l].tgtProgs, id))

\* bpf_prog refcnt == its holders (kernel/bpf/syscall.c bpf_prog_get/put).
REF_PROG == \A id \in DOMAIN progs : ProgHolders(id) = progs[id].refcnt

\* btf refcnt == the kernel (vmlinux) or its live module + progs' attach_btf
\* + seed 001 links' tgt_btfs (kernel/bpf/btf.c).
BtfHolders(b) ==
    (IF b = VMLINUX THEN 1 ELSE 0)
    + Cardinality({m \in DOMAIN modules : modules[m].live /\ ModBtf(m) = b})
    + Cardinality({p \in DOMAIN progs : b \in progs[p].btf})
    + SumOver(DOMAIN links, LAMBDA l : Count(links[l].btfs, b))

REF_BTF == \A b \in DOMAIN btfs : BtfHolders(b) = btfs[b]

\* module refcnt == progs' aux->mod + seed 001 links' mods[] (verifier.c tgt_mod)
\* + 6.1's registered trampolines' tr->mod (trampoline.c bpf_trampoline_module_get).
ModuleHolders(m) ==
    Cardinality({p \in DOMAIN progs : m \in progs[p].mod}) + SumOver(DOMAIN links, LAMBDA l : Count(links[l].mods, m))
    + Cardinality({key \in DOMAIN tramps : m \in tramps[key].mod})

REF_MODULE == \A m \in DOMAIN modules : ModuleHolders(m) = modules[m].refcnt

\* trampoline refcnt == progs' dst_trampoline + link entries (bpf_trampoline_get/put).
TrampHolders(key) ==
    Cardinality({p \in DOMAIN progs : key \in progs[p].dstTramp})
    + SumOver(DOMAIN links, LAMBDA l : Cardinality({i \in 1..Len(links[l].entries) : links[l].entries[i].tramp = key}))

REF_TRAMPOLINE == \A key \in DOMAIN tramps : TrampHolders(key) = tramps[key].refcnt

\* No put took a count below zero or touched a freed object (refcount_t WARNs).
NO_UNDERFLOW == "REFCOUNT_UNDERFLOW" \notin warnings

\* Every pointer names a live object: a freed object still referenced is a
\* use after free (a module reference names a module still loaded).
LiveModules == {m \in DOMAIN modules : modules[m].live}
NO_DANGLING ==
    /\ \A l \in DOMAIN links :
        /\ links[l].prog \in DOMAIN progs
        /\ links[l].tgtProg \cup SeqRange(links[l].tgtProgs) \subseteq DOMAIN progs
        /\ \A i \in 1..Len(links[l].entries) : links[l].entries[i].tramp \in DOMAIN tramps
        /\ SeqRange(links[l].btfs) \subseteq DOMAIN btfs
        /\ SeqRange(links[l].mods) \subseteq LiveModules
    /\ \A p \in DOMAIN progs :
        /\ progs[p].dstProg \subseteq DOMAIN progs
        /\ progs[p].dstTramp \subseteq DOMAIN tramps
        /\ progs[p].btf \subseteq DOMAIN btfs
        /\ progs[p].mod \subseteq LiveModules
    /\ \A key \in DOMAIN tramps :
        /\ NodeLinks(AllNodes(tramps[key])) \cup tramps[key].ext \subseteq DOMAIN links
        /\ NodeProgs(AllNodes(tramps[key])) \subseteq DOMAIN progs
        /\ tramps[key].image \subseteq DOMAIN images
        /\ tramps[key].mod \subseteq LiveModules
    /\ \A site \in DOMAIN direct : direct[site] \in DOMAIN images
    /\ \A im \in DOMAIN images : NodeProgs(ImageNodes(im)) \subseteq DOMAIN progs

\* Each site's ftrace direct entry (or text poke) calls its trampoline's
\* cur_image (trampoline.c register/modify/unregister_fentry).
FTRACE_MATCHES_TRAMPOLINES ==
    /\ \A key \in DOMAIN tramps : (IF key \in DOMAIN direct THEN {direct[key]} ELSE {}) = tramps[key].image
    /\ DOMAIN direct \subseteq DOMAIN tramps

\* cur_image is generated from the trampoline's current lists; none without
\* progs (bpf_trampoline_update regenerates on every change).
IMAGE_MATCHES_PROGS ==
    \A key \in DOMAIN tramps :
        (IF ProgCount(tramps[key]) = 0 THEN {} ELSE {WantedImage(key, tramps[key])}) = tramps[key].image

\* Each live image allocation is exactly one trampoline's cur_image: no leak,
\* nothing installed twice (bpf_tramp_image_put on retire).
IMAGE_OWNED ==
    \A im \in DOMAIN images : Cardinality({key \in DOMAIN tramps : tramps[key].image = {im}}) = images[im]

\* progs per trampoline <= BPF_MAX_TRAMP_LINKS (include/linux/bpf.h).
TRAMP_LINK_LIMIT == \A key \in DOMAIN tramps : ProgCount(tramps[key]) <= MaxTrampLinks

\* An extension prog owns its trampoline alone (__bpf_trampoline_link_prog -EBUSY).
EXTENSION_EXCLUSIVE == \A key \in DOMAIN tramps : Some(tramps[key].ext) => ProgCount(tramps[key]) = 0

\* No links and no user progs left => nothing of the attach machinery left.
QUIESCENT_IS_EMPTY ==
    (DOMAIN links = {} /\ UserProgs = {}) =>
        /\ DOMAIN tramps = {}
        /\ DOMAIN images = {}
        /\ DOMAIN direct = {}
        /\ \A m \in DOMAIN modules : modules[m].refcnt = 0

\* What a link reports (fill_link_info, fdinfo) is what is attached, both ways.
LINKINFO_MATCHES ==
    /\ \A l \in DOMAIN links :
        links[l].prog \in DOMAIN progs =>
            \A i \in 1..Len(links[l].entries) :
                LET e == links[l].entries[i]
                    type == progs[links[l].prog].type
                IN e.tramp \in DOMAIN tramps =>
                    IF type = "freplace" THEN l \in tramps[e.tramp].ext
                    ELSE TrampKind(type) \in {"fentry", "fexit", "fmodRet"}
                         /\ SeqContains(tramps[e.tramp][TrampKind(type)],
                                        [link |-> l, prog |-> links[l].prog, cookie |-> e.cookie])
    /\ \A key \in DOMAIN tramps :
        LET ns == AllNodes(tramps[key]) IN
        \A i \in 1..Len(ns) :
            /\ ns[i].link \in DOMAIN links
            /\ \E j \in 1..Len(links[ns[i].link].entries) :
                 links[ns[i].link].entries[j].tramp = key /\ links[ns[i].link].entries[j].cookie = ns[i].cookie

\* No WARN_ON_ONCE reached (unlink/ftrace update errors, put of a non-empty
\* trampoline); refcount and memory reports have invariants of their own.
WarnOnKinds == {"UNLINK_FAILED", "TRAMPOLINE_PUT_NONEMPTY", "FTRACE_UPDATE_FAILED"}
NO_KERNEL_WARN == warnings \cap WarnOnKinds = {}

\* Every buffer a syscall allocates is freed or owned when it returns (kmemleak).
NO_MEMORY_LEAK == "MEMORY_LEAK" \notin warnings

\* kvmalloc'd memory is freed with kvfree, not kfree (mm/util.c).
FREE_MATCHES_ALLOC == "FREE_MISMATCH" \notin warnings

\* Progs on a trampoline pass bpf_check_attach_target's rules
\* (kernel/bpf/verifier.c): no tracing prog on a btf_id_deny function, no
\* fexit or fmod_ret on a noreturn_deny one, fmod_ret only on the
\* error-injection allowlist and an int-returning function, sleepable only
\* where btf_id_allow_sleepable says; on a BPF subprog neither fmod_ret nor
\* a sleepable prog.
AllowedOn(key, kind, p) ==
    IF ~IsFunc(key) THEN kind # "fmodRet" /\ ~p.sleepable
    ELSE LET fn == Fns[key] IN
         /\ ~(fn.denied /\ IsTracing(p.type))
         /\ ~(fn.noreturn /\ kind # "fentry")
         /\ kind = "fmodRet" => fn.fmodRetAllowed /\ fn.returnsInt
         /\ p.sleepable => fn.sleepableAllowed

ATTACH_ALLOWED ==
    \A key \in DOMAIN tramps : \A kind \in {"fentry", "fexit", "fmodRet"} :
        \A p \in NodeProgs(tramps[key][kind]) \cap DOMAIN progs : AllowedOn(key, kind, progs[p])

\* A prog is at most once on a trampoline's lists: a second link of the
\* same prog gets -EBUSY (__bpf_trampoline_link_prog), else it runs twice.
PROG_ONCE_PER_TRAMPOLINE ==
    \A key \in DOMAIN tramps :
        LET ns == AllNodes(tramps[key]) IN
        \A i, j \in 1..Len(ns) : i # j => ns[i].prog # ns[j].prog

\* Every prog on a trampoline runs where it was attached: the trampoline's
\* site (func.addr, set by its first bpf_trampoline_get) is the key's own
\* target for tracing and multi links and the probe for an SDT link.
\* bpf_trampoline_lookup finds a trampoline by key alone
\* (kernel/bpf/trampoline.c), so two targets with one key share one image at
\* the first one's site; seed 004 keys SDT probes in the same space as
\* subprogs (H10).
AttachedAt(key, n) ==
    IF n.link \in DOMAIN links /\ links[n.link].type = "sdt" /\ n.prog \in DOMAIN progs /\ Some(progs[n.prog].target)
    THEN The(progs[n.prog].target) ELSE key

ONE_SITE_PER_TRAMPOLINE ==
    \A key \in DOMAIN tramps :
        LET ns == AllNodes(tramps[key]) IN \A i \in 1..Len(ns) : AttachedAt(key, ns[i]) = tramps[key].site

\* A failing syscall leaves the kernel as it found it: every error path
\* unwinds what it took.  The one action property.
FAILED_SYSCALL_CHANGES_NOTHING == [][last'.errno # "ok" => UNCHANGED kernelVars]_vars

\* The same, but a kmemleak report may appear: what dong-v1's default run
\* checks, since H3 (a leak on -EEXIST or a failing first target) needs no
\* fault and cannot be bounded out.  MCDongV1Findings checks the full one.
FAILED_SYSCALL_CHANGES_NOTHING_BUT_LEAKS ==
    [][last'.errno # "ok" => /\ UNCHANGED <<progs, links, tramps, images, direct, btfs, modules, dobjects>>
                             /\ warnings' \ {"MEMORY_LEAK"} = warnings \ {"MEMORY_LEAK"}]_vars

\* The state invariants by id, for the conformance check's verdicts.
StateInvariants ==
    [REF_PROG |-> REF_PROG, REF_BTF |-> REF_BTF, REF_MODULE |-> REF_MODULE, REF_TRAMPOLINE |-> REF_TRAMPOLINE,
     NO_UNDERFLOW |-> NO_UNDERFLOW, NO_DANGLING |-> NO_DANGLING,
     FTRACE_MATCHES_TRAMPOLINES |-> FTRACE_MATCHES_TRAMPOLINES, IMAGE_MATCHES_PROGS |-> IMAGE_MATCHES_PROGS,
     IMAGE_OWNED |-> IMAGE_OWNED, TRAMP_LINK_LIMIT |-> TRAMP_LINK_LIMIT, EXTENSION_EXCLUSIVE |-> EXTENSION_EXCLUSIVE,
     QUIESCENT_IS_EMPTY |-> QUIESCENT_IS_EMPTY, LINKINFO_MATCHES |-> LINKINFO_MATCHES, NO_KERNEL_WARN |-> NO_KERNEL_WARN,
     NO_MEMORY_LEAK |-> NO_MEMORY_LEAK, FREE_MATCHES_ALLOC |-> FREE_MATCHES_ALLOC,
     ATTACH_ALLOWED |-> ATTACH_ALLOWED, PROG_ONCE_PER_TRAMPOLINE |-> PROG_ONCE_PER_TRAMPOLINE,
     ONE_SITE_PER_TRAMPOLINE |-> ONE_SITE_PER_TRAMPOLINE]

Broken == {id \in DOMAIN StateInvariants : ~StateInvariants[id]}
=============================================================================
