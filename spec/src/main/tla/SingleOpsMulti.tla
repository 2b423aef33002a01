--------------------------- MODULE SingleOpsMulti ---------------------------
(***************************************************************************)
(* Jiri Olsa's tracing multi link on the single ftrace direct_ops (seed   *)
(* 000, bpf_tracing_multi_attach in kernel/trace/bpf_trace.c, over        *)
(* bpf_trampoline_multi_attach/detach in kernel/bpf/trampoline.c).  One   *)
(* module for the series as posted (olsa-v3) and as merged (upstream); the *)
(* switches say which merged changes are in:                              *)
(*   cookies    tracing_multi.cookies exists in the UAPI                   *)
(*   sort       ids are sorted with their cookies                          *)
(*   dedup      a duplicate id is EINVAL (the fix of H7)                   *)
(*   retirefix  old_image is put only if it is no longer cur_image (H8)    *)
(***************************************************************************)
EXTENDS Syscalls

MAX_TRACING_MULTI_CNT == 1048576   \* 1U << 20

\* This design's scratch in the transaction (T.ds, set where an attach or a
\* detach starts): each trampoline's image before the call (old), and the
\* reg/mod/unreg hashes of one batched ftrace update (data, filled by the
\* "multi" ops of Trampolines).
SOScratch == [old |-> <<>>, data |-> [reg |-> <<>>, mod |-> <<>>, unreg |-> <<>>]]

\* No MODIFY_RETURN_MULTI in this series.
SOLoadsMulti(type) == type \in {"fentry_multi", "fexit_multi"}

\* CHECK_ATTR: a field this UAPI does not have must be zero.
\* CHECK_ATTR looks past the end of the link_create union only: the merged
\* cookies pointer lies inside it, so a v3 kernel ignores it (cookies 0).
SOAttrFits(st) == TRUE

\* attr->link_create.tracing_multi.cnt, or the length of the ids array
AttrCnt(st) == IF Some(st.cnt) THEN The(st.cnt) ELSE Len(st.targets)

\* bpf_check_attach_btf_id_multi, in its order of checks.
CheckId(T, prog, t) ==
    IF ~IsFunc(t) THEN "EINVAL"
    ELSE LET fn == Fns[t] IN
         IF fn.btf \notin prog.btf THEN "EINVAL"
         ELSE IF fn.noreturn /\ prog.type = "fexit_multi" THEN "EINVAL"
         ELSE IF fn.denied THEN "EINVAL"
         ELSE IF ~fn.ftraceable THEN "ENOENT"
         ELSE IF prog.sleepable /\ ~fn.sleepableAllowed THEN "EINVAL"
         ELSE "ok"

\* Put every trampoline of keys[1..n].
PutTramps(T, keys, n) == ForEach(TrampPut, T, SubSeq(keys, 1, n))
\* The same on an error path a seeded bug skips.
PutTrampsUnless(bug, T, keys, n) == IF On(bug) THEN T ELSE PutTramps(T, keys, n)

\* rollback_unlink of nodes [1, n], then rollback_put of every trampoline.
RECURSIVE RollbackUnlink(_, _, _, _, _, _)
RollbackUnlink(T, keys, nodes, kind, j, n) ==
    IF j > n THEN T
    ELSE LET key == keys[j]
             T1 == RemoveNode(T, key, nodes[j], kind)
             T2 == IF On("bug_rollback_leaks_image") THEN T1 ELSE ImagePutOpt(T1, T1.k.tramps[key].image)
             o == IF key \in DOMAIN T2.ds.old THEN T2.ds.old[key] ELSE {}
             T3 == [T2 EXCEPT !.k.tramps[key].image = o, !.ds.old = Put(@, key, {})]
         IN RollbackUnlink(T3, keys, nodes, kind, j + 1, n)

Rollback(T, keys, nodes, kind, n) ==
    PutTramps(RollbackUnlink(T, keys, nodes, kind, 1, n), keys, Len(keys))

\* bpf_trampoline_multi_attach_free: retire the image the attach replaced.
AttachFree(T, key) ==
    LET o == IF key \in DOMAIN T.ds.old THEN T.ds.old[key] ELSE {}
        T1 == IF Some(o) /\ (~On("retirefix") \/ T.k.tramps[key].image # o) THEN ImagePut(T, The(o)) ELSE T
    IN [T1 EXCEPT !.ds.old = Put(@, key, {})]

AttachFreeAll(T, keys) == ForEach(AttachFree, T, keys)

SetToSeqOf(S) == CHOOSE s \in [1..Cardinality(S) -> S] : SeqRange(s) = S

\* update_ftrace_direct_add / _mod / _del applied to one hash.
ApplySet(T, hash) == ForEach(LAMBDA X, key : DirectSet(X, key, hash[key]), T, SetToSeqOf(DOMAIN hash))
ApplyDel(T, hash) == ForEach(LAMBDA X, key : DirectClear(X, key), T, SetToSeqOf(DOMAIN hash))

(***************************************************************************)
(* update_ftrace_direct_del / _mod on a detach or rollback path: a        *)
(* failure WARNs and changes nothing; with detachnofail they cannot fail. *)
(***************************************************************************)
DirectDelNow(T, hash) ==
    IF Fires(T, "ftrace_unregister") THEN Warn(Pass(T, "ftrace_unregister"), "FTRACE_UPDATE_FAILED")
    ELSE ApplyDel(Pass(T, "ftrace_unregister"), hash)
DirectDel(T, hash) == QuietlyIf("detachnofail", T, LAMBDA X : DirectDelNow(X, hash))

DirectModNow(T, hash) ==
    IF Fires(T, "ftrace_modify") THEN Warn(Pass(T, "ftrace_modify"), "FTRACE_UPDATE_FAILED")
    ELSE ApplySet(Pass(T, "ftrace_modify"), hash)
DirectMod(T, hash) == QuietlyIf("detachnofail", T, LAMBDA X : DirectModNow(X, hash))

\* The check-and-get loop: checks each id and takes its trampoline; on a
\* failure at i the trampolines of [1, i) are put again.
RECURSIVE GetAll(_, _, _, _)
GetAll(T, prog, keys, i) ==
    IF i > Len(keys) THEN T
    ELSE LET e == CheckId(T, prog, keys[i])
             T1 == IF e = "ok" THEN TrampGet(T, keys[i]) ELSE Fail(T, e)
         IN IF Failed(T1) THEN [PutTrampsUnless("bug_multi_err_no_tramp_put", T1, keys, i - 1) EXCEPT !.err = T1.err]
            ELSE GetAll(T1, prog, keys, i + 1)

\* Link each node; on a failure at i, roll back [1, i).
RECURSIVE LinkAll(_, _, _, _, _)
LinkAll(T, keys, nodes, kind, i) ==
    IF i > Len(keys) THEN T
    ELSE LET key == keys[i]
             T0 == [T EXCEPT !.ds.old = Put(@, key, T.k.tramps[key].image)]
             T1 == LinkProg(T0, key, nodes[i], kind, "multi")
         IN IF Failed(T1) THEN [Rollback(Clear(T1), keys, nodes, kind, i - 1) EXCEPT !.err = T1.err]
            ELSE LinkAll(T1, keys, nodes, kind, i + 1)

\* bpf_trampoline_multi_attach.
MultiAttach(T, prog, pid, linkId, entries) ==
    LET kind == TrampKind(prog.type)
        keys == [i \in 1..Len(entries) |-> entries[i].tramp]
        nodes == [i \in 1..Len(entries) |-> [link |-> linkId, prog |-> pid, cookie |-> entries[i].cookie]]
        T1 == GetAll(T, prog, keys, 1)
    IN
    IF Failed(T1) THEN T1
    ELSE IF Fires(T1, "ftrace_hash_alloc")
         THEN Fail(PutTrampsUnless("bug_hash_alloc_no_put", Pass(T1, "ftrace_hash_alloc"), keys, Len(keys)), "ENOMEM")
    ELSE LET T2 == LinkAll([Pass(T1, "ftrace_hash_alloc") EXCEPT !.ds = SOScratch], keys, nodes, kind, 1)
         IN IF Failed(T2) THEN T2
    ELSE LET hasReg == T2.ds.data.reg # <<>>
             T3 == IF hasReg /\ Fires(T2, "ftrace_register") THEN Pass(T2, "ftrace_register")
                   ELSE IF hasReg THEN ApplySet(Pass(T2, "ftrace_register"), T2.ds.data.reg) ELSE T2
         IN IF hasReg /\ Fires(T2, "ftrace_register")
            THEN Fail(Rollback(T3, keys, nodes, kind, Len(keys)), "ENOMEM")
    ELSE IF T3.ds.data.mod # <<>> /\ Fires(T3, "ftrace_modify")
         THEN LET T4 == Pass(T3, "ftrace_modify")
                  T5 == IF ~hasReg THEN T4 ELSE DirectDel(T4, T4.ds.data.reg)
              IN Fail(Rollback(T5, keys, nodes, kind, Len(keys)), "ENOMEM")
    ELSE LET T4 == IF T3.ds.data.mod # <<>> THEN ApplySet(Pass(T3, "ftrace_modify"), T3.ds.data.mod) ELSE T3
         IN IF On("bug_multi_no_free_old") THEN T4 ELSE AttachFreeAll(T4, keys)

\* Sort (target, cookie) pairs by target, as the merged series sorts ids with their cookies.
SortEntries(es) == SortSeq(es, LAMBDA a, b : KeyRank[a.tramp] < KeyRank[b.tramp])

SOAttachMulti(T, st) ==
    LET cnt == AttrCnt(st)
        pid == st.prog
        prog == T.k.progs[pid]
    IN
    IF cnt = 0 \/ st.targets = <<>> THEN Fail(T, "EINVAL")
    ELSE IF cnt > MAX_TRACING_MULTI_CNT THEN Fail(T, "E2BIG")
    ELSE IF st.flags # 0 THEN Fail(T, "EINVAL")
    ELSE IF Fires(T, "array_alloc") THEN Fail(Pass(T, "array_alloc"), "ENOMEM")
    ELSE LET T1 == Pass(T, "array_alloc") IN
    IF Fires(T1, "copy_from_user") \/ cnt > Len(st.targets) THEN Fail(Pass(T1, "copy_from_user"), "EFAULT")
    ELSE LET T2 == Pass(T1, "copy_from_user")
             withCookies == On("cookies") /\ Some(st.cookies)
             T3 == IF withCookies THEN Pass(T2, "array_alloc") ELSE T2
             T4 == IF withCookies THEN Pass(T3, "copy_from_user") ELSE T3
             cookies == IF withCookies THEN SubSeq(The(st.cookies), 1, cnt) ELSE [i \in 1..cnt |-> 0]
             raw == [i \in 1..cnt |-> [tramp |-> st.targets[i], cookie |-> cookies[i]]]
             entries == IF On("sort") THEN SortEntries(raw) ELSE raw
    IN
    IF withCookies /\ Fires(T2, "array_alloc") THEN Fail(T3, "ENOMEM")
    ELSE IF withCookies /\ (Fires(T3, "copy_from_user") \/ Len(The(st.cookies)) < cnt) THEN Fail(T4, "EFAULT")
    ELSE IF On("dedup") /\ Cardinality({entries[i].tramp : i \in 1..cnt}) # cnt THEN Fail(T4, "EINVAL")
    ELSE IF Fires(T4, "link_alloc") THEN Fail(Pass(T4, "link_alloc"), "ENOMEM")
    ELSE LET T5 == Pass(T4, "link_alloc")
             linkId == FreeLinkId(T5.k)
    IN
    IF Fires(T5, "link_prime") THEN Fail(Pass(T5, "link_prime"), "EMFILE")
    ELSE LET T6 == MultiAttach(Pass(T5, "link_prime"), prog, pid, linkId, entries) IN
    IF Failed(T6) THEN T6   \* bpf_link_cleanup: no release; link_create puts the prog
    ELSE [T6 EXCEPT !.k.links = Put(@, linkId, [type |-> "tracing_multi", prog |-> pid, entries |-> entries,
              tgtProg |-> {}, tgtProgs |-> <<>>, btfs |-> <<>>, mods |-> <<>>])]

(***************************************************************************)
(* bpf_trampoline_multi_detach: the release op WARNs on any error inside  *)
(* and goes on.                                                            *)
(***************************************************************************)
RECURSIVE UnlinkEach(_, _, _, _, _)
UnlinkEach(T, id, l, kind, i) ==
    IF i > Len(l.entries) THEN T
    ELSE LET e == l.entries[i]
             T0 == [T EXCEPT !.ds.old = Put(@, e.tramp, T.k.tramps[e.tramp].image)]
             T1 == UnlinkProg(T0, e.tramp, [link |-> id, prog |-> l.prog, cookie |-> e.cookie], kind, "multi")
             T2 == IF Failed(T1) THEN Clear(Warn(T1, "UNLINK_FAILED")) ELSE T1
         IN UnlinkEach(T2, id, l, kind, i + 1)

SOReleaseMulti(T, id) ==
    LET l == T.k.links[id]
        keys == [i \in 1..Len(l.entries) |-> l.entries[i].tramp]
        T1 == UnlinkEach([T EXCEPT !.ds = SOScratch],
                         id, l, LinkKind(T.k, id), 1)
        T2 == IF T1.ds.data.unreg = <<>> \/ On("bug_multi_detach_no_del") THEN T1 ELSE DirectDel(T1, T1.ds.data.unreg)
        T3 == IF T2.ds.data.mod = <<>> THEN T2 ELSE DirectMod(T2, T2.ds.data.mod)
    IN PutTrampsUnless("bug_multi_detach_no_tramp_put", AttachFreeAll(T3, keys), keys, Len(keys))
=============================================================================
