------------------------------ MODULE DongV1 ------------------------------
(***************************************************************************)
(* seeds 001/002: per-target references in ptr_arrays, one ftrace         *)
(* operation per trampoline, multi progs verified against their first     *)
(* target, heap buffers tracked within the attach.  Known findings: H1     *)
(* (kfree of kvmalloc'd arrays), H3 (link.entries leaked when the attach   *)
(* fails before the first entry counts), H5 and H9 (faults on close),     *)
(* H14 (a denied function after the first target), H15 (a failed         *)
(* unregister puts cur_image); their fixes are the switches kvfree,       *)
(* freeentries, unlinkall, detachnofail, denycheck, unregkeep.            *)
(***************************************************************************)
EXTENDS DongV1Ops, Invariants

SyscallDongV1(k, st) == Syscall(k, st, DVLoadsMulti, TRUE, LAMBDA s : TRUE, DVAttachMulti, DVReleaseMulti)

\* The syscall st on the current state.
Run(st) == SyscallDongV1(Kernel, st)

Do(st) == Take(Run(st), st)

Next == SyscallNext(Run, LAMBDA st, errno : TRUE)

\* Checked in the default configs: faulted steps whose fault cannot fire are
\* skipped by Next, and rightly so (they would repeat the plain step).
SKIPPED_FAULTS_CHANGE_NOTHING == SkippedFaultsChangeNothing(Run)

Spec == Init /\ [][Next]_vars

\* States are told apart by the kernel objects alone (see KernelState).
View == kernelVars
=============================================================================
