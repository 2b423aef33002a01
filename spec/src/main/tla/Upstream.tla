------------------------------ MODULE Upstream ------------------------------
(***************************************************************************)
(* seed 000 as merged upstream: cookies, ids sorted with their cookies, a  *)
(* duplicate id is -EINVAL, old_image retired only once it is no longer   *)
(* current.  Known finding H9 (faults on close).                           *)
(***************************************************************************)
EXTENDS SingleOpsMulti, Invariants

UpstreamVariant == [cookies |-> TRUE, sortDedup |-> TRUE, retireFix |-> TRUE]

SyscallUpstream(k, st) == Syscall(k, st, SOLoadsMulti, FALSE, LAMBDA s : SOAttrFits(UpstreamVariant, s),
                                   LAMBDA T, s : SOAttachMulti(UpstreamVariant, T, s),
                                   LAMBDA T, id : SOReleaseMulti(UpstreamVariant, T, id))

Do(st) == Take(SyscallUpstream(Kernel, st), st)

Next == \E st \in Steps : InBounds(st) /\ Do(st)

Spec == Init /\ [][Next]_vars

\* States are told apart by the kernel objects alone (see KernelState).
View == kernelVars
=============================================================================
