------------------------------ MODULE OlsaV3 ------------------------------
(***************************************************************************)
(* seed 000 as posted (PATCHv3 bpf-next 09/24): no cookies in the UAPI, no *)
(* duplicate-id check, old_image put on detach even when the update       *)
(* failed.  Known findings H7 (duplicate ids; fix dedup), H8 (faults on   *)
(* close; fix retirefix), H9 (faults on close; fix detachnofail) and H15  *)
(* (a failed unregister puts cur_image; fix unregkeep).                   *)
(* The preset has no switch on: Switches holds the fixes and seeded bugs  *)
(* a run adds.                                                             *)
(***************************************************************************)
EXTENDS SingleOpsMulti, Invariants

\* The switches of the preset (model: Designs' preset defaults); a design
\* may drop one (upstream-retirefix): the run's Switches is what counts.
OlsaV3Switches == {}

SyscallOlsaV3(k, st) == Syscall(k, st, SOLoadsMulti, FALSE, SOAttrFits, SOAttachMulti, SOReleaseMulti)

\* The syscall st on the current state.
Run(st) == SyscallOlsaV3(Kernel, st)

Do(st) == Take(Run(st), st)

Next == SyscallNext(Run, LAMBDA st, errno : TRUE)

\* Checked in the default configs: faulted steps whose fault cannot fire are
\* skipped by Next, and rightly so (they would repeat the plain step).
SKIPPED_FAULTS_CHANGE_NOTHING == SkippedFaultsChangeNothing(Run)

Spec == Init /\ [][Next]_vars

\* States are told apart by the kernel objects alone (see KernelState).
View == kernelVars
=============================================================================
