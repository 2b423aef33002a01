------------------------------ MODULE Upstream ------------------------------
(***************************************************************************)
(* seed 000 as merged upstream: olsa-v3's code with the switches cookies, *)
(* sort, dedup, retirefix and unregkeep on (UpstreamSwitches), so every   *)
(* run of this module has them in Switches.  Known finding H9 (faults on  *)
(* close; fix detachnofail).                                               *)
(***************************************************************************)
EXTENDS SingleOpsMulti, Invariants

\* The switches of the preset (model: Designs' preset defaults); a design
\* may drop one (upstream-retirefix): the run's Switches is what counts.
UpstreamSwitches == {"cookies", "sort", "dedup", "retirefix", "unregkeep"}

SyscallUpstream(k, st) == Syscall(k, st, SOLoadsMulti, FALSE, SOAttrFits, SOAttachMulti, SOReleaseMulti)

\* The syscall st on the current state.
Run(st) == SyscallUpstream(Kernel, st)

Do(st) == Take(Run(st), st)

Next == SyscallNext(Run, LAMBDA st, errno : TRUE)

\* Checked in the default configs: faulted steps whose fault cannot fire are
\* skipped by Next, and rightly so (they would repeat the plain step).
SKIPPED_FAULTS_CHANGE_NOTHING == SkippedFaultsChangeNothing(Run)

Spec == Init /\ [][Next]_vars

\* States are told apart by the kernel objects alone (see KernelState).
View == kernelVars
=============================================================================
