----------------------------- MODULE SdtObserver -----------------------------
(***************************************************************************)
(* Seed 004 (RFC 10/12, June 2026; seed file 004_61799f0b0761d167.txt):    *)
(* SDT observer progs attached to a                                        *)
(* probe site inside a BPF program through bpf_sdt_link_attach            *)
(* (Syscalls' SdtAttach, SdtRelease; the load against prog@probe is      *)
(* LoadSdt, assumed as the Java SdtObserver says).  The series is posted *)
(* against bpf-next, which has the merged tracing multi link, so every    *)
(* other step is upstream's code with upstream's switches.  Known         *)
(* findings H10 (an SDT probe's key equals a subprog's: one trampoline at *)
(* one site; fix sdtkey) and H9 (faults on close; fix detachnofail).       *)
(***************************************************************************)
EXTENDS SingleOpsMulti, Invariants

SyscallSdtObserver(k, st) ==
    SyscallSdt(k, st, SOLoadsMulti, FALSE, SOAttrFits, SOAttachMulti, SOReleaseMulti, TRUE)

\* The syscall st on the current state.
Run(st) == SyscallSdtObserver(Kernel, st)

Do(st) == Take(Run(st), st)

Next == SyscallNext(Run, LAMBDA st, errno : TRUE)

\* Checked in the default configs: faulted steps whose fault cannot fire are
\* skipped by Next, and rightly so (they would repeat the plain step).
SKIPPED_FAULTS_CHANGE_NOTHING == SkippedFaultsChangeNothing(Run)

Spec == Init /\ [][Next]_vars

\* States are told apart by the kernel objects alone (see KernelState).
View == kernelVars
=============================================================================
