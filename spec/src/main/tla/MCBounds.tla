------------------------------ MODULE MCBounds ------------------------------
(***************************************************************************)
(* Model values and bounds shared by the MC modules: the small world of   *)
(* the exhaustive runs (Java: multilink.spec.bounds.Bounds.WORLD): two    *)
(* vmlinux functions in the fmod_ret kfunc set, one function of the       *)
(* module bpf_testmod, and the boot-time BPF prog 1 with the global       *)
(* subprogs subprog_a and subprog_b (targets for fentry/fexit and         *)
(* freplace; an extension loaded for one may be attached to the other)    *)
(* and the SDT probes probe_pass and probe_drop (seed 004; only           *)
(* sdt-observer's loads name them, probe_drop's key meets subprog_a's);   *)
(* and the set of syscalls a run tries in every state.                    *)
(***************************************************************************)
EXTENDS KernelObjects

\* nrArgs: the argument count (DefaultWorld's KernelFunc.nrArgs).
Func(module, nrArgs, sleepable, fmodRet) ==
    [module |-> module, btf |-> IF module = {} THEN "vmlinux" ELSE "btf:" \o CHOOSE m \in module : TRUE,
     nrArgs |-> nrArgs, sleepableAllowed |-> sleepable, fmodRetAllowed |-> fmodRet, returnsInt |-> TRUE,
     ftraceable |-> TRUE, noreturn |-> FALSE, denied |-> FALSE]

MC_Fns ==
    ("bpf_fentry_test1" :> Func({}, 1, TRUE, TRUE)
     @@ "bpf_modify_return_test" :> Func({}, 2, FALSE, TRUE)
     @@ "bpf_testmod_fentry_test1" :> Func({"bpf_testmod"}, 1, FALSE, FALSE))
MC_Modules == {"bpf_testmod"}
MC_Subprogs == ("prog1:subprog_a" :> [prog |-> 1, name |-> "subprog_a", btfId |-> 1]
                @@ "prog1:subprog_b" :> [prog |-> 1, name |-> "subprog_b", btfId |-> 2])
\* Seed 004's probes of prog 1.  probe_drop's orig_off is subprog_a's BTF FUNC
\* id here (DefaultWorld has it meet subprog_b), so its key collides without
\* sdtkey (H10) with a subprog ClassicLoads already loads fentry and freplace for.
MC_Probes == ("prog1@probe_pass" :> [prog |-> 1, name |-> "probe_pass", origOff |-> 40]
              @@ "prog1@probe_drop" :> [prog |-> 1, name |-> "probe_drop", origOff |-> 1])
MC_TargetProgIds == {1}
MC_FirstUserProgId == 2
MC_MaxTrampLinks == 2
\* Java's Target order (functions by name, then subprogs): the order the merged series' sort gives.
MC_KeyRank == ("bpf_fentry_test1" :> 1 @@ "bpf_modify_return_test" :> 2 @@ "bpf_testmod_fentry_test1" :> 3
               @@ "prog1:subprog_a" :> 4 @@ "prog1:subprog_b" :> 5)

\* A fault fails the first or the second pass through its point.
Faults(points) == {NoFault} \cup {[point |-> p, hit |-> h] : p \in points, h \in 1..2}

\* The fault points of the classic paths, shared by every design.
ClassicPoints == {"link_alloc", "link_prime", "trampoline_get", "image_alloc", "arch_prepare",
                  "ftrace_register", "ftrace_modify", "ftrace_unregister"}

(***************************************************************************)
(* The chosen multi target lists, instead of every combination.  Seed 000 *)
(* (one BTF per multi prog): a single function, a pair out of sort order  *)
(* that contains it (two links that partly overlap), a duplicate pair.    *)
(* Seed 001 (any targets, tgt_fds for subprogs): a pair with a module     *)
(* function, a pair of a subprog and a function they share (partly        *)
(* overlapping), the module function twice (its BTF and module twice in  *)
(* the ptr_arrays, then -EBUSY).  The classic kernel tries ModulePair     *)
(* with its own progs: a multi attach type on a kernel without multi      *)
(* links.                                                                  *)
(***************************************************************************)
SingleList == <<"bpf_modify_return_test">>
ReversedPair == <<"bpf_modify_return_test", "bpf_fentry_test1">>
DuplicatePair == <<"bpf_fentry_test1", "bpf_fentry_test1">>
ModulePair == <<"bpf_testmod_fentry_test1", "bpf_fentry_test1">>
SubprogOverlap == <<"prog1:subprog_a", "bpf_fentry_test1">>
ModuleDuplicate == <<"bpf_testmod_fentry_test1", "bpf_testmod_fentry_test1">>

(***************************************************************************)
(* The chosen loads (prog type, target), instead of every combination:    *)
(* fentry and fexit on one function (two lists on one trampoline), fentry *)
(* on the module function and on the subprog, fmod_ret on an allowed     *)
(* function, freplace on the subprog, and one load of each kind the       *)
(* verifier rejects (fmod_ret off the allowlist, freplace without a target *)
(* prog).  The multi designs add fentry_multi on a vmlinux function and    *)
(* on the module function; seed 000 also fexit_multi, and fentry_multi on *)
(* the subprog, which it rejects.                                         *)
(***************************************************************************)
ClassicLoads ==
    {<<"fentry", "bpf_fentry_test1">>, <<"fexit", "bpf_fentry_test1">>,
     <<"fentry", "bpf_testmod_fentry_test1">>, <<"fentry", "prog1:subprog_a">>,
     <<"fmod_ret", "bpf_modify_return_test">>, <<"fmod_ret", "bpf_testmod_fentry_test1">>,
     <<"freplace", "prog1:subprog_a">>, <<"freplace", "bpf_fentry_test1">>}
SingleOpsLoads ==
    {<<"fentry_multi", "bpf_fentry_test1">>, <<"fexit_multi", "bpf_fentry_test1">>,
     <<"fentry_multi", "bpf_testmod_fentry_test1">>, <<"fentry_multi", "prog1:subprog_a">>}
DongV1Loads ==
    {<<"fentry_multi", "bpf_fentry_test1">>, <<"fentry_multi", "bpf_testmod_fentry_test1">>}

(***************************************************************************)
(* The syscalls of a run, given: the loads it tries, the fault points of  *)
(* the design (each syscall but close_prog, detach_link and unload_module *)
(* is tried plain and with a fault at hit 1 and 2 at each of them; Next   *)
(* takes a faulted one only where its fault fires), the multi target      *)
(* lists, whether a multi attach passes cookies 1..n, the count one above *)
(* the design's limit for one more multi attach of ReversedPair (cnt      *)
(* overrides the count: the -E2BIG of the count check; 0 for none), and  *)
(* MaxProgs/MaxLinks.  close_prog names the target prog and every user id *)
(* up to one above the bound (EBADF), close_link the link ids up to one   *)
(* above the bound; an attach names live ids only, as its EBADF path is   *)
(* the same for a closed prog; detach_link names link 1 (-EOPNOTSUPP while *)
(* it lives, -EBADF after: no link type has a detach op).                  *)
(* Java's multilink.spec.bounds.StepSpace builds the same set; the graph  *)
(* run ASSUMEs they are equal.                                             *)
(***************************************************************************)
MC_Steps(loads, points, lists, withCookies, bigCnt, maxProgs, maxLinks) ==
    LET progIds == MC_TargetProgIds \cup MC_FirstUserProgId..(MC_FirstUserProgId + maxProgs)
        attachIds == MC_FirstUserProgId..(MC_FirstUserProgId + maxProgs - 1)
        linkIds == 1..(maxLinks + 1)
    IN
       UNION {[op : {"load"}, type : {l[1]}, target : {l[2]}, sleepable : {FALSE},
               fault : Faults(points \cap {"trampoline_get"})] : l \in loads}
    \cup [op : {"close_prog"}, prog : progIds, fault : {NoFault}]
    \cup [op : {"attach"}, prog : attachIds, retarget : {{}} \cup {{s} : s \in DOMAIN MC_Subprogs}, cookie : {0},
          fault : Faults(points \cap ClassicPoints)]
    \cup (IF lists = {} THEN {}
          ELSE UNION {[op : {"attach_multi"}, prog : attachIds, targets : {ts},
                       cookies : {IF withCookies THEN {[i \in 1..Len(ts) |-> i]} ELSE {}}, flags : {0}, cnt : {{}},
                       fault : Faults(points)] : ts \in lists})
    \cup (IF bigCnt = 0 THEN {}
          ELSE [op : {"attach_multi"}, prog : attachIds, targets : {ReversedPair},
                cookies : {IF withCookies THEN {<<1, 2>>} ELSE {}}, flags : {0}, cnt : {{bigCnt}}, fault : {NoFault}])
    \cup [op : {"close_link"}, link : linkIds, fault : Faults(points)]
    \cup [op : {"detach_link"}, link : {1}, fault : {NoFault}]
    \cup [op : {"unload_module"}, module : MC_Modules, fault : {NoFault}]
=============================================================================
