------------------------------ MODULE DongV1 ------------------------------
(***************************************************************************)
(* seeds 001/002: per-target references in ptr_arrays, one ftrace         *)
(* operation per trampoline, multi progs verified against their first     *)
(* target, heap buffers tracked within the attach.  Known findings: H1     *)
(* (kfree of kvmalloc'd arrays), H3 (link.entries leaked when the attach   *)
(* fails before the first entry counts), H5 and H9 (faults on close).     *)
(***************************************************************************)
EXTENDS DongV1Ops, Invariants

SyscallDongV1(k, st) == Syscall(k, st, DVLoadsMulti, TRUE, LAMBDA s : TRUE, DVAttachMulti, DVReleaseMulti)

Do(st) == Take(SyscallDongV1(Kernel, st), st)

Next == \E st \in Steps : InBounds(st) /\ Do(st)

Spec == Init /\ [][Next]_vars

\* States are told apart by the kernel objects alone (see KernelState).
View == kernelVars
=============================================================================
