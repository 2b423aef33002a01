------------------------------ MODULE MCBounds ------------------------------
(***************************************************************************)
(* Model values and bounds shared by the MC modules: the small world of   *)
(* DefaultWorld.small() (two vmlinux functions, both in the fmod_ret      *)
(* kfunc set, and one function of the module bpf_testmod), and            *)
(* the set of syscalls a run tries in every state.                        *)
(***************************************************************************)
EXTENDS KernelObjects

Func(module, sleepable, fmodRet) ==
    [module |-> module, btf |-> IF module = {} THEN "vmlinux" ELSE "btf:" \o CHOOSE m \in module : TRUE,
     sleepableAllowed |-> sleepable, fmodRetAllowed |-> fmodRet, returnsInt |-> TRUE,
     ftraceable |-> TRUE, noreturn |-> FALSE, denied |-> FALSE]

MC_Fns ==
    ("bpf_fentry_test1" :> Func({}, TRUE, TRUE)
     @@ "bpf_modify_return_test" :> Func({}, FALSE, TRUE)
     @@ "bpf_testmod_fentry_test1" :> Func({"bpf_testmod"}, FALSE, FALSE))
MC_Modules == {"bpf_testmod"}
MC_Subprogs == <<>>
MC_TargetProgIds == {}
MC_FirstUserProgId == 1
MC_MaxTrampLinks == 2
\* Java's Target order (by name): the order the merged series' sort gives.
MC_KeyRank == ("bpf_fentry_test1" :> 1 @@ "bpf_modify_return_test" :> 2 @@ "bpf_testmod_fentry_test1" :> 3)

Faults(points) == {NoFault} \cup {[point |-> p, hit |-> 1] : p \in points}

\* The fault points of the classic paths, shared by every design.
ClassicPoints == {"link_alloc", "link_prime", "trampoline_get", "image_alloc", "arch_prepare",
                  "ftrace_register", "ftrace_modify", "ftrace_unregister"}

(***************************************************************************)
(* The chosen multi target lists, instead of every combination: one single *)
(* target (the fmod_ret-allowed one, so every multi type can attach), one *)
(* pair with a module function, out of sort order, and one duplicate pair. *)
(***************************************************************************)
SingleList == <<"bpf_modify_return_test">>
ModulePair == <<"bpf_testmod_fentry_test1", "bpf_fentry_test1">>
DuplicatePair == <<"bpf_fentry_test1", "bpf_fentry_test1">>

(***************************************************************************)
(* The syscalls of a run, given: the prog types it loads, the fault points *)
(* of the multi attach (a classic attach gets the classic ones among them), *)
(* those close_link may fail at (the known findings H5, H8, H9 need that), *)
(* the multi target lists, whether a multi attach passes cookies 1..n, and *)
(* MaxProgs/MaxLinks.  close_prog, close_link and detach_link also name    *)
(* the id one above the bound (EBADF); an attach names live ids only, as  *)
(* its EBADF path is the same for a closed prog.  Every fault is at hit 1. *)
(*  Java's multilink.spec.bounds.StepSpace builds the  *)
(* same set; the graph run ASSUMEs they are equal.                         *)
(***************************************************************************)
MC_Steps(loadTypes, points, closePoints, lists, withCookies, maxProgs, maxLinks) ==
    LET funcs == DOMAIN MC_Fns
        progIds == MC_FirstUserProgId..(MC_FirstUserProgId + maxProgs)
        attachIds == MC_FirstUserProgId..(MC_FirstUserProgId + maxProgs - 1)
        linkIds == 1..(maxLinks + 1)
        multi == loadTypes \cap {"fentry_multi", "fexit_multi", "fmod_ret_multi"} # {}
    IN
       [op : {"load"}, type : loadTypes, target : funcs \cup DOMAIN MC_Subprogs, sleepable : {FALSE},
        fault : Faults({"trampoline_get"})]
    \cup [op : {"close_prog"}, prog : progIds, fault : {NoFault}]
    \cup [op : {"attach"}, prog : attachIds, retarget : {{}} \cup {{s} : s \in DOMAIN MC_Subprogs}, cookie : {0},
          fault : Faults(points \cap ClassicPoints)]
    \cup (IF ~multi THEN {}
          ELSE UNION {[op : {"attach_multi"}, prog : attachIds, targets : {ts},
                       cookies : {IF withCookies THEN {[i \in 1..Len(ts) |-> i]} ELSE {}}, flags : {0}, cnt : {{}},
                       fault : Faults(points)] : ts \in lists})
    \cup [op : {"close_link"}, link : linkIds, fault : Faults(closePoints)]
    \cup [op : {"detach_link"}, link : linkIds, fault : {NoFault}]
    \cup [op : {"unload_module"}, module : MC_Modules, fault : {NoFault}]
=============================================================================
