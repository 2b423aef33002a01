------------------------------ MODULE MCUpstream ------------------------------
\* Model-checking runs of seed 000 as merged upstream: the step sets the configs use.
\* MCUpstream.cfg is the default (under 60 s on 2 cores), MCUpstreamDeep.cfg the
\* long run, MCUpstreamFindings.cfg shows the known findings: H9 (faults on close).
EXTENDS Upstream, MCBounds

MC_LoadTypes == {"fentry", "fexit", "fmod_ret", "fentry_multi", "fexit_multi"}
MC_Points == ClassicPoints \cup {"array_alloc", "copy_from_user", "ftrace_hash_alloc"}

\* No fault on close (H9).  The duplicate pair stays: upstream rejects it (-EINVAL).
MC_StepSet == MC_Steps(MC_LoadTypes, MC_Points, {}, {SingleList, ModulePair, DuplicatePair}, TRUE, MaxProgs, MaxLinks)

\* Everything the default bounds leave out to avoid the known findings.
MC_FindingsStepSet ==
    MC_Steps(MC_LoadTypes, MC_Points, MC_Points, {SingleList, ModulePair, DuplicatePair}, TRUE, MaxProgs, MaxLinks)
=============================================================================
