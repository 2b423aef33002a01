------------------------------ MODULE DongV1Ops ------------------------------
(***************************************************************************)
(* Menglong Dong's 2024 tracing multi link (seeds 001/002,                *)
(* bpf_tracing_prog_attach_multi in kernel/bpf/syscall.c): per-target BTF, *)
(* prog and module references kept once each (ptr_array), one trampoline  *)
(* per target, each linked with its own ftrace operation.  Multi progs    *)
(* load like classic ones against their first target, so they hold a      *)
(* dst_trampoline until the first attach.                                  *)
(***************************************************************************)
EXTENDS Syscalls

MAX_TRACING_MULTI_CNT_V1 == 1024

DVLoadsMulti(type) == IsMulti(type)

\* Append x to a ptr_array unless it is there; a second reference is put
\* again (unless the seeded bug bug skips that put).
AddOnce(T, field, x, PutOp(_, _), bug) ==
    IF SeqContains(T.ds.refs[field], x) THEN (IF On(bug) THEN T ELSE PutOp(T, x))
    ELSE [T EXCEPT !.ds.refs[field] = Append(@, x)]

(***************************************************************************)
(* bpf_tracing_get_target: a non-zero fd is a prog, else a BTF fd (0 for  *)
(* vmlinux).  libbpf keeps a module's BTF fd (seed 002), so once the       *)
(* module is gone btf_try_get_module fails: -ENOENT, also where nothing in *)
(* the kernel holds the BTF any more (the model keeps no user BTF fds).    *)
(***************************************************************************)
GetTarget(T, t) ==
    IF IsSubprog(t)
    THEN LET p == Subprogs[t].prog IN
         IF ~ProgByFd(T.k, p) THEN Fail(T, "EBADF")
         ELSE AddOnce(ProgInc(T, p), "progs", p, ProgPut, "none")
    ELSE IF ~IsFunc(t) THEN Fail(T, "EINVAL")
    ELSE LET fn == Fns[t] IN
         IF fn.btf \notin DOMAIN T.k.btfs THEN Fail(T, "ENOENT")
         ELSE AddOnce(BtfGet(T, fn.btf), "btfs", fn.btf, BtfPut, "bug_dong_dup_btf_no_put")

\* The fix of H14 (denycheck): btf_id_deny and noreturn_deny are checked
\* inside bpf_check_attach_target, for every target, not only the first.
Denied(prog, t) == IsFunc(t) /\ (Fns[t].denied \/ (Fns[t].noreturn /\ TrampKind(prog.type) # "fentry"))

\* The per-target loop under dst_mutex: references, checks, trampolines.
RECURSIVE Collect(_, _, _, _, _)
Collect(T, prog, targets, cookies, i) ==
    IF i > Len(targets) THEN T
    ELSE LET t == targets[i]
             T1 == GetTarget(T, t)
             \* saved_dst_prog_type: a prog verified against a BPF subprog attaches only to
             \* subprogs (every target prog of these worlds has one type), verifier.c:22754-22757
             SavedDstMismatch == IsSubprog(The(prog.target)) /\ ~IsSubprog(t)
             T2 == IF SavedDstMismatch THEN Fail(T1, "EINVAL")
                   ELSE CheckAttachTarget(T1, prog.type, prog.sleepable, t)
             deny == On("denycheck") /\ Denied(prog, t)
             T3 == IF Some(TargetModule(t))
                   THEN AddOnce(T2, "mods", The(TargetModule(t)), ModulePut, "bug_dong_dup_mod_no_put") ELSE T2
             T4 == TrampGet(T3, t)
         IN IF Failed(T1) THEN T1
            ELSE IF Failed(T2) THEN T2
            ELSE IF deny
                 THEN Fail(IF Some(TargetModule(t)) THEN ModulePut(T2, The(TargetModule(t))) ELSE T2, "EINVAL")
            ELSE IF Failed(T4) THEN T4
            ELSE Collect([T4 EXCEPT !.ds.refs.entries = Append(@, [tramp |-> t, cookie |-> cookies[i]])],
                         prog, targets, cookies, i + 1)

\* bpf_trampoline_multi_unlink_prog: stops at the first error (H5); the
\* error itself goes nowhere.  With the fix unlinkall it WARNs and goes on.
RECURSIVE UnlinkAll(_, _, _, _, _)
UnlinkAll(T, pid, linkId, entries, kind) ==
    IF entries = <<>> THEN T
    ELSE LET e == Head(entries)
             T1 == UnlinkProg(T, e.tramp, [link |-> linkId, prog |-> pid, cookie |-> e.cookie], kind, "direct")
         IN IF Failed(T1) /\ ~On("unlinkall") THEN Clear(T1)
            ELSE IF Failed(T1) THEN UnlinkAll(Clear(Warn(T1, "UNLINK_FAILED")), pid, linkId, Tail(entries), kind)
            ELSE UnlinkAll(T1, pid, linkId, Tail(entries), kind)

\* bpf_trampoline_multi_link_prog: one normal link per entry; failure at i unlinks [1, i).
RECURSIVE LinkEach(_, _, _, _, _, _)
LinkEach(T, pid, linkId, entries, kind, i) ==
    IF i > Len(entries) THEN T
    ELSE LET e == entries[i]
             T1 == LinkProg(T, e.tramp, [link |-> linkId, prog |-> pid, cookie |-> e.cookie], kind, "direct")
         IN IF Failed(T1)
            THEN [UnlinkAll(Clear(T1), pid, linkId, SubSeq(entries, 1, i - 1), kind) EXCEPT !.err = T1.err]
            ELSE LinkEach(T1, pid, linkId, entries, kind, i + 1)

\* __bpf_tracing_multi_link_release: modules, target progs, BTFs, trampolines.
Release(T, mods, progs, btfs, entries) ==
    LET T1 == ForEach(ProgPut, ForEach(ModulePut, T, mods), progs)
        T2 == IF On("bug_dong_release_no_btf_put") THEN T1 ELSE ForEach(BtfPut, T1, btfs)
    IN ForEach(LAMBDA X, e : TrampPut(X, e.tramp), T2, entries)

(***************************************************************************)
(* bpf_tracing_multi_link_check: the counts, then cookies, tgt_fds and    *)
(* btf_ids, each kvmalloc'd and copied from user.  What it allocated      *)
(* stays in T.bufs for the caller, which kfrees it on every exit (H1:     *)
(* kfree of kvmalloc memory).  max is the series' MAX_TRACING_MULTI_CNT:  *)
(* the same UAPI came with other limits.                                   *)
(***************************************************************************)
CopyArray(X, present, what, bytes, short) ==
    IF ~present \/ Failed(X) THEN X
    ELSE IF Fires(X, "array_alloc") THEN Fail(Pass(X, "array_alloc"), "ENOMEM")
    ELSE LET X1 == KvMalloc(Pass(X, "array_alloc"), what, bytes) IN
         IF Fires(X1, "copy_from_user") \/ short THEN Fail(Pass(X1, "copy_from_user"), "EFAULT")
         ELSE Pass(X1, "copy_from_user")

CheckUserArraysUpTo(T, st, cnt, max) ==
    \* tgt_fds is passed when a target needs a non-zero fd: a BPF subprog or a module function
    LET hasFds == \E i \in 1..Len(st.targets) :
                    IsSubprog(st.targets[i]) \/ (IsFunc(st.targets[i]) /\ Some(Fns[st.targets[i]].module))
        T1 == CopyArray(T, Some(st.cookies), "cookies", 8 * cnt, Some(st.cookies) /\ Len(The(st.cookies)) < cnt)
        T2 == CopyArray(T1, hasFds, "tgt_fds", 4 * cnt, Len(st.targets) < cnt)
    IN
    IF cnt = 0 THEN Fail(T, "EINVAL")
    ELSE IF cnt > max THEN Fail(T, "E2BIG")
    ELSE IF Failed(T2) THEN T2
    ELSE IF st.targets = <<>> THEN Fail(T2, "EINVAL")
    ELSE CopyArray(T2, TRUE, "btf_ids", 4 * cnt, Len(st.targets) < cnt)

CheckUserArrays(T, st, cnt) == CheckUserArraysUpTo(T, st, cnt, MAX_TRACING_MULTI_CNT_V1)

\* kfree (H1), or kvfree with the fix kvfree.
FreeArray(T, what) == IF On("kvfree") THEN KvFreeIfHeld(T, what) ELSE KFreeIfHeld(T, what)
KFreeArrays(T) == FreeArray(FreeArray(FreeArray(T, "btf_ids"), "tgt_fds"), "cookies")

DVAttachMulti(T, st) ==
    LET cnt == IF Some(st.cnt) THEN The(st.cnt) ELSE Len(st.targets)
        pid == st.prog
        prog == T.k.progs[pid]
        kind == TrampKind(prog.type)
        T1 == CheckUserArrays(T, st, cnt)
    IN
    IF Failed(T1) THEN KFreeArrays(T1)
    \* the link, then link.entries
    ELSE IF Fires(T1, "link_alloc") THEN Fail(KFreeArrays(Pass(T1, "link_alloc")), "ENOMEM")
    ELSE LET T2 == KMalloc(Pass(T1, "link_alloc"), "bpf_tracing_multi_link") IN
    IF Fires(T2, "array_alloc")
    THEN Fail(KFree(KFreeArrays(Pass(T2, "array_alloc")), "bpf_tracing_multi_link"), "ENOMEM")
    ELSE LET T4 == [KMalloc(Pass(T2, "array_alloc"), "link.entries") EXCEPT
                       !.ds = [refs |-> [progs |-> <<>>, btfs |-> <<>>, mods |-> <<>>, entries |-> <<>>]]]
             linkId == FreeLinkId(T4.k)
             targets == SubSeq(st.targets, 1, cnt)
             cookies == IF Some(st.cookies) THEN SubSeq(The(st.cookies), 1, cnt) ELSE [i \in 1..cnt |-> 0]
             \* "program is already attached, re-attach is not supported here yet"
             T5 == IF prog.dstTramp = {} THEN Fail(T4, "EEXIST") ELSE Collect(T4, prog, targets, cookies, 1)
             T6 == IF Failed(T5) THEN T5 ELSE LinkEach(T5, pid, linkId, T5.ds.refs.entries, kind, 1)
             T7 == IF Failed(T6) THEN T6
                   ELSE IF Fires(T6, "link_prime")
                        THEN Fail(IF On("bug_dong_prime_err_no_unlink") THEN Pass(T6, "link_prime")
                                  ELSE UnlinkAll(Pass(T6, "link_prime"), pid, linkId, T6.ds.refs.entries, kind), "EMFILE")
                   ELSE Pass(T6, "link_prime")
         IN IF Failed(T7)
            \* err_out_unlock: __release frees entries only when link.cnt != 0 (H3;
            \* with the fix freeentries always)
            THEN LET R == Release(T7, T7.ds.refs.mods, T7.ds.refs.progs, T7.ds.refs.btfs, T7.ds.refs.entries)
                     R1 == IF T7.ds.refs.entries # <<>> \/ On("freeentries") THEN KFree(R, "link.entries") ELSE R
                     R2 == KFreeArrays(R1)
                 IN [IF On("bug_dong_err_leaks_link") THEN R2 ELSE KFree(R2, "bpf_tracing_multi_link")
                     EXCEPT !.err = T7.err]
            ELSE LET T8 == IF Some(T7.k.progs[pid].dstTramp) /\ ~On("bug_dong_keeps_dst_tramp")
                           THEN TrampPut(T7, The(T7.k.progs[pid].dstTramp)) ELSE T7
                     T9 == KFreeArrays([Adopt(Adopt(T8, "bpf_tracing_multi_link"), "link.entries")
                                           EXCEPT !.k.progs[pid].dstTramp = {}])
                 IN [T9 EXCEPT !.k.links = Put(@, linkId, [type |-> "tracing_multi", prog |-> pid,
                        entries |-> T9.ds.refs.entries, tgtProg |-> {}, tgtProgs |-> T9.ds.refs.progs,
                        btfs |-> T9.ds.refs.btfs, mods |-> T9.ds.refs.mods])]

DVReleaseMulti(T, id) ==
    LET l == T.k.links[id]
        T1 == UnlinkAll(T, l.prog, id, l.entries, LinkKind(T.k, id))
    IN Release(T1, l.mods, l.tgtProgs, l.btfs, l.entries)
=============================================================================
