------------------------------ MODULE MCDongV1 ------------------------------
\* Model-checking runs of seeds 001/002 (dong-v1): the step set the configs use.
\* MCDongV1.cfg is the default (the design with every known finding's fix on, under
\* 60 s on 2 cores), MCDongV1Deep.cfg the long run, MCDongV1Findings.cfg the preset as
\* it is, which shows its known findings: H1 (kvmalloc_vmalloc), H3 (no fault needed), H5 and H9 (faults on close), H14 is out of this world (no denied function).
\* One step set serves all three: nothing is left out to avoid a known finding.
EXTENDS DongV1, MCBounds

MC_Loads == ClassicLoads \cup DongV1Loads
MC_Points == ClassicPoints \cup {"array_alloc", "copy_from_user", "kvmalloc_vmalloc"}

MC_StepSet == MC_Steps(MC_Loads, MC_Points, {ModulePair, SubprogOverlap, ModuleDuplicate}, TRUE, MAX_TRACING_MULTI_CNT_V1 + 1, MaxProgs, MaxLinks)

MC_FindingsStepSet == MC_StepSet
=============================================================================
