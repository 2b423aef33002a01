----------------------------- MODULE DongV2Global -----------------------------
(***************************************************************************)
(* seed 003 v2 (2025-07-03): per-function metadata and one global          *)
(* trampoline per argument count (DongV2GlobalOps).  Multi progs load     *)
(* against their first target without a trampoline (check_attach_btf_id  *)
(* returns before bpf_trampoline_get for the *_MULTI types, v2 11/18).    *)
(* Known findings: H2 (arch_bpf_get_regs_nr's failure leaks the module    *)
(* reference), H6a (unlink ignores the update's result), H6b              *)
(* (reset_ftrace_direct_ips fails after extending direct_functions), H6c  *)
(* (unlink stops at the first kfunc_md_bpf_unlink error), H14b (fexit and *)
(* fmod_ret multi progs on a noreturn function), H1 (kfree of the         *)
(* kvmalloc'd arrays), and the classic H9 and H15; their fixes are the    *)
(* switches regsnrput, unlinkupdate, resetrollback, mdunlinkall,          *)
(* noretmulti, kvfree, detachnofail, unregkeep.                            *)
(***************************************************************************)
EXTENDS DongV2GlobalOps, Invariants

SyscallDongV2Global(k, st) ==
    LET r == Syscall(k, st, DV2LoadsMulti, FALSE, LAMBDA s : TRUE, DV2AttachMulti, DV2ReleaseMulti)
    \* every syscall reports the design's points (0 where it passed none)
    IN [r EXCEPT !.passes = WithDV2Points(@)]

\* The syscall st on the current state.
Run(st) == SyscallDongV2Global(Kernel, st)

Do(st) == Take(Run(st), st)

Next == SyscallNext(Run, LAMBDA st, errno : TRUE)

\* Checked in the default configs: faulted steps whose fault cannot fire are
\* skipped by Next, and rightly so (they would repeat the plain step).
SKIPPED_FAULTS_CHANGE_NOTHING == SkippedFaultsChangeNothing(Run)

Spec == Init /\ [][Next]_vars

\* States are told apart by the kernel objects alone (see KernelState).
View == kernelVars

(***************************************************************************)
(* The design's own invariants, under the ids of the Java model's          *)
(* (DongV2Global.invariants()).                                            *)
(***************************************************************************)
D == DObj(Kernel)

\* The live multi links and the entries each names (bpf_gtramp_link.entries).
LiveDV2Links == DOMAIN D.links \cap DOMAIN links
EntryFuncs == UNION {{D.links[l][i].func : i \in 1..Len(D.links[l])} : l \in LiveDV2Links}

\* kfunc_md.nr_args is the function's argument count, as
\* arch_bpf_get_regs_nr gave it (kfunc_md_create, v2 05/18): the global
\* trampoline of another count would read the wrong number of registers.
KFUNC_MD_NR_ARGS == \A f \in DOMAIN D.md : D.md[f].nr_args = Fns[f].nrArgs

\* An md lives exactly while a live link names its function: users counts
\* the entries naming it (kfunc_md_create +1, kfunc_md_put -1, v2 01/18).
Naming(f) == SumOver(LiveDV2Links, LAMBDA l : Cardinality({i \in 1..Len(D.links[l]) : D.links[l][i].func = f}))
KFUNC_MD_USERS ==
    \A f \in DOMAIN D.md \cup EntryFuncs :
        (IF f \in DOMAIN D.md THEN D.md[f].users ELSE 0) = Naming(f)

\* Each md's prog lists are the links attached there: the prog of every
\* live link of that kind with an entry at the function, with its cookie,
\* as often as such entries exist (kfunc_md_bpf_link/_unlink, v2 01/18).
LinkKindOf(l) == IF links[l].prog \in DOMAIN progs THEN TrampKind(progs[links[l].prog].type) ELSE "none"
KindLinks(kind) == {l \in LiveDV2Links : LinkKindOf(l) = kind}
\* How often [prog, cookie] x is wanted on f's list of kind.
Attached(f, kind, x) ==
    SumOver({l \in KindLinks(kind) : links[l].prog = x.prog},
            LAMBDA l : Cardinality({i \in 1..Len(D.links[l]) : D.links[l][i] = [func |-> f, cookie |-> x.cookie]}))
Wanted(f, kind) ==
    UNION {{[prog |-> links[l].prog, cookie |-> D.links[l][i].cookie] : i \in {j \in 1..Len(D.links[l]) : D.links[l][j].func = f}}
           : l \in KindLinks(kind)}
KFUNC_MD_PROGS_MATCH_LINKS ==
    \A f \in DOMAIN D.md \cup EntryFuncs : \A kind \in {"fentry", "fexit", "fmodRet"} :
        LET s == IF f \in DOMAIN D.md THEN D.md[f][MdList(kind)] ELSE <<>> IN
        \A x \in SeqRange(s) \cup Wanted(f, kind) : Count(s, x) = Attached(f, kind, x)

\* The design keeps entries for exactly the live links of its type.
GTRAMP_LINKS_LIVE == DOMAIN D.links = {l \in DOMAIN links : links[l].type = "tracing_multi"}

\* Each global trampoline's ftrace filter is the functions with progs and its
\* argument count (bpf_gtrampoline_update: kfunc_md_bpf_ips, v2 05/18).
GTRAMP_FILTER_MATCHES_MD ==
    \A n \in 0..MAX_BPF_FUNC_ARGS : (IF GtrEnabled(D, n) THEN D.gtr[n] ELSE {}) = Ips(D, n)

\* The fops' direct_functions entries are their filters' functions
\* (register_ftrace_direct, reset_ftrace_direct_ips, v2 03/18, 04/18).
GTRAMP_DIRECT_MATCHES_FILTER == D.direct = UNION {D.gtr[n] : n \in DOMAIN D.gtr}

\* bpf_check_attach_target's deny sets hold for what the global trampolines
\* run (v2 09/18): no prog on a btf_id_deny function, no fexit or fmod_ret
\* prog on a noreturn_deny one.
KFUNC_MD_ATTACH_ALLOWED ==
    \A f \in DOMAIN D.md :
        /\ Fns[f].denied => ~HasProgs(D.md[f])
        /\ Fns[f].noreturn => D.md[f].fexit = <<>> /\ D.md[f].fmod_ret = <<>>

\* One direct entry per ip: no function is both a global trampoline's and a
\* classic trampoline's (ftrace_direct_update's -EBUSY, v2 03/18).
GTRAMP_DIRECT_EXCLUSIVE == D.direct \cap DOMAIN direct = {}
=============================================================================
