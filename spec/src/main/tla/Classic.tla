------------------------------ MODULE Classic ------------------------------
(***************************************************************************)
(* Mainline without any multi link: fentry/fexit/fmod_ret/freplace links   *)
(* only.  No multi prog type loads, so a multi attach never gets past     *)
(* link_create.                                                            *)
(***************************************************************************)
EXTENDS Syscalls, Invariants

SyscallClassic(k, st) == Syscall(k, st, LAMBDA t : FALSE, FALSE, LAMBDA s : TRUE,
                                   LAMBDA T, s : Fail(T, "EINVAL"),
                                   LAMBDA T, id : Assert(FALSE, "classic kernel has no multi links"))

Do(st) == Take(SyscallClassic(Kernel, st), st)

Next == \E st \in Steps : InBounds(st) /\ Do(st)

Spec == Init /\ [][Next]_vars

\* States are told apart by the kernel objects alone (see KernelState).
View == kernelVars
=============================================================================
