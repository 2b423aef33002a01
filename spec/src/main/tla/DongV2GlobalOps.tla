---------------------------- MODULE DongV2GlobalOps ----------------------------
(***************************************************************************)
(* Menglong Dong's 2025 v2 tracing multi link (seed 003,                  *)
(* 003_05eb8821e6edf56e.txt; the v2 patches of 2025-07-03): per-function  *)
(* metadata (kfunc_md, v2 01/18), one global trampoline per argument      *)
(* count behind its own ftrace ops (global_tr_array, v2 05/18), whose     *)
(* filter is reset to the functions with progs (reset_ftrace_direct_ips,  *)
(* v2 04/18; ftrace_direct_update, v2 03/18), and bpf_tracing_prog_attach_ *)
(* multi (v2 11/18).  No bpf_trampoline is involved: a multi link touches  *)
(* the design's own objects only, kept in T.k.dobjects (<<>> while empty):*)
(*                                                                         *)
(*   md      function -> [nr_args, users, fentry, fexit, fmod_ret]: the   *)
(*           kfunc_md hash table; each list holds [prog, cookie] in link  *)
(*           order (kfunc_md_bpf_link appends at the tail)                 *)
(*   gtr     argument count -> the filter of global_tr_array[n]'s fops,  *)
(*           for the registered ones (FTRACE_OPS_FL_ENABLED) only: the    *)
(*           filter of a fops not registered is never read (the register *)
(*           path sets it anew, ftrace_set_filter_ips(.., reset))          *)
(*   direct  the functions whose direct_functions entry one of those fops *)
(*           put there (DesignDirectSites: a classic register meets them  *)
(*           with -EBUSY)                                                  *)
(*   links   link id -> <<[func, cookie]>>: bpf_gtramp_link.entries (the  *)
(*           shared link record keeps entries <<>>: no trampoline)        *)
(*                                                                         *)
(* The working values of one syscall (the ptr_arrays, the entries being   *)
(* collected) are in T.ds, as DongV1Ops keeps them.  The Java model       *)
(* (multilink.model.design.DongV2Global) takes the same steps in the same *)
(* order: the exhaustive conformance holds the two to one state graph.    *)
(***************************************************************************)
EXTENDS DongV1Ops

\* MAX_TRACING_MULTI_CNT (v2 11/18, kernel/bpf/syscall.c).
MAX_TRACING_MULTI_CNT_V2 == 102400
\* MAX_BPF_FUNC_ARGS (include/linux/bpf.h).
MAX_BPF_FUNC_ARGS == 12
\* The argument counts with a bpf_global_caller image: x86 defines
\* bpf_global_caller_0..6 (v2 02/18); global_tr_array[7..12].image is NULL.
GtrArgs == 0..6

\* The design's own fault points (Java: DongV2Global's FaultPoints):
\* kfunc_md_alloc fails kfunc_md_create's kzalloc/percpu_ref_init and
\* kfunc_md_bpf_link's kmalloc with -ENOMEM; arch_bpf_get_regs_nr fails as
\* the __weak default does on arches without it (-ENODEV; x86's never fails).
DV2Points == {"kfunc_md_alloc", "arch_bpf_get_regs_nr"}

\* T.passes with the design's points (Begin knows the shared ones only).
WithDV2Points(passes) == passes @@ [p \in DV2Points |-> 0]
DV2Begin(T) == [T EXCEPT !.passes = WithDV2Points(@)]

(***************************************************************************)
(* The design's objects: read as the empty table while dobjects is <<>>,  *)
(* written back as <<>> once all four are empty, so an emptied table is   *)
(* the same state as the boot one (Java: DesignObjects.NONE).             *)
(***************************************************************************)
NoDObjects == [md |-> <<>>, gtr |-> <<>>, direct |-> {}, links |-> <<>>]
DObj(k) == IF "md" \in DOMAIN k.dobjects THEN k.dobjects ELSE NoDObjects
Normal(d) ==
    IF DOMAIN d.md = {} /\ DOMAIN d.gtr = {} /\ d.direct = {} /\ DOMAIN d.links = {} THEN <<>> ELSE d
SetDObj(T, d) == [T EXCEPT !.k.dobjects = Normal(d)]

\* The kind's list in a kfunc_md (bpf_progs[BPF_TRAMP_*]).
MdList(kind) == IF kind = "fmodRet" THEN "fmod_ret" ELSE kind
HasProgs(m) == m.fentry # <<>> \/ m.fexit # <<>> \/ m.fmod_ret # <<>>
OnList(s, pid) == \E i \in 1..Len(s) : s[i].prog = pid

\* kfunc_md_bpf_ips(nr_args = n): the functions with progs and n arguments.
Ips(d, n) == {f \in DOMAIN d.md : HasProgs(d.md[f]) /\ d.md[f].nr_args = n}
GtrEnabled(d, n) == n \in DOMAIN d.gtr

\* An ip that already has a direct entry: another fops' (ours) or a classic
\* trampoline's (ftrace_find_rec_direct in ftrace_direct_update, v2 03/18).
HasDirect(T, f) == f \in DOMAIN T.k.direct \/ f \in DObj(T.k).direct

(***************************************************************************)
(* bpf_gtrampoline_update(global_tr_array[n]) (v2 05/18).                  *)
(***************************************************************************)
\* unregister_ftrace_direct(fops, image, free_filters = true): the fops'
\* entries leave direct_functions, the filter is freed (6.12
\* kernel/trace/ftrace.c:6086-6104).  A failure is taken to change nothing,
\* as for a classic trampoline's unregister (the Java model's choice too);
\* the kernel resets the direct entries and frees the filter even when
\* unregister_ftrace_function failed (ftrace.c:6097-6102).
GtrUnregister(T, n) ==
    LET d == DObj(T.k) IN
    IF Fires(T, "ftrace_unregister") THEN Fail(Pass(T, "ftrace_unregister"), "ENOMEM")
    ELSE SetDObj(Pass(T, "ftrace_unregister"),
                 [d EXCEPT !.direct = IF On("bug_dv2_unreg_keeps_direct") THEN @ ELSE @ \ d.gtr[n],
                           !.gtr = Del(@, n)])

\* reset_ftrace_direct_ips(fops, ips) (v2 04/18) on an enabled fops: the new
\* ips join direct_functions first (ftrace_direct_update), then the filter
\* is set; a failure there returns with direct_functions already extended
\* (H6b; the fix resetrollback takes the new entries out again).
GtrReset(T, n, ips) ==
    LET d == DObj(T.k)
        old == d.gtr[n]
        new == ips \ old
    IN
    IF Fires(T, "ftrace_hash_alloc") THEN Fail(Pass(T, "ftrace_hash_alloc"), "ENOMEM")
    ELSE LET T1 == Pass(T, "ftrace_hash_alloc") IN
    IF \E f \in ips : ~Fns[f].ftraceable THEN Fail(T1, "ENOENT")
    ELSE IF \E f \in new : HasDirect(T1, f) THEN Fail(T1, "EBUSY")
    ELSE IF Fires(T1, "ftrace_register") THEN Fail(Pass(T1, "ftrace_register"), "ENOMEM")
    ELSE LET T2 == SetDObj(Pass(T1, "ftrace_register"), [d EXCEPT !.direct = @ \cup new])
             d2 == DObj(T2.k)
    IN
    IF Fires(T2, "ftrace_hash_alloc")
    THEN Fail(IF On("resetrollback") THEN SetDObj(Pass(T2, "ftrace_hash_alloc"), [d2 EXCEPT !.direct = @ \ new])
              ELSE Pass(T2, "ftrace_hash_alloc"), "ENOMEM")
    ELSE SetDObj(Pass(T2, "ftrace_hash_alloc"),
                 [d2 EXCEPT !.gtr[n] = ips, !.direct = @ \ (old \ ips)])

\* ftrace_set_filter_ips(fops, ips, reset) then register_ftrace_direct(fops,
\* image) on a fops not enabled (v2 03/18: ftrace_direct_update's -EBUSY for
\* an ip with a direct entry already).  A failure leaves the filter set on
\* the disabled fops; nothing reads it (the next register resets it first,
\* unregister frees it), so a disabled fops is no object here.  The ips are
\* checked before the hash is allocated, as the Java model does; the kernel
\* allocates first (6.12 kernel/trace/ftrace.c:5863-5879), which differs
\* only when that allocation fails for a function without an ftrace site.
GtrRegister(T, n, ips) ==
    LET d == DObj(T.k) IN
    IF \E f \in ips : ~Fns[f].ftraceable THEN Fail(T, "EINVAL")
    ELSE IF Fires(T, "ftrace_hash_alloc") THEN Fail(Pass(T, "ftrace_hash_alloc"), "ENOMEM")
    ELSE LET T1 == Pass(T, "ftrace_hash_alloc") IN
    IF \E f \in ips : HasDirect(T1, f) THEN Fail(T1, "EBUSY")
    ELSE IF Fires(T1, "ftrace_register") THEN Fail(Pass(T1, "ftrace_register"), "ENOMEM")
    ELSE SetDObj(Pass(T1, "ftrace_register"),
                 [d EXCEPT !.gtr = Put(@, n, ips), !.direct = @ \cup ips])

GtrUpdate(T, n) ==
    LET d == DObj(T.k)
        ips == Ips(d, n)
    IN IF ips = {} THEN (IF GtrEnabled(d, n) THEN GtrUnregister(T, n) ELSE T)
       ELSE IF GtrEnabled(d, n) THEN GtrReset(T, n, ips)
       ELSE GtrRegister(T, n, ips)

\* bpf_gtrampoline_update_all: n = 0.. up to the first NULL image, returning
\* at the first error.
RECURSIVE UpdateFrom(_, _)
UpdateFrom(T, n) ==
    IF n \notin GtrArgs THEN T
    ELSE LET T1 == GtrUpdate(T, n) IN IF Failed(T1) THEN T1 ELSE UpdateFrom(T1, n + 1)
UpdateAll(T) == UpdateFrom(T, Min(GtrArgs))

(***************************************************************************)
(* kfunc_md (v2 01/18).                                                    *)
(***************************************************************************)
\* kfunc_md_put / kfunc_md_put_ip: users - 1; at 0 the md leaves the table.
\* A NULL md (kfunc_md_get found none) is nothing to put.
MdPut(T, f) ==
    LET d == DObj(T.k) IN
    IF f \notin DOMAIN d.md THEN T
    ELSE IF d.md[f].users = 1 THEN SetDObj(T, [d EXCEPT !.md = Del(@, f)])
    ELSE SetDObj(T, [d EXCEPT !.md[f].users = @ - 1])

(***************************************************************************)
(* __bpf_gtrampoline_unlink_prog(link, cnt) (v2 05/18): for every entry   *)
(* of the link (not only the first cnt), kfunc_md_bpf_unlink its prog,    *)
(* returning at the first error (H6c: no update, no put); a missing md is *)
(* a WARN_ON_ONCE.  Then bpf_gtrampoline_update_all, whose result is     *)
(* ignored (H6a), and kfunc_md_put_ip of the first cnt entries.  Its own  *)
(* result goes nowhere: every caller ignores it.  Fixes: mdunlinkall      *)
(* walks the first cnt entries and WARNs past an error; unlinkupdate runs *)
(* the update Quietly (its memory reserved up front).                     *)
(***************************************************************************)
RECURSIVE MdUnlinkEach(_, _, _, _)
MdUnlinkEach(T, pid, kind, es) ==
    IF es = <<>> THEN T
    ELSE LET f == Head(es).func
             d == DObj(T.k)
             l == MdList(kind)
         IN IF f \notin DOMAIN d.md THEN MdUnlinkEach(Warn(T, "UNLINK_FAILED"), pid, kind, Tail(es))
            ELSE IF ~OnList(d.md[f][l], pid)
                 THEN IF On("mdunlinkall") THEN MdUnlinkEach(Warn(T, "UNLINK_FAILED"), pid, kind, Tail(es))
                      ELSE Fail(T, "EINVAL")
            ELSE LET s == d.md[f][l]
                     i == CHOOSE j \in 1..Len(s) : s[j].prog = pid /\ \A m \in 1..(j - 1) : s[m].prog # pid
                 IN MdUnlinkEach(SetDObj(T, [d EXCEPT !.md[f][l] = SubSeq(s, 1, i - 1) \o SubSeq(s, i + 1, Len(s))]),
                                 pid, kind, Tail(es))

Unlink(T, pid, kind, entries, cnt) ==
    LET T1 == MdUnlinkEach(T, pid, kind, IF On("mdunlinkall") THEN SubSeq(entries, 1, cnt) ELSE entries)
        T2 == Clear(QuietlyIf("unlinkupdate", T1, UpdateAll))
    IN IF Failed(T1) THEN Clear(T1)
       ELSE IF On("bug_dv2_unlink_no_put_ip") THEN T2
       ELSE ForEach(LAMBDA X, e : MdPut(X, e.func), T2, SubSeq(entries, 1, cnt))

\* The fallback of a failed link: unlink [0, cnt), the link's error kept.
Fallback(T, pid, kind, entries, cnt) == [Unlink(Clear(T), pid, kind, entries, cnt) EXCEPT !.err = T.err]

(***************************************************************************)
(* bpf_gtrampoline_link_prog (v2 05/18).                                   *)
(***************************************************************************)
\* kfunc_md_create then kfunc_md_bpf_link for entry i; ds.update notes that
\* an md had no progs (its function is not yet in its gtr's filter).
LinkEntry(T, pid, kind, e) ==
    LET f == e.func
        d == DObj(T.k)
        l == MdList(kind)
        nr == IF On("bug_dv2_nr_args_plus_one") THEN Fns[f].nrArgs + 1 ELSE Fns[f].nrArgs
    IN
    IF f \notin DOMAIN d.md /\ Fires(T, "kfunc_md_alloc") THEN Fail(Pass(T, "kfunc_md_alloc"), "ENOMEM")
    ELSE LET T1 == IF f \in DOMAIN d.md THEN SetDObj(T, [d EXCEPT !.md[f].users = @ + 1])
                   ELSE SetDObj(Pass(T, "kfunc_md_alloc"),
                                [d EXCEPT !.md = Put(@, f, [nr_args |-> nr, users |-> 1, fentry |-> <<>>,
                                                            fexit |-> <<>>, fmod_ret |-> <<>>])])
             d1 == DObj(T1.k)
             T2 == IF ~HasProgs(d1.md[f]) /\ ~On("bug_dv2_no_update") THEN [T1 EXCEPT !.ds.update = TRUE] ELSE T1
             PutMd(X) == IF On("bug_dv2_link_err_no_md_put") THEN X ELSE MdPut(X, f)
         IN IF OnList(d1.md[f][l], pid) THEN Fail(PutMd(T2), "EEXIST")
            ELSE IF Fires(T2, "kfunc_md_alloc") THEN Fail(PutMd(Pass(T2, "kfunc_md_alloc")), "ENOMEM")
            ELSE SetDObj(Pass(T2, "kfunc_md_alloc"),
                         [d1 EXCEPT !.md[f][l] = Append(@, [prog |-> pid, cookie |-> e.cookie])])

RECURSIVE LinkFrom(_, _, _, _, _)
LinkFrom(T, pid, kind, entries, i) ==
    IF i > Len(entries) THEN T
    ELSE LET T1 == LinkEntry(T, pid, kind, entries[i]) IN
         IF Failed(T1) THEN Fallback(T1, pid, kind, entries, i - 1)
         ELSE LinkFrom(T1, pid, kind, entries, i + 1)

GtrampLinkProg(T, pid, kind, entries) ==
    IF \E i \in 1..Len(entries) : Fns[entries[i].func].nrArgs > MAX_BPF_FUNC_ARGS
                                  \/ Fns[entries[i].func].nrArgs \notin GtrArgs
    THEN Fail(T, "EOPNOTSUPP")
    ELSE LET T1 == LinkFrom([T EXCEPT !.ds.update = FALSE], pid, kind, entries, 1) IN
         IF Failed(T1) \/ ~T1.ds.update THEN T1
         ELSE LET T2 == UpdateAll(T1) IN
              IF Failed(T2) THEN Fallback(T2, pid, kind, entries, Len(entries)) ELSE T2

(***************************************************************************)
(* bpf_tracing_prog_attach_multi (v2 11/18, kernel/bpf/syscall.c).         *)
(***************************************************************************)
\* bpf_tracing_get_target: a non-zero fd that is a prog is bpf2bpf, which
\* the ftrace-based global trampoline does not support: the prog is put
\* again, -EOPNOTSUPP.  A function's BTF as DongV1Ops' GetTarget.
DV2GetTarget(T, t) ==
    IF IsSubprog(t) THEN (IF ProgByFd(T.k, Subprogs[t].prog) THEN Fail(T, "EOPNOTSUPP") ELSE Fail(T, "EBADF"))
    ELSE GetTarget(T, t)

\* v2 09/18 moves btf_id_deny and noreturn_deny into bpf_check_attach_target
\* (which drops its module on their -EINVAL), but noreturn_deny still names
\* BPF_TRACE_FEXIT and BPF_MODIFY_RETURN only: a *_MULTI prog of kind fexit or
\* fmod_ret attaches to a noreturn function (H14b; the fix noretmulti checks it).
DV2Denied(prog, t) ==
    Fns[t].denied \/ (Fns[t].noreturn /\ On("noretmulti") /\ TrampKind(prog.type) # "fentry")

\* The per-target loop under dst_mutex: target, BTF into the ptr_array,
\* bpf_check_attach_target (with the deny checks above), arch_bpf_get_regs_nr
\* (H2: its failure leaves tgt_mod pinned; the fix regsnrput puts it), the
\* module into the ptr_array, bpf_tracing_check_multi (passes: the model's
\* progs access no argument), the entry.
RECURSIVE DV2Collect(_, _, _, _, _)
DV2Collect(T, prog, targets, cookies, i) ==
    IF i > Len(targets) THEN T
    ELSE LET t == targets[i]
             T1 == DV2GetTarget(T, t)
             T2 == CheckAttachTarget(T1, prog.type, prog.sleepable, t)
             mod == PinnedModule(t)
             Unpin(X) == IF Some(mod) THEN ModulePut(X, The(mod)) ELSE X
         IN IF Failed(T1) THEN T1
            ELSE IF Failed(T2) THEN T2
            ELSE IF DV2Denied(prog, t) THEN Fail(Unpin(T2), "EINVAL")
            ELSE IF Fires(T2, "arch_bpf_get_regs_nr")
                 THEN Fail(LET X == Pass(T2, "arch_bpf_get_regs_nr") IN IF On("regsnrput") THEN Unpin(X) ELSE X,
                           "ENODEV")
            ELSE LET T3 == Pass(T2, "arch_bpf_get_regs_nr")
                     T4 == IF Some(mod) THEN AddOnce(T3, "mods", The(mod), ModulePut, "none") ELSE T3
                 IN DV2Collect([T4 EXCEPT !.ds.refs.entries = Append(@, [func |-> t, cookie |-> cookies[i]])],
                               prog, targets, cookies, i + 1)

\* __bpf_tracing_multi_link_release: modules, then BTFs (link.entries is
\* kfree'd by the caller where it is a buffer of this syscall).
DV2Release(T, mods, btfs) ==
    ForEach(BtfPut, IF On("bug_dv2_release_no_mod_put") THEN T ELSE ForEach(ModulePut, T, mods), btfs)

DV2AttachMulti(T0, st) ==
    LET T == DV2Begin(T0)
        cnt == IF Some(st.cnt) THEN The(st.cnt) ELSE Len(st.targets)
        pid == st.prog
        prog == T.k.progs[pid]
        kind == TrampKind(prog.type)
        T1 == CheckUserArraysUpTo(T, st, cnt, MAX_TRACING_MULTI_CNT_V2)
    IN
    IF Failed(T1) THEN KFreeArrays(T1)
    ELSE IF Fires(T1, "link_alloc") THEN Fail(KFreeArrays(Pass(T1, "link_alloc")), "ENOMEM")
    ELSE LET T2 == KMalloc(Pass(T1, "link_alloc"), "bpf_tracing_multi_link") IN
    IF Fires(T2, "array_alloc")
    THEN Fail(KFree(KFreeArrays(Pass(T2, "array_alloc")), "bpf_tracing_multi_link"), "ENOMEM")
    ELSE LET T3 == [KMalloc(Pass(T2, "array_alloc"), "link.entries") EXCEPT
                       !.ds = [refs |-> [progs |-> <<>>, btfs |-> <<>>, mods |-> <<>>, entries |-> <<>>],
                               update |-> FALSE]]
             linkId == FreeLinkId(T3.k)
             targets == SubSeq(st.targets, 1, cnt)
             cookies == IF Some(st.cookies) THEN SubSeq(The(st.cookies), 1, cnt) ELSE [i \in 1..cnt |-> 0]
             T4 == DV2Collect(T3, prog, targets, cookies, 1)
             entries == T4.ds.refs.entries
             T5 == IF Failed(T4) THEN T4 ELSE GtrampLinkProg(T4, pid, kind, entries)
             T6 == IF Failed(T5) THEN T5
                   ELSE IF Fires(T5, "link_prime")
                        THEN Fail(IF On("bug_dv2_prime_err_no_unlink") THEN Pass(T5, "link_prime")
                                  ELSE Unlink(Pass(T5, "link_prime"), pid, kind, entries, Len(entries)), "EMFILE")
                   ELSE Pass(T5, "link_prime")
         IN IF Failed(T6)
            \* err_out_unlock: __release (link.entries kfree'd always), then err_out
            THEN LET R == KFreeArrays(KFree(DV2Release(T6, T6.ds.refs.mods, T6.ds.refs.btfs), "link.entries"))
                 IN [KFree(R, "bpf_tracing_multi_link") EXCEPT !.err = T6.err]
            ELSE LET T7 == KFreeArrays(Adopt(Adopt(T6, "bpf_tracing_multi_link"), "link.entries"))
                     d == DObj(T7.k)
                     T8 == SetDObj(T7, [d EXCEPT !.links = Put(@, linkId, entries)])
                 IN [T8 EXCEPT !.k.links = Put(@, linkId, [type |-> "tracing_multi", prog |-> pid,
                        entries |-> <<>>, tgtProg |-> {}, tgtProgs |-> <<>>,
                        btfs |-> T8.ds.refs.btfs, mods |-> T8.ds.refs.mods])]

\* bpf_tracing_multi_link_release: unlink (its result ignored), __release;
\* the link's entries leave the design's objects with the link.
DV2ReleaseMulti(T0, id) ==
    LET T == DV2Begin(T0)
        l == T.k.links[id]
        entries == DObj(T.k).links[id]
        T1 == Unlink(T, l.prog, TrampKind(T.k.progs[l.prog].type), entries, Len(entries))
        T2 == DV2Release(T1, l.mods, l.btfs)
        d == DObj(T2.k)
    IN SetDObj(T2, [d EXCEPT !.links = Del(@, id)])

DV2LoadsMulti(type) == IsMulti(type)
=============================================================================
