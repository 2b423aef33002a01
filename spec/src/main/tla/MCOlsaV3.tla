------------------------------ MODULE MCOlsaV3 ------------------------------
\* Model-checking runs of seed 000 as posted (olsa-v3): the step set the configs use.
\* MCOlsaV3.cfg is the default (the design with every known finding's fix on, under
\* 60 s on 2 cores), MCOlsaV3Deep.cfg the long run, MCOlsaV3Findings.cfg the preset as
\* it is, which shows its known findings: H7 (duplicate ids), H8 and H9 (faults on close).
\* One step set serves all three: nothing is left out to avoid a known finding.
EXTENDS OlsaV3, MCBounds

MC_Loads == ClassicLoads \cup SingleOpsLoads
MC_Points == ClassicPoints \cup {"array_alloc", "copy_from_user", "ftrace_hash_alloc"}

MC_StepSet == MC_Steps(MC_Loads, MC_Points, {SingleList, ReversedPair, DuplicatePair}, FALSE, MAX_TRACING_MULTI_CNT + 1, MaxProgs, MaxLinks)

MC_FindingsStepSet == MC_StepSet
=============================================================================
