------------------------------ MODULE Classic ------------------------------
(***************************************************************************)
(* Mainline without any multi link: fentry/fexit/fmod_ret/freplace links   *)
(* only.  No multi prog type loads, so a multi attach never gets past     *)
(* link_create.  Known findings H9 (faults on close; fix detachnofail)    *)
(* and H15 (a failed unregister puts cur_image, as 6.1 and 6.12 do; fix   *)
(* unregkeep).                                                             *)
(***************************************************************************)
EXTENDS Syscalls, Invariants

SyscallClassic(k, st) == Syscall(k, st, LAMBDA t : FALSE, FALSE, LAMBDA s : TRUE,
                                   LAMBDA T, s : Fail(T, "EINVAL"),
                                   LAMBDA T, id : Assert(FALSE, "classic kernel has no multi links"))

\* The syscall st on the current state.
Run(st) == SyscallClassic(Kernel, st)

Do(st) == Take(Run(st), st)

Next == SyscallNext(Run, LAMBDA st, errno : TRUE)

\* Checked in the default configs: faulted steps whose fault cannot fire are
\* skipped by Next, and rightly so (they would repeat the plain step).
SKIPPED_FAULTS_CHANGE_NOTHING == SkippedFaultsChangeNothing(Run)

Spec == Init /\ [][Next]_vars

\* States are told apart by the kernel objects alone (see KernelState).
View == kernelVars
=============================================================================
