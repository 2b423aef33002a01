------------------------------ MODULE MCBounds ------------------------------
(***************************************************************************)
(* Model values and bounds shared by the MC modules: the small world of   *)
(* DefaultWorld.small() (two vmlinux functions, one of them on the        *)
(* fmod_ret allowlist, and one function of the module bpf_testmod), and   *)
(* the set of syscalls a run tries in every state.                        *)
(***************************************************************************)
EXTENDS KernelObjects

Func(module, sleepable, fmodRet) ==
    [module |-> module, btf |-> IF module = {} THEN "vmlinux" ELSE "btf:" \o CHOOSE m \in module : TRUE,
     sleepableAllowed |-> sleepable, fmodRetAllowed |-> fmodRet, returnsInt |-> TRUE,
     ftraceable |-> TRUE, noreturn |-> FALSE, denied |-> FALSE]

MC_Fns ==
    ("bpf_fentry_test1" :> Func({}, TRUE, FALSE)
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
(* The syscalls of a run, given: the prog types it loads, the design's    *)
(* fault points, whether close_link may fail (the known findings H5, H8,  *)
(* H9 need that), whether a target list may name a function twice (H7),   *)
(* and MaxProgs/MaxLinks (ids one above the bound give EBADF paths).      *)
(***************************************************************************)
MC_Steps(loadTypes, points, faultOnClose, dupIds, maxProgs, maxLinks) ==
    LET funcs == DOMAIN MC_Fns
        progIds == MC_FirstUserProgId..(MC_FirstUserProgId + maxProgs)
        linkIds == 1..(maxLinks + 1)
        pairs == {<<a, b>> : a, b \in funcs}
        lists == {<<f>> : f \in funcs} \cup (IF dupIds THEN pairs ELSE {p \in pairs : p[1] # p[2]})
        multi == loadTypes \cap {"fentry_multi", "fexit_multi", "fmod_ret_multi"} # {}
    IN
       [op : {"load"}, type : loadTypes, target : funcs \cup DOMAIN MC_Subprogs, sleepable : {FALSE},
        fault : Faults({"trampoline_get"})]
    \cup [op : {"close_prog"}, prog : progIds, fault : {NoFault}]
    \cup [op : {"attach"}, prog : progIds, retarget : {{}} \cup {{s} : s \in DOMAIN MC_Subprogs}, cookie : {0},
          fault : Faults(points)]
    \cup (IF ~multi THEN {}
          ELSE UNION {[op : {"attach_multi"}, prog : progIds, targets : {ts},
                       cookies : {{}, {[i \in 1..Len(ts) |-> i]}}, flags : {0}, cnt : {{}},
                       fault : Faults(points)] : ts \in lists})
    \cup [op : {"close_link"}, link : linkIds, fault : IF faultOnClose THEN Faults(points) ELSE {NoFault}]
    \cup [op : {"detach_link"}, link : linkIds, fault : {NoFault}]
    \cup [op : {"unload_module"}, module : MC_Modules, fault : {NoFault}]
=============================================================================
