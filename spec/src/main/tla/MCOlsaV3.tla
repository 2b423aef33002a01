------------------------------ MODULE MCOlsaV3 ------------------------------
\* Model-checking runs of seed 000 as posted (olsa-v3): the step sets the configs use.
\* MCOlsaV3.cfg is the default (under 60 s on 2 cores), MCOlsaV3Deep.cfg the
\* long run, MCOlsaV3Findings.cfg shows the known findings: H7 (duplicate ids), H8 and H9 (faults on close).
EXTENDS OlsaV3, MCBounds

MC_LoadTypes == {"fentry", "fexit", "fmod_ret", "fentry_multi", "fexit_multi"}
MC_Points == ClassicPoints \cup {"array_alloc", "copy_from_user", "ftrace_hash_alloc"}

\* No fault on close (H8, H9) and no duplicate pair (H7). No cookies: this UAPI has none.
MC_StepSet == MC_Steps(MC_LoadTypes, MC_Points, {}, {SingleList, ModulePair}, FALSE, MaxProgs, MaxLinks)

\* Everything the default bounds leave out to avoid the known findings.
MC_FindingsStepSet ==
    MC_Steps(MC_LoadTypes, MC_Points, MC_Points, {SingleList, ModulePair, DuplicatePair}, FALSE, MaxProgs, MaxLinks)
=============================================================================
