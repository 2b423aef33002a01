------------------------------ MODULE MCDongV1 ------------------------------
\* Model-checking runs of seeds 001/002 (dong-v1): the step sets the configs use.
\* MCDongV1.cfg is the default (under 60 s on 2 cores), MCDongV1Deep.cfg the
\* long run, MCDongV1Findings.cfg shows the known findings: H1 (kvmalloc_vmalloc), H3 (no fault needed), H5 and H9 (faults on close).
EXTENDS DongV1, MCBounds

MC_LoadTypes == {"fentry", "fexit", "fmod_ret", "fentry_multi", "fexit_multi", "fmod_ret_multi"}
MC_Points == ClassicPoints \cup {"array_alloc", "copy_from_user"}

\* No fault on close (H5, H9), no kvmalloc_vmalloc (H1), no duplicate pair (its -EBUSY
\* rollback meets a fault in ftrace_unregister: H5).  H3 needs no fault (-EEXIST on a
\* second attach leaks link.entries), so this run leaves NO_MEMORY_LEAK out and checks
\* FAILED_SYSCALL_CHANGES_NOTHING modulo kmemleak reports.
MC_StepSet == MC_Steps(MC_LoadTypes, MC_Points, {}, {SingleList, ModulePair}, TRUE, MaxProgs, MaxLinks)

\* Everything the default bounds leave out to avoid the known findings.
MC_FindingsStepSet ==
    MC_Steps(MC_LoadTypes, MC_Points \cup {"kvmalloc_vmalloc"}, MC_Points, {SingleList, ModulePair, DuplicatePair}, TRUE, MaxProgs, MaxLinks)
=============================================================================
