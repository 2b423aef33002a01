------------------------------ MODULE MCUpstream ------------------------------
\* Model-checking runs of seed 000 as merged upstream: the step set the configs use.
\* MCUpstream.cfg is the default (the design with every known finding's fix on, under
\* 60 s on 2 cores), MCUpstreamDeep.cfg the long run, MCUpstreamFindings.cfg the preset as
\* it is, which shows its known findings: H9 (faults on close).
\* One step set serves all three: nothing is left out to avoid a known finding.
EXTENDS Upstream, MCBounds

MC_Loads == ClassicLoads \cup SingleOpsLoads
MC_Points == ClassicPoints \cup {"array_alloc", "copy_from_user", "ftrace_hash_alloc"}

MC_StepSet == MC_Steps(MC_Loads, MC_Points, {SingleList, ReversedPair, DuplicatePair}, TRUE, MAX_TRACING_MULTI_CNT + 1, MaxProgs, MaxLinks)

MC_FindingsStepSet == MC_StepSet
=============================================================================
