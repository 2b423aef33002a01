------------------------------ MODULE Syscalls ------------------------------
(***************************************************************************)
(* The syscalls every design shares: BPF_PROG_LOAD of tracing progs,      *)
(* close() of a prog fd, BPF_LINK_CREATE for classic fentry/fexit/        *)
(* fmod_ret/freplace links (bpf_tracing_prog_attach), close() of a link   *)
(* fd, BPF_LINK_DETACH and delete_module.  A design only changes how multi *)
(* progs load, attach and release; Syscall takes those as operators.       *)
(*                                                                         *)
(* A step is a record with op in {"load", "close_prog", "attach",         *)
(* "attach_multi", "close_link", "detach_link", "unload_module"}, its      *)
(* arguments, and fault = [point, hit]: fail the hit-th pass through the   *)
(* named injection point.                                                  *)
(***************************************************************************)
EXTENDS Trampolines

(***************************************************************************)
(* bpf_check_attach_target (kernel/bpf/verifier.c): the checks the world  *)
(* can fail, in the kernel's order.  A module target is pinned on success *)
(* (tgt_info.tgt_mod) and unpinned again on failure.                       *)
(***************************************************************************)
CheckAttachTarget(T, type, sleepable, target) ==
    IF IsSubprog(target)
    THEN LET sp == Subprogs[target] IN
         IF sp.prog \notin DOMAIN T.k.progs THEN Fail(T, "EINVAL")
         ELSE IF sleepable THEN Fail(T, "EINVAL")                  \* no BPF subprog is sleepable-allowed
         ELSE IF TrampKind(type) = "fmodRet" THEN Fail(T, "EINVAL") \* can't modify BPF return codes
         ELSE T
    ELSE IF type = "freplace" THEN Fail(T, "EINVAL")              \* EXT needs a target prog
    ELSE IF ~IsFunc(target) THEN Fail(T, "EINVAL")
    ELSE LET fn == Fns[target]
             \* 6.1 ("trampmod") pins nothing here; kallsyms_lookup_name no longer
             \* finds a module that went away (6.1 verifier.c:15343-15348)
             T1 == IF Some(fn.module) /\ On("trampmod")
                   THEN IF ModuleLive(T, The(fn.module)) THEN T ELSE Fail(T, "ENOENT")
                   ELSE IF Some(fn.module) THEN ModuleTryGet(T, The(fn.module)) ELSE T
             Unpin(X) == IF Some(fn.module) /\ ~On("trampmod") THEN ModulePut(X, The(fn.module)) ELSE X
         IN IF Failed(T1) THEN T1
            ELSE IF sleepable /\ ~fn.sleepableAllowed THEN Fail(Unpin(T1), "EINVAL")
            ELSE IF ~sleepable /\ TrampKind(type) = "fmodRet" /\ ~(fn.fmodRetAllowed /\ fn.returnsInt)
                    /\ ~On("bug_fmodret_any_func")
                 THEN Fail(Unpin(T1), "EINVAL")
            ELSE T1

\* The module bpf_check_attach_target pinned for a target, if any (none in 6.1).
TargetModule(target) == IF IsFunc(target) THEN Fns[target].module ELSE {}
PinnedModule(target) == IF On("trampmod") THEN {} ELSE TargetModule(target)

(***************************************************************************)
(* An SDT observer (seed 004; its load is not in the seed, see the Java   *)
(* SdtObserver): the probe must be one of the target prog's, which the     *)
(* prog keeps as aux->dst_prog for its whole life; no trampoline yet.      *)
(***************************************************************************)
LoadSdt(T, st, id) ==
    LET probe == Probes[st.target] IN
    IF ~ProgByFd(T.k, probe.prog) \/ st.sleepable THEN Fail(T, "EINVAL")
    ELSE [ProgInc(T, probe.prog) EXCEPT !.k.progs = Put(@, id, [type |-> "sdt", target |-> {st.target},
              sleepable |-> FALSE, fd |-> TRUE, refcnt |-> 1, btf |-> {}, mod |-> {}, dstProg |-> {probe.prog},
              dstTramp |-> {}])]

(***************************************************************************)
(* BPF_PROG_LOAD (check_attach_btf_id).  A failed load frees everything   *)
(* it took; only the fault counter survives.  Multi progs of the single-  *)
(* ops designs are verified against their BTF's placeholder instead.       *)
(* Only a design that loads SDT progs (LoadsSdt) gets past the type check  *)
(* with one; only an SDT prog names a probe, and it names nothing else     *)
(* (a probe no target prog has is no probe: -EINVAL there too).           *)
(***************************************************************************)
Load(T, st, LoadsMulti(_), VerifiedAgainstTarget, LoadsSdt) ==
    LET type == st.type
        target == st.target
        id == FreeProgId(T.k)
        Restore(X, e) == [X EXCEPT !.k = T.k, !.err = e]
        NewProg(X, btf, mod, dstProg) ==
            [X EXCEPT !.k.progs = Put(@, id, [type |-> type, target |-> {target}, sleepable |-> st.sleepable,
                fd |-> TRUE, refcnt |-> 1, btf |-> btf, mod |-> mod, dstProg |-> dstProg,
                dstTramp |-> IF IsMulti(type) /\ ~VerifiedAgainstTarget THEN {} ELSE {target}])]
    IN
    IF type = "target" \/ (IsMulti(type) /\ ~LoadsMulti(type)) \/ (type = "sdt" /\ ~LoadsSdt)
    THEN Fail(T, "EINVAL")
    ELSE IF st.sleepable /\ type = "freplace" THEN Fail(T, "EINVAL")
    \* an attach_prog_fd that is no prog is tried as a BTF fd (btf_get_by_fd): -EINVAL
    ELSE IF IsSubprog(target) /\ ~ProgByFd(T.k, Subprogs[target].prog) THEN Fail(T, "EINVAL")
    ELSE IF (type = "sdt") # IsProbe(target) THEN Fail(T, "EINVAL")
    ELSE IF IsProbe(target) THEN LoadSdt(T, st, id)
    ELSE IF IsMulti(type) /\ ~VerifiedAgainstTarget
    THEN IF ~IsFunc(target) THEN Fail(T, "EINVAL")
         ELSE LET fn == Fns[target]
                  T1 == IF Some(fn.module) THEN ModuleTryGet(T, The(fn.module)) ELSE T
              IN IF Failed(T1) THEN T1
                 ELSE NewProg(BtfGet(T1, fn.btf), {fn.btf}, fn.module, {})
    ELSE LET T1 == CheckAttachTarget(T, type, st.sleepable, target) IN
         IF Failed(T1) THEN Restore(T1, T1.err)
         \* noreturn_deny names FEXIT and MODIFY_RETURN only, not the *_MULTI types
         \* (kernel/bpf/verifier.c:22997-22998 in 6.12)
         ELSE IF IsFunc(target) /\ ((Fns[target].denied /\ IsTracing(type))
                                   \/ (Fns[target].noreturn /\ ~IsMulti(type)
                                       /\ TrampKind(type) \in {"fexit", "fmodRet"}))
              THEN Restore(T1, "EINVAL")
         ELSE LET T2 == IF IsFunc(target) THEN BtfGet(T1, Fns[target].btf)
                        ELSE ProgInc(T1, Subprogs[target].prog)
                  T3 == TrampGet(T2, target)
              IN IF Failed(T3) THEN Restore(T3, "ENOMEM")
                 ELSE NewProg(T3, IF IsFunc(target) THEN {Fns[target].btf} ELSE {},
                              PinnedModule(target),
                              IF IsSubprog(target) THEN {Subprogs[target].prog} ELSE {})

\* close() of a prog fd: drop the fd's reference.
CloseProg(T, st) ==
    IF ~ProgByFd(T.k, st.prog) THEN Fail(T, "EBADF")
    ELSE IF On("bug_close_prog_no_put") THEN [T EXCEPT !.k.progs[st.prog].fd = FALSE]
    ELSE ProgPut([T EXCEPT !.k.progs[st.prog].fd = FALSE], st.prog)

(***************************************************************************)
(* bpf_tracing_prog_attach (kernel/bpf/syscall.c), entered with the       *)
(* link_create reference on the prog taken.                                *)
(***************************************************************************)
\* out_unlock: if (tr && tr != prog->aux->dst_trampoline) bpf_trampoline_put(tr)
PutIfNotDst(T, pid, tr) ==
    IF tr \in T.k.progs[pid].dstTramp \/ On("bug_attach_err_no_tramp_put") THEN T ELSE TrampPut(T, tr)

AttachLocked(T, st, tgtFdProg) ==
    LET pid == st.prog
        prog == T.k.progs[pid]
        kind == TrampKind(prog.type)
    IN
    IF Fires(T, "link_alloc") THEN Fail(Pass(T, "link_alloc"), "ENOMEM")
    ELSE LET T0 == Pass(T, "link_alloc") IN
    IF prog.dstTramp = {} /\ tgtFdProg = {} /\ (~IsTracing(prog.type) \/ prog.btf = {})
    THEN Fail(T0, "EINVAL")   \* re-attach: TRACING only, to the load-time target
    ELSE
    LET key == IF prog.dstTramp = {} /\ tgtFdProg = {} THEN The(prog.target)
               ELSE IF Some(st.retarget) THEN The(st.retarget) ELSE The(prog.dstTramp)
        fresh == prog.dstTramp = {} \/ The(prog.dstTramp) # key
        T1 == IF fresh THEN CheckAttachTarget(T0, prog.type, prog.sleepable, key) ELSE T0
        \* a module target swaps prog->aux->mod; not undone if the attach fails later
        T2 == IF fresh /\ Some(PinnedModule(key))
              THEN [(IF Some(prog.mod) /\ ~On("bug_mod_swap_no_put") THEN ModulePut(T1, The(prog.mod)) ELSE T1)
                      EXCEPT !.k.progs[pid].mod = PinnedModule(key)]
              ELSE T1
        T3 == IF fresh THEN TrampGet(T2, key) ELSE T2
        tgtProg == IF fresh THEN tgtFdProg ELSE prog.dstProg
        linkId == FreeLinkId(T3.k)
        node == [link |-> linkId, prog |-> pid, cookie |-> st.cookie]
    IN
    IF Failed(T1) THEN T1
    ELSE IF Failed(T3) THEN T3
    ELSE IF Fires(T3, "link_prime") THEN Fail(PutIfNotDst(Pass(T3, "link_prime"), pid, key), "EMFILE")
    ELSE LET T4 == LinkProg(Pass(T3, "link_prime"), key, node, kind, "direct") IN
    \* bpf_link_cleanup: the link goes without release
    IF Failed(T4) THEN [LET C == PutIfNotDst(T4, pid, key)
                        IN IF On("bug_cleanup_puts_prog") THEN ProgPut(C, pid) ELSE C
                        EXCEPT !.err = T4.err]
    ELSE LET c1 == T4.k.progs[pid]
             T5 == IF Some(c1.dstProg) /\ (Some(tgtFdProg) \/ key \notin c1.dstTramp)
                      /\ ~On("bug_attach_keeps_dst_prog")
                   THEN ProgPut(T4, The(c1.dstProg)) ELSE T4
             c2 == T5.k.progs[pid]
             T6 == IF Some(c2.dstTramp) /\ key \notin c2.dstTramp /\ ~On("bug_attach_keeps_dst_tramp")
                   THEN TrampPut(T5, The(c2.dstTramp)) ELSE T5
             T7 == [T6 EXCEPT !.k.progs[pid].dstProg = {}, !.k.progs[pid].dstTramp = {}]
         IN [T7 EXCEPT !.k.links = Put(@, linkId, [type |-> "tracing", prog |-> pid,
                 entries |-> <<[tramp |-> key, cookie |-> st.cookie]>>, tgtProg |-> tgtProg,
                 tgtProgs |-> <<>>, btfs |-> <<>>, mods |-> <<>>])]

ClassicAttach(T, st) ==
    LET type == T.k.progs[st.prog].type IN
    IF type \notin {"fentry", "fexit", "fmod_ret", "freplace"} THEN Fail(T, "EINVAL")
    ELSE IF Some(st.retarget) /\ (~IsSubprog(The(st.retarget)) \/ type # "freplace") THEN Fail(T, "EINVAL")
    ELSE IF Some(st.retarget) /\ ~ProgByFd(T.k, Subprogs[The(st.retarget)].prog) THEN Fail(T, "EBADF")
    ELSE LET tgtFdProg == IF Some(st.retarget) THEN {Subprogs[The(st.retarget)].prog} ELSE {}
             T1 == IF Some(tgtFdProg) THEN ProgInc(T, The(tgtFdProg)) ELSE T
             T2 == AttachLocked(T1, st, tgtFdProg)
         IN IF Failed(T2) /\ Some(tgtFdProg) THEN [ProgPut(T2, The(tgtFdProg)) EXCEPT !.err = T2.err] ELSE T2

\* The unlink a one-entry link's release starts with: WARN_ON_ONCE on its
\* error (tracing and SDT links alike).
UnlinkOrWarn(T, id) ==
    LET l == T.k.links[id]
        e == l.entries[1]
        node == [link |-> id, prog |-> l.prog, cookie |-> e.cookie]
    IN IF e.tramp \in DOMAIN T.k.tramps
       THEN LET U == UnlinkProg(T, e.tramp, node, LinkKind(T.k, id), "direct")
            IN IF Failed(U) THEN Clear(Warn(U, "UNLINK_FAILED")) ELSE U
       ELSE T

\* bpf_tracing_link_release: unlink (WARN on error), put the trampoline and the target prog.
ClassicRelease(T, id) ==
    LET l == T.k.links[id]
        e == l.entries[1]
        T1 == UnlinkOrWarn(T, id)
        T2 == IF On("bug_release_no_tramp_put") THEN T1 ELSE TrampPut(T1, e.tramp)
    IN IF Some(l.tgtProg) /\ ~On("bug_release_no_tgt_prog_put") THEN ProgPut(T2, The(l.tgtProg)) ELSE T2

(***************************************************************************)
(* Seed 004's bpf_sdt_link_attach and bpf_sdt_link_release                *)
(* (kernel/bpf/syscall.c of RFC 10/12, seed file                         *)
(* 004_61799f0b0761d167.txt :54-63 and :77-130: -EINVAL, kzalloc, prime, *)
(* key, bpf_trampoline_get, bpf_trampoline_link_prog, err_put_tramp,     *)
(* err_cleanup, in that order): an SDT observer joins the FENTRY          *)
(* list of the trampoline keyed by its target prog and its probe's         *)
(* orig_off, through the same __bpf_trampoline_link_prog as every tracing *)
(* link; its image runs at the probe.                                      *)
(***************************************************************************)
\* bpf_trampoline_compute_key(tgt_prog, NULL, orig_off) = prog_id << 32 | orig_off:
\* the key of the target prog's subprog whose BTF FUNC id is orig_off, when it
\* has one (H10).  The fix sdtkey tags SDT keys, so a probe has a key of its own.
SdtKey(probe) ==
    LET p == Probes[probe]
        same == {s \in DOMAIN Subprogs : Subprogs[s].prog = p.prog /\ Subprogs[s].btfId = p.origOff}
    IN IF On("sdtkey") \/ same = {} THEN probe ELSE The(same)

\* Entered with the link_create reference on the prog taken; link_create puts it on error.
SdtAttach(T, st) ==
    LET pid == st.prog
        prog == T.k.progs[pid]
    IN
    IF ~IsProbe(The(prog.target)) \/ prog.dstProg = {} THEN Fail(T, "EINVAL")   \* !sdt || !tgt_prog
    ELSE IF Fires(T, "link_alloc") THEN Fail(Pass(T, "link_alloc"), "ENOMEM")
    ELSE LET T0 == Pass(T, "link_alloc")
             linkId == FreeLinkId(T0.k)
             probe == The(prog.target)
             key == SdtKey(probe)
             T1 == Pass(T0, "link_prime")
             T2 == TrampGetAt(T1, key, probe)
             T3 == LinkProg(T2, key, [link |-> linkId, prog |-> pid, cookie |-> 0], "fentry", "direct")
    IN
    IF Fires(T0, "link_prime") THEN Fail(T1, "EMFILE")
    \* err_cleanup: bpf_link_cleanup, the link never reached release
    ELSE IF Failed(T2) THEN Fail(T2, "ENOMEM")
    ELSE IF Failed(T3) THEN [IF On("bug_sdt_err_no_tramp_put") THEN T3 ELSE TrampPut(T3, key) EXCEPT !.err = T3.err]
    ELSE LET T4 == IF On("bug_sdt_attach_consumes_dst_prog")   \* as bpf_tracing_prog_attach does
                   THEN [T3 EXCEPT !.k.progs[pid].dstProg = {}, !.k.progs[pid].dstTramp = {}] ELSE T3
         IN [T4 EXCEPT !.k.links = Put(@, linkId, [type |-> "sdt", prog |-> pid,
                 entries |-> <<[tramp |-> key, cookie |-> 0]>>, tgtProg |-> {},
                 tgtProgs |-> <<>>, btfs |-> <<>>, mods |-> <<>>])]

\* bpf_sdt_link_release: unlink (WARN on error) and put the trampoline.  The
\* target prog stays with the observer prog (aux->dst_prog).
SdtRelease(T, id) ==
    LET l == T.k.links[id]
        T1 == UnlinkOrWarn(T, id)
        T2 == IF On("bug_sdt_release_no_tramp_put") THEN T1 ELSE TrampPut(T1, l.entries[1].tramp)
        dst == T2.k.progs[l.prog].dstProg
    IN IF On("bug_sdt_release_puts_tgt_prog") /\ Some(dst) THEN ProgPut(T2, The(dst)) ELSE T2

(***************************************************************************)
(* link_create: take the prog, check the attach type is the prog's,        *)
(* dispatch, put the prog again on error.                                   *)
(***************************************************************************)
LinkCreate(T, st, multi, Attach(_, _)) ==
    IF ~ProgByFd(T.k, st.prog) THEN Fail(T, "EBADF")
    ELSE LET T1 == ProgInc(T, st.prog)
             T2 == IF IsMulti(T1.k.progs[st.prog].type) # multi THEN Fail(T1, "EINVAL") ELSE Attach(T1, st)
         IN IF Failed(T2) /\ ~On("bug_link_create_no_put") THEN [ProgPut(T2, st.prog) EXCEPT !.err = T2.err] ELSE T2

\* The last put of a link: release, bpf_prog_put(link->prog), dealloc.
CloseLink(T, st, ReleaseMulti(_, _)) ==
    IF st.link \notin DOMAIN T.k.links THEN Fail(T, "EBADF")
    ELSE LET l == T.k.links[st.link]
             T1 == CASE l.type = "tracing" -> ClassicRelease(T, st.link)
                     [] l.type = "sdt" -> SdtRelease(T, st.link)
                     [] OTHER -> ReleaseMulti(T, st.link)
         IN ProgPut([T1 EXCEPT !.k.links = Del(@, st.link)], l.prog)

\* No tracing link type has a .detach op.
DetachLink(T, st) == IF st.link \in DOMAIN T.k.links THEN Fail(T, "EOPNOTSUPP") ELSE Fail(T, "EBADF")

\* delete_module: -EWOULDBLOCK (EAGAIN) while referenced; the module drops its BTF.
UnloadModule(T, st) ==
    LET m == st.module IN
    IF m \notin DOMAIN T.k.modules \/ ~T.k.modules[m].live THEN Fail(T, "ENOENT")
    ELSE IF T.k.modules[m].refcnt > 0 /\ ~On("bug_unload_ignores_refs") THEN Fail(T, "EAGAIN")
    ELSE BtfPut([T EXCEPT !.k.modules[m] = [refcnt |-> 0, live |-> FALSE]], ModBtf(m))

(***************************************************************************)
(* One syscall: the kernel state before, the step, the design's multi      *)
(* operators -> [k |-> state after, errno |-> result, passes |-> how often *)
(* each injection point was passed].                                       *)
(***************************************************************************)
\* An SDT prog's attach goes to bpf_sdt_link_attach, every other one to
\* bpf_tracing_prog_attach.
SingleAttach(T, st) == IF T.k.progs[st.prog].type = "sdt" THEN SdtAttach(T, st) ELSE ClassicAttach(T, st)

\* The same for a design that loads SDT observer progs (LoadsSdt, seed 004).
SyscallSdt(k, st, LoadsMulti(_), VerifiedAgainstTarget, AttrFits(_), AttachMulti(_, _), ReleaseMulti(_, _),
           LoadsSdt) ==
    LET T == Begin(k, st.fault)
        R == CASE st.op = "load" -> Load(T, st, LoadsMulti, VerifiedAgainstTarget, LoadsSdt)
               [] st.op = "close_prog" -> CloseProg(T, st)
               [] st.op = "attach" -> LinkCreate(T, st, FALSE, SingleAttach)
               [] st.op = "attach_multi" ->
                      IF ~AttrFits(st) THEN Fail(T, "EINVAL") ELSE LinkCreate(T, st, TRUE, AttachMulti)
               [] st.op = "close_link" -> CloseLink(T, st, ReleaseMulti)
               [] st.op = "detach_link" -> DetachLink(T, st)
               [] st.op = "unload_module" -> UnloadModule(T, st)
    IN LET F == Finish(R) IN [k |-> F.k, errno |-> F.err, passes |-> F.passes]

Syscall(k, st, LoadsMulti(_), VerifiedAgainstTarget, AttrFits(_), AttachMulti(_, _), ReleaseMulti(_, _)) ==
    SyscallSdt(k, st, LoadsMulti, VerifiedAgainstTarget, AttrFits, AttachMulti, ReleaseMulti, FALSE)
=============================================================================
