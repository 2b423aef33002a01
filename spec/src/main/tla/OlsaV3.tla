------------------------------ MODULE OlsaV3 ------------------------------
(***************************************************************************)
(* seed 000 as posted (PATCHv3 bpf-next 09/24): no cookies in the UAPI, no *)
(* duplicate-id check, old_image put on detach even when the update       *)
(* failed.  Known findings H7 (duplicate ids), H8 and H9 (faults on close).*)
(***************************************************************************)
EXTENDS SingleOpsMulti, Invariants

OlsaV3Variant == [cookies |-> FALSE, sortDedup |-> FALSE, retireFix |-> FALSE]

SyscallOlsaV3(k, st) == Syscall(k, st, SOLoadsMulti, FALSE, LAMBDA s : SOAttrFits(OlsaV3Variant, s),
                                   LAMBDA T, s : SOAttachMulti(OlsaV3Variant, T, s),
                                   LAMBDA T, id : SOReleaseMulti(OlsaV3Variant, T, id))

Do(st) == Take(SyscallOlsaV3(Kernel, st), st)

Next == \E st \in Steps : InBounds(st) /\ Do(st)

Spec == Init /\ [][Next]_vars

\* States are told apart by the kernel objects alone (see KernelState).
View == kernelVars
=============================================================================
