--------------------------- MODULE KernelObjects ---------------------------
(***************************************************************************)
(* The kernel objects every design shares and their reference counting,   *)
(* as pure operators over a kernel state record k:                        *)
(*                                                                         *)
(*   k.progs    prog id -> struct bpf_prog (reduced, see Prog below)       *)
(*   k.links    link id -> bpf_tracing_link / bpf_tracing_multi_link       *)
(*   k.tramps   trampoline key -> struct bpf_trampoline                    *)
(*   k.images   image -> number of live bpf_tramp_image allocations        *)
(*   k.direct   traced site -> the image its entry calls (ftrace direct)   *)
(*   k.btfs     BTF name -> refcount                                       *)
(*   k.modules  module name -> [refcnt, live]                              *)
(*   k.warnings the kinds of kernel WARN hit so far (sticky, like taint)   *)
(*   k.dobjects the design's own objects (<<>> for the shared ones only)  *)
(*                                                                         *)
(* A syscall runs as a transaction record T = [k, fault, err, ...]: the   *)
(* state as the C code has changed it so far, the injected fault still to *)
(* come, and the errno of the last failing call ("ok" when none).  Each   *)
(* helper mirrors one kernel function: bpf_prog_put, btf_put,             *)
(* try_module_get, bpf_trampoline_get/put, bpf_tramp_image_alloc/put.     *)
(* Options (a pointer that may be NULL) are sets of at most one element.  *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS
    Fns,            \* kernel function name -> [module, btf, nrArgs, sleepableAllowed, fmodRetAllowed,
                    \*   returnsInt, ftraceable, noreturn, denied]; module is a set of 0 or 1 name
    Modules,        \* loadable modules, each with its own BTF
    Subprogs,       \* subprog key ("prog1:subprog_a") -> [prog, name, btfId]: global subprogs of target
                    \*   progs; btfId is the low half of its trampoline key (its BTF FUNC id)
    Probes,         \* SDT probe key ("prog1@probe_pass") -> [prog, name, origOff]: seed 004's probe
                    \*   sites in target progs, orig_off the low half of the key the RFC gives them
    TargetProgIds,  \* ids of the BPF programs loaded at boot (their subprogs are targets)
    FirstUserProgId,\* lowest id a user-loaded prog takes
    MaxTrampLinks,  \* BPF_MAX_TRAMP_LINKS (lowered in small worlds)
    KeyRank,        \* trampoline key -> position in the order the merged series sorts ids by
    Switches        \* the design's switches: features, fixes of known findings, seeded bugs
                    \*   (the names of model/.../design/Switches.java)

VMLINUX == "vmlinux"
ModBtf(m) == "btf:" \o m

(***************************************************************************)
(* A design is a preset plus switches.  Where the C code of a preset,     *)
(* one of its fixes or a seeded bug differ, the operators below branch on *)
(* On(name), as the Java model branches on tx.on(name).                    *)
(***************************************************************************)
On(sw) == sw \in Switches

IsFunc(t) == t \in DOMAIN Fns
IsSubprog(t) == t \in DOMAIN Subprogs
IsProbe(t) == t \in DOMAIN Probes

Some(o) == o # {}
The(o) == CHOOSE x \in o : TRUE

\* Function update and removal; Put adds the key when it is new.
Put(f, x, v) == (x :> v) @@ f
Del(f, x) == [y \in DOMAIN f \ {x} |-> f[y]]
Range(f) == {f[x] : x \in DOMAIN f}
SeqContains(s, x) == \E i \in 1..Len(s) : s[i] = x
\* Vavr's List.remove: drop the first element equal to x.
RemoveFirst(s, x) ==
    IF ~SeqContains(s, x) THEN s
    ELSE LET i == CHOOSE j \in 1..Len(s) : s[j] = x /\ \A m \in 1..(j - 1) : s[m] # x
         IN SubSeq(s, 1, i - 1) \o SubSeq(s, i + 1, Len(s))
Min(S) == CHOOSE x \in S : \A y \in S : x <= y

(***************************************************************************)
(* The syscall transaction.                                                *)
(***************************************************************************)
NoFault == [point |-> "none", hit |-> 0]

\* Every injection point (model: step.FaultPoint).
FaultPoints == {"link_alloc", "array_alloc", "kvmalloc_vmalloc", "copy_from_user", "link_prime", "trampoline_get",
                "image_alloc", "arch_prepare", "ftrace_hash_alloc", "ftrace_register", "ftrace_modify",
                "ftrace_unregister"}

\* ds is the design's own scratch: nothing until a design's operator sets
\* it (SingleOpsMulti's SOScratch, DongV1Ops' ptr_arrays), so a design's
\* working values add no field to the shared record.
Begin(k, fault) == [k |-> k, fault |-> fault, quiet |-> FALSE, passes |-> [p \in FaultPoints |-> 0],
                    err |-> "ok", bufs |-> <<>>, ds |-> <<>>]

Failed(T) == T.err # "ok"
Fail(T, e) == [T EXCEPT !.err = e]
Clear(T) == [T EXCEPT !.err = "ok"]

\* An injection point: Fires(T, p) says whether this pass fails; Pass(T, p)
\* counts the pass.  A fault (p, n) fails the n-th pass through p only.
\* Code run Quietly passes no injection point: its resources were reserved
\* before (the detachnofail fix; Java's Tx.withoutFaults).  T.passes is
\* what a run needs to know whether a fault can fire at all (Tx.passes).
Fires(T, p) == ~T.quiet /\ T.fault.point = p /\ T.fault.hit = T.passes[p] + 1
Pass(T, p) == IF T.quiet THEN T ELSE [T EXCEPT !.passes[p] = @ + 1]
Quietly(T, Op(_)) == [Op([T EXCEPT !.quiet = TRUE]) EXCEPT !.quiet = T.quiet]
\* Op on T, run Quietly when the design has switch sw on.
QuietlyIf(sw, T, Op(_)) == IF On(sw) THEN Quietly(T, Op) ELSE Op(T)

Warn(T, kind) == [T EXCEPT !.k.warnings = @ \cup {kind}]

(***************************************************************************)
(* Heap buffers of one syscall (T.bufs): kmalloc'd or kvmalloc'd, each    *)
(* freed, or adopted by an object that outlives the call.  kvmalloc falls *)
(* back to vmalloc at the injection point "kvmalloc_vmalloc", which is not *)
(* a failure; a kfree of such a buffer is wrong (mm/util.c: use kvfree).  *)
(* What is left at the return is what kmemleak reports.  Only dong-v1's  *)
(* attach allocates; buffers are named by what they hold, unique per call. *)
(***************************************************************************)
KMalloc(T, what) == [T EXCEPT !.bufs = Append(@, [what |-> what, vmalloc |-> FALSE])]

\* Only a size above PAGE_SIZE (4096 on x86-64) can fall back to vmalloc and
\* passes the point (mm/util.c:661 in 6.12: kmalloc's result stands at or below it).
KvMalloc(T, what, bytes) ==
    IF bytes <= 4096 THEN [T EXCEPT !.bufs = Append(@, [what |-> what, vmalloc |-> FALSE])]
    ELSE [Pass(T, "kvmalloc_vmalloc") EXCEPT !.bufs = Append(@, [what |-> what, vmalloc |-> Fires(T, "kvmalloc_vmalloc")])]

Held(T, what) == \E i \in 1..Len(T.bufs) : T.bufs[i].what = what
Buf(T, what) == T.bufs[CHOOSE i \in 1..Len(T.bufs) : T.bufs[i].what = what]
Adopt(T, what) == [T EXCEPT !.bufs = RemoveFirst(@, Buf(T, what))]
KFree(T, what) == IF Buf(T, what).vmalloc THEN Warn(Adopt(T, what), "FREE_MISMATCH") ELSE Adopt(T, what)
KvFree(T, what) == Adopt(T, what)
KFreeIfHeld(T, what) == IF Held(T, what) THEN KFree(T, what) ELSE T
KvFreeIfHeld(T, what) == IF Held(T, what) THEN KvFree(T, what) ELSE T

\* The return to user space: whatever is still allocated and unowned leaked.
Finish(T) == IF T.bufs = <<>> THEN T ELSE Warn(T, "MEMORY_LEAK")

(***************************************************************************)
(* struct bpf_prog: type, the target it was verified against, sleepable,  *)
(* user fd open, aux->refcnt, aux->attach_btf, aux->mod, aux->dst_prog,   *)
(* aux->dst_trampoline.                                                    *)
(***************************************************************************)
TrampKind(type) ==
    CASE type \in {"fentry", "fentry_multi", "sdt"} -> "fentry"
      [] type \in {"fexit", "fexit_multi"} -> "fexit"
      [] type \in {"fmod_ret", "fmod_ret_multi"} -> "fmodRet"
      [] type = "freplace" -> "replace"
      [] OTHER -> "none"

IsMulti(type) == type \in {"fentry_multi", "fexit_multi", "fmod_ret_multi"}
\* BPF_PROG_TYPE_TRACING, as opposed to EXT, SDT and the boot-time targets.
IsTracing(type) == type \notin {"freplace", "target", "sdt"}

ProgByFd(k, id) == id \in DOMAIN k.progs /\ k.progs[id].fd

\* The list a link's nodes are on: its prog's kind, or, once the prog is gone
\* (only a broken design gets there), the list that holds its nodes.
LinkKind(k, id) ==
    LET l == k.links[id] IN
    IF l.prog \in DOMAIN k.progs THEN TrampKind(k.progs[l.prog].type)
    ELSE LET hits == {<<key, kind>> \in (DOMAIN k.tramps) \X {"fentry", "fexit", "fmodRet"} :
                          \E i \in 1..Len(k.tramps[key][kind]) : k.tramps[key][kind][i].link = id}
                     \cup {<<key, "replace">> : key \in {x \in DOMAIN k.tramps : id \in k.tramps[x].ext}}
         IN IF hits = {} THEN "fentry" ELSE (CHOOSE h \in hits : TRUE)[2]

(***************************************************************************)
(* struct bpf_trampoline: refcnt, the three prog lists (head runs first), *)
(* extension_prog (a link id), cur_image.  An image is the value it was   *)
(* generated from.  Under "trampmod" (6.1) also tr->mod, the module a     *)
(* registered trampoline pins, and func.ftrace_managed, set by the first  *)
(* register that found an ftrace site and kept; elsewhere {} and FALSE.   *)
(* site is func.addr, where its image is called from: set by the get that *)
(* creates it and kept by later ones.  It is the key's own target, except *)
(* where seed 004's SDT probe and a subprog share a key (H10).            *)
(***************************************************************************)
FreshTramp(site) == [refcnt |-> 1, fentry |-> <<>>, fexit |-> <<>>, fmodRet |-> <<>>, ext |-> {}, image |-> {},
                     mod |-> {}, ftrace |-> FALSE, site |-> site]
ProgCount(tr) == Len(tr.fentry) + Len(tr.fexit) + Len(tr.fmodRet)
TrampEmpty(tr) == ProgCount(tr) = 0 /\ tr.ext = {}
AllNodes(tr) == tr.fentry \o tr.fexit \o tr.fmodRet
WantedImage(key, tr) == [tramp |-> key, fentry |-> tr.fentry, fexit |-> tr.fexit, fmodRet |-> tr.fmodRet]
ImageNodes(im) == im.fentry \o im.fexit \o im.fmodRet
SeqRange(s) == {s[i] : i \in 1..Len(s)}

(***************************************************************************)
(* Modules: try_module_get fails once the module is going.                *)
(***************************************************************************)
ModuleTryGet(T, m) ==
    IF m \in DOMAIN T.k.modules /\ T.k.modules[m].live
    THEN [T EXCEPT !.k.modules[m].refcnt = @ + 1]
    ELSE Fail(T, "ENOENT")

ModulePut(T, m) ==
    IF m \notin DOMAIN T.k.modules \/ T.k.modules[m].refcnt <= 0 THEN Warn(T, "REFCOUNT_UNDERFLOW")
    ELSE [T EXCEPT !.k.modules[m].refcnt = @ - 1]

(***************************************************************************)
(* BTF objects: btf_get on a freed BTF is a use after free.               *)
(***************************************************************************)
BtfGet(T, b) ==
    LET r == IF b \in DOMAIN T.k.btfs THEN T.k.btfs[b] + 1 ELSE 1
        T1 == IF r = 1 THEN Warn(T, "REFCOUNT_UNDERFLOW") ELSE T
    IN [T1 EXCEPT !.k.btfs = Put(@, b, r)]

BtfPut(T, b) ==
    IF b \notin DOMAIN T.k.btfs THEN Warn(T, "REFCOUNT_UNDERFLOW")
    ELSE IF T.k.btfs[b] = 1 THEN [T EXCEPT !.k.btfs = Del(@, b)]
    ELSE [T EXCEPT !.k.btfs[b] = @ - 1]

(***************************************************************************)
(* Images: allocation counts per image value, so a leak or a free of an   *)
(* image still in use stays visible.                                       *)
(***************************************************************************)
ImageAlloc(T, im) ==
    [T EXCEPT !.k.images = Put(@, im, IF im \in DOMAIN @ THEN @[im] + 1 ELSE 1)]

ImagePut(T, im) ==
    IF im \notin DOMAIN T.k.images THEN Warn(T, "REFCOUNT_UNDERFLOW")
    ELSE IF T.k.images[im] = 1 THEN [T EXCEPT !.k.images = Del(@, im)]
    ELSE [T EXCEPT !.k.images[im] = @ - 1]

ImagePutOpt(T, o) == IF Some(o) THEN ImagePut(T, The(o)) ELSE T

DirectSet(T, site, im) == [T EXCEPT !.k.direct = Put(@, site, im)]
DirectClear(T, site) == [T EXCEPT !.k.direct = Del(@, site)]

(***************************************************************************)
(* Trampolines: bpf_trampoline_get looks up or creates (NULL on a failed  *)
(* allocation); bpf_trampoline_put frees at zero, unless progs are still  *)
(* on it: then it WARNs and the trampoline leaks.                          *)
(***************************************************************************)
\* TrampGetAt: the same for a caller whose tgt_addr is site (the kernel fills
\* func.addr only while it is NULL, so an existing trampoline keeps its site).
TrampGetAt(T, key, site) ==
    IF key \in DOMAIN T.k.tramps THEN [T EXCEPT !.k.tramps[key].refcnt = @ + 1]
    ELSE IF Fires(T, "trampoline_get") THEN Fail(Pass(T, "trampoline_get"), "ENOMEM")
    ELSE [Pass(T, "trampoline_get") EXCEPT !.k.tramps = Put(@, key, FreshTramp(site))]
TrampGet(T, key) == TrampGetAt(T, key, key)

TrampPut(T, key) ==
    IF key \notin DOMAIN T.k.tramps \/ T.k.tramps[key].refcnt <= 0 THEN Warn(T, "REFCOUNT_UNDERFLOW")
    ELSE LET tr == T.k.tramps[key] IN
         IF tr.refcnt > 1 THEN [T EXCEPT !.k.tramps[key].refcnt = @ - 1]
         ELSE IF ~TrampEmpty(tr)
              THEN Warn([T EXCEPT !.k.tramps[key].refcnt = 0], "TRAMPOLINE_PUT_NONEMPTY")
              ELSE [T EXCEPT !.k.tramps = Del(@, key)]

(***************************************************************************)
(* Progs: bpf_prog_inc / bpf_prog_put.  The last put frees the prog, which *)
(* drops aux->mod, aux->attach_btf, aux->dst_prog, aux->dst_trampoline.   *)
(* A prog freed while its fd is open is a refcount underflow to come: the *)
(* fd's close puts a freed prog.                                           *)
(***************************************************************************)
ProgInc(T, id) ==
    IF id \notin DOMAIN T.k.progs THEN Warn(T, "REFCOUNT_UNDERFLOW")
    ELSE [T EXCEPT !.k.progs[id].refcnt = @ + 1]

RECURSIVE ProgPut(_, _)
ProgPut(T, id) ==
    IF id \notin DOMAIN T.k.progs \/ T.k.progs[id].refcnt <= 0 THEN Warn(T, "REFCOUNT_UNDERFLOW")
    ELSE LET p == T.k.progs[id] IN
         IF p.refcnt > 1 THEN [T EXCEPT !.k.progs[id].refcnt = @ - 1]
         ELSE LET T0 == IF p.fd THEN Warn(T, "REFCOUNT_UNDERFLOW") ELSE T
                  T1 == [T0 EXCEPT !.k.progs = Del(@, id)]
                  T2 == IF Some(p.mod) /\ ~On("bug_prog_free_no_mod_put") THEN ModulePut(T1, The(p.mod)) ELSE T1
                  T3 == IF Some(p.btf) /\ ~On("bug_prog_free_no_btf_put") THEN BtfPut(T2, The(p.btf)) ELSE T2
                  T4 == IF Some(p.dstProg) THEN ProgPut(T3, The(p.dstProg)) ELSE T3
              IN IF Some(p.dstTramp) THEN TrampPut(T4, The(p.dstTramp)) ELSE T4

\* Folds over a sequence of object names: put each in order.
RECURSIVE ForEach(_, _, _)
ForEach(Op(_, _), T, s) == IF s = <<>> THEN T ELSE ForEach(Op, Op(T, Head(s)), Tail(s))

(***************************************************************************)
(* Ids.  A new link takes the lowest id no object names; a new prog the   *)
(* lowest id from FirstUserProgId on that nothing refers to (the kernel's *)
(* idr is cyclic, so an id a dangling pointer still names is not reused). *)
(***************************************************************************)
NodeLinks(s) == {s[i].link : i \in 1..Len(s)}
NodeProgs(s) == {s[i].prog : i \in 1..Len(s)}

UsedLinkIds(k) ==
    DOMAIN k.links
    \cup UNION {NodeLinks(AllNodes(tr)) \cup tr.ext : tr \in Range(k.tramps)}
    \cup UNION {NodeLinks(ImageNodes(im)) : im \in DOMAIN k.images}

FreeLinkId(k) == LET U == UsedLinkIds(k) IN Min({i \in 1..(Cardinality(U) + 1) : i \notin U})

UsedProgIds(k) ==
    DOMAIN k.progs
    \cup UNION {{l.prog} \cup l.tgtProg \cup SeqRange(l.tgtProgs) : l \in Range(k.links)}
    \cup UNION {NodeProgs(AllNodes(tr)) : tr \in Range(k.tramps)}
    \cup UNION {NodeProgs(ImageNodes(im)) : im \in DOMAIN k.images}

FreeProgId(k) ==
    LET U == UsedProgIds(k)
    IN Min({i \in FirstUserProgId..(FirstUserProgId + Cardinality(U)) : i \notin U})

\* The functions whose entry a design's own ftrace ops call (seed 003's
\* global trampoline): the field direct of the design's objects, which a
\* design with such sites keeps (DesignObjects.directSites in the model).
DesignDirectSites(k) == IF "direct" \in DOMAIN k.dobjects THEN k.dobjects.direct ELSE {}

(***************************************************************************)
(* The state at boot: target progs held by their fd, vmlinux's BTF, every *)
(* module loaded, unused, holding its own BTF.                            *)
(***************************************************************************)
InitKernel ==
    [progs |-> [id \in TargetProgIds |-> [type |-> "target", target |-> {}, sleepable |-> FALSE,
                    fd |-> TRUE, refcnt |-> 1, btf |-> {}, mod |-> {}, dstProg |-> {}, dstTramp |-> {}]],
     links |-> <<>>, tramps |-> <<>>, images |-> <<>>, direct |-> <<>>,
     btfs |-> [b \in {VMLINUX} \cup {ModBtf(m) : m \in Modules} |-> 1],
     modules |-> [m \in Modules |-> [refcnt |-> 0, live |-> TRUE]],
     warnings |-> {},
     dobjects |-> <<>>]
=============================================================================
