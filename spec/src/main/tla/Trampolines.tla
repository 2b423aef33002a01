---------------------------- MODULE Trampolines ----------------------------
(***************************************************************************)
(* The trampoline core of kernel/bpf/trampoline.c, in its order of checks: *)
(* bpf_trampoline_update, __bpf_trampoline_link_prog and                   *)
(* __bpf_trampoline_unlink_prog, over two kinds of bpf_trampoline_ops:    *)
(*                                                                         *)
(*  "direct"  register/modify/unregister go to ftrace at once (or poke    *)
(*            the text of a BPF subprog);                                  *)
(*  "multi"   the single-direct-ops designs only record (site, image) in  *)
(*            the reg/mod/unreg hashes of T.data; one update_ftrace_direct *)
(*            call per hash applies them later.                            *)
(***************************************************************************)
EXTENDS KernelObjects

\* ftrace_location != 0: a kernel function with an __fentry__ site.
FtraceManaged(key) == IsFunc(key) /\ Fns[key].ftraceable

\* register_fentry: the first image of a trampoline.
Register(T, key, im, ops) ==
    IF ops = "multi"
    THEN [T EXCEPT !.data.reg = Put(@, key, im), !.k.tramps[key].image = {im}]
    ELSE IF (IsFunc(key) \/ ~IsSubprog(key)) /\ ~FtraceManaged(key)
         THEN Fail(T, "EBUSY")     \* bpf_arch_text_poke finds no nop5 to patch
    ELSE IF FtraceManaged(key) /\ Fires(T, "ftrace_register")
         THEN Fail(Pass(T, "ftrace_register"), "ENOMEM")
    ELSE LET T1 == IF FtraceManaged(key) THEN Pass(T, "ftrace_register") ELSE T
         IN [DirectSet(T1, key, im) EXCEPT !.k.tramps[key].image = {im}]

\* modify_fentry: swap the installed image; the old one is retired.
Modify(T, key, im, ops) ==
    IF ops = "multi"
    THEN [T EXCEPT !.data.mod = Put(@, key, im), !.k.tramps[key].image = {im}]
    ELSE IF FtraceManaged(key) /\ Fires(T, "ftrace_modify")
         THEN Fail(Pass(T, "ftrace_modify"), "ENOMEM")
    ELSE LET T1 == IF FtraceManaged(key) THEN Pass(T, "ftrace_modify") ELSE T
             cur == T.k.tramps[key].image
             T2 == ImagePutOpt(DirectSet(T1, key, im), cur)
         IN [T2 EXCEPT !.k.tramps[key].image = {im}]

\* unregister_fentry: the last prog left.
Unregister(T, key, ops) ==
    IF ops = "multi"
    THEN [T EXCEPT !.data.unreg = Put(@, key, The(T.k.tramps[key].image)), !.k.tramps[key].image = {}]
    ELSE IF FtraceManaged(key) /\ Fires(T, "ftrace_unregister")
         THEN Fail(Pass(T, "ftrace_unregister"), "ENOMEM")
    ELSE LET T1 == IF FtraceManaged(key) THEN Pass(T, "ftrace_unregister") ELSE T
             cur == T.k.tramps[key].image
             T2 == ImagePutOpt(DirectClear(T1, key), cur)
         IN [T2 EXCEPT !.k.tramps[key].image = {}]

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
         IN IF Fires(T1, "arch_prepare") THEN Fail(ImagePut(Pass(T1, "arch_prepare"), im), "EFAULT")
            ELSE LET T2 == Pass(T1, "arch_prepare")
                     T3 == IF tr.image = {} THEN Register(T2, key, im, ops) ELSE Modify(T2, key, im, ops)
                 IN IF Failed(T3) THEN ImagePut(T3, im) ELSE T3

\* bpf_trampoline_remove_prog: unhash the node, no update.
RemoveNode(T, key, node, kind) == [T EXCEPT !.k.tramps[key][kind] = RemoveFirst(@, node)]

(***************************************************************************)
(* __bpf_trampoline_link_prog: an extension owns the trampoline alone;   *)
(* BPF_MAX_TRAMP_LINKS; a prog already on the list is -EBUSY (a second   *)
(* node of one link, from duplicate ids, lands here too).                 *)
(***************************************************************************)
LinkProg(T, key, node, kind, ops) ==
    LET tr == T.k.tramps[key] IN
    IF Some(tr.ext) THEN Fail(T, "EBUSY")
    ELSE IF kind = "replace"
         THEN IF ProgCount(tr) # 0 THEN Fail(T, "EBUSY")
              ELSE [T EXCEPT !.k.tramps[key].ext = {node.link}]
    ELSE IF ProgCount(tr) >= MaxTrampLinks THEN Fail(T, "E2BIG")
    ELSE IF node.prog \in NodeProgs(tr[kind]) THEN Fail(T, "EBUSY")
    ELSE LET T1 == [T EXCEPT !.k.tramps[key][kind] = <<node>> \o @]
             T2 == Update(T1, key, ops)
         IN IF Failed(T2) THEN RemoveNode(T2, key, node, kind) ELSE T2

\* __bpf_trampoline_unlink_prog: the node leaves first, then the update.
UnlinkProg(T, key, node, kind, ops) ==
    IF kind = "replace" THEN [T EXCEPT !.k.tramps[key].ext = {}]
    ELSE Update(RemoveNode(T, key, node, kind), key, ops)
=============================================================================
