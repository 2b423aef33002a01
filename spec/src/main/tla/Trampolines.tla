---------------------------- MODULE Trampolines ----------------------------
(***************************************************************************)
(* The trampoline core of kernel/bpf/trampoline.c, in its order of checks: *)
(* bpf_trampoline_update, __bpf_trampoline_link_prog and                   *)
(* __bpf_trampoline_unlink_prog, over two kinds of bpf_trampoline_ops:    *)
(*                                                                         *)
(*  "direct"  register/modify/unregister go to ftrace at once (or poke    *)
(*            the text of a BPF subprog);                                  *)
(*  "multi"   the single-direct-ops designs only record (site, image) in  *)
(*            the reg/mod/unreg hashes of their scratch T.ds.data; one    *)
(*            update_ftrace_direct call per hash applies them later.      *)
(***************************************************************************)
EXTENDS KernelObjects

\* ftrace_location != 0: a kernel function with an __fentry__ site.
FtraceManaged(key) == IsFunc(key) /\ Fns[key].ftraceable

\* The module of a trampoline's kernel function ({} or one name).
FuncModule(key) == IF IsFunc(key) THEN Fns[key].module ELSE {}
ModuleLive(T, m) == m \in DOMAIN T.k.modules /\ T.k.modules[m].live

\* 6.1's register_fentry on a module function (kernel/bpf/trampoline.c:228-256,
\* "trampmod"): ftrace_managed comes from ftrace_location while the module is
\* there, and stays set; bpf_trampoline_module_get pins the module (none once
\* it went away); a failed register unpins.  After the module went away a
\* trampoline never registered pokes freed text that BPF text took: -EBUSY.
Register61(T, key, im, m) ==
    LET live == ModuleLive(T, m)
        managed == IF live THEN FtraceManaged(key) ELSE T.k.tramps[key].ftrace
    IN IF ~managed THEN Fail(T, "EBUSY")
       ELSE IF key \in DesignDirectSites(T.k) THEN Fail(T, "EBUSY")
       ELSE IF Fires(T, "ftrace_register") THEN Fail(Pass(T, "ftrace_register"), "ENOMEM")
       ELSE LET T1 == IF live THEN ModuleTryGet(Pass(T, "ftrace_register"), m) ELSE Pass(T, "ftrace_register")
            IN [DirectSet(T1, key, im) EXCEPT !.k.tramps[key].image = {im},
                                              !.k.tramps[key].mod = IF live THEN {m} ELSE {},
                                              !.k.tramps[key].ftrace = TRUE]

\* register_fentry: the first image of a trampoline.
Register(T, key, im, ops) ==
    IF ops = "multi"
    THEN [T EXCEPT !.ds.data.reg = Put(@, key, im), !.k.tramps[key].image = {im}]
    ELSE IF On("trampmod") /\ Some(FuncModule(key)) THEN Register61(T, key, im, The(FuncModule(key)))
    \* a subprog's or an SDT probe's site is BPF text: poked, no ftrace
    ELSE IF (IsFunc(key) \/ ~(IsSubprog(key) \/ IsProbe(key))) /\ ~FtraceManaged(key)
         THEN Fail(T, "EBUSY")     \* bpf_arch_text_poke finds no nop5 to patch
    \* register_ftrace_direct finds the ip taken by a design's own ops: -EBUSY
    ELSE IF FtraceManaged(key) /\ key \in DesignDirectSites(T.k) THEN Fail(T, "EBUSY")
    ELSE IF FtraceManaged(key) /\ Fires(T, "ftrace_register")
         THEN Fail(Pass(T, "ftrace_register"), "ENOMEM")
    ELSE LET T1 == IF FtraceManaged(key) THEN Pass(T, "ftrace_register") ELSE T
         IN [DirectSet(T1, key, im) EXCEPT !.k.tramps[key].image = {im}]

\* modify_fentry: swap the installed image; the old one is retired.
Modify(T, key, im, ops) ==
    IF ops = "multi"
    THEN [T EXCEPT !.ds.data.mod = Put(@, key, im), !.k.tramps[key].image = {im}]
    ELSE IF FtraceManaged(key) /\ Fires(T, "ftrace_modify")
         THEN Fail(Pass(T, "ftrace_modify"), "ENOMEM")
    ELSE LET T1 == IF FtraceManaged(key) THEN Pass(T, "ftrace_modify") ELSE T
             cur == T.k.tramps[key].image
             T2 == IF On("bug_modify_no_image_put") THEN DirectSet(T1, key, im)
                   ELSE ImagePutOpt(DirectSet(T1, key, im), cur)
         IN [T2 EXCEPT !.k.tramps[key].image = {im}]

\* unregister_fentry: the last prog left.  When it fails, the trees before
\* the merged one put cur_image and clear it all the same (6.12
\* trampoline.c:419-423, H15); unregkeep returns before the put, as merged.
Unregister(T, key, ops) ==
    IF ops = "multi"
    THEN [T EXCEPT !.ds.data.unreg = Put(@, key, The(T.k.tramps[key].image)), !.k.tramps[key].image = {}]
    ELSE IF FtraceManaged(key) /\ Fires(T, "ftrace_unregister")
         THEN LET T1 == Pass(T, "ftrace_unregister")
              IN Fail(IF On("unregkeep") THEN T1
                      ELSE [ImagePutOpt(T1, T.k.tramps[key].image) EXCEPT !.k.tramps[key].image = {}], "ENOMEM")
    ELSE LET T1 == IF FtraceManaged(key) THEN Pass(T, "ftrace_unregister") ELSE T
             cur == T.k.tramps[key].image
             T2 == IF On("bug_unregister_no_image_put") THEN DirectClear(T1, key)
                   ELSE ImagePutOpt(DirectClear(T1, key), cur)
             \* 6.1: a successful unregister drops what register pinned (trampoline.c:205-206)
             T3 == IF Some(T.k.tramps[key].mod) THEN ModulePut(T2, The(T.k.tramps[key].mod)) ELSE T2
         IN [T3 EXCEPT !.k.tramps[key].image = {}, !.k.tramps[key].mod = {}]

(***************************************************************************)
(* bpf_trampoline_update: with no prog left, unregister; else allocate a  *)
(* new image and register or modify.  On failure the new image is freed   *)
(* at once and the old one stays installed.                               *)
(***************************************************************************)
Update(T, key, ops) ==
    LET tr == T.k.tramps[key] IN
    IF ProgCount(tr) = 0
    THEN IF tr.image = {} THEN T ELSE Unregister(T, key, ops)
    ELSE IF Fires(T, "image_alloc") THEN Fail(Pass(T, "image_alloc"), "ENOMEM")
    ELSE LET im == WantedImage(key, tr)
             T1 == ImageAlloc(Pass(T, "image_alloc"), im)
         IN IF Fires(T1, "arch_prepare")
            THEN Fail(IF On("bug_arch_prepare_leaks_image") THEN Pass(T1, "arch_prepare")
                      ELSE ImagePut(Pass(T1, "arch_prepare"), im), "EFAULT")
            ELSE LET T2 == Pass(T1, "arch_prepare")
                     T3 == IF tr.image = {} THEN Register(T2, key, im, ops) ELSE Modify(T2, key, im, ops)
                 IN IF Failed(T3) /\ ~On("bug_ftrace_err_leaks_image") THEN ImagePut(T3, im) ELSE T3

\* bpf_trampoline_remove_prog: unhash the node, no update.
RemoveNode(T, key, node, kind) == [T EXCEPT !.k.tramps[key][kind] = RemoveFirst(@, node)]

(***************************************************************************)
(* __bpf_trampoline_link_prog: an extension owns the trampoline alone;   *)
(* BPF_MAX_TRAMP_LINKS; a prog already on the list is -EBUSY (a second   *)
(* node of one link, from duplicate ids, lands here too).  The seeded     *)
(* bugs drop a check (a second node of the same link still gets -EBUSY)   *)
(* or keep the node after a failed update.                                *)
(***************************************************************************)
LinkProg(T, key, node, kind, ops) ==
    LET tr == T.k.tramps[key] IN
    IF Some(tr.ext) /\ ~(On("bug_ext_not_exclusive") /\ kind # "replace") THEN Fail(T, "EBUSY")
    ELSE IF kind = "replace"
         THEN IF ProgCount(tr) # 0 THEN Fail(T, "EBUSY")
              ELSE [T EXCEPT !.k.tramps[key].ext = {node.link}]
    ELSE IF ProgCount(tr) >= MaxTrampLinks /\ ~On("bug_no_tramp_limit") THEN Fail(T, "E2BIG")
    ELSE IF node.prog \in NodeProgs(tr[kind])
            /\ ~(On("bug_prog_twice_on_list") /\ node.link \notin NodeLinks(tr[kind]))
         THEN Fail(T, "EBUSY")
    ELSE LET T1 == [T EXCEPT !.k.tramps[key][kind] = <<node>> \o @]
             T2 == Update(T1, key, ops)
         IN IF Failed(T2) /\ ~On("bug_link_err_keeps_node") THEN RemoveNode(T2, key, node, kind) ELSE T2

\* __bpf_trampoline_unlink_prog: the node leaves first, then the update (H9:
\* if that fails, the image still calls the prog; the fix detachnofail
\* reserves the update's resources when linking, so it cannot fail).
UnlinkProg(T, key, node, kind, ops) ==
    IF kind = "replace" THEN [T EXCEPT !.k.tramps[key].ext = {}]
    ELSE QuietlyIf("detachnofail", RemoveNode(T, key, node, kind), LAMBDA X : Update(X, key, ops))
=============================================================================
