------------------------------ MODULE MCClassic ------------------------------
\* Model-checking runs of the classic kernel (no multi links): the step set the configs use.
\* MCClassic.cfg is the default (the design with every known finding's fix on, under
\* 60 s on 2 cores), MCClassicDeep.cfg the long run, MCClassicFindings.cfg the preset as
\* it is, which shows its known findings: H9: a fault in the ftrace update of close_link (faults on close).
\* One step set serves all three: nothing is left out to avoid a known finding.
EXTENDS Classic, MCBounds

MC_Loads == ClassicLoads
MC_Points == ClassicPoints

MC_StepSet == MC_Steps(MC_Loads, MC_Points, {ModulePair}, FALSE, 0, MaxProgs, MaxLinks)

MC_FindingsStepSet == MC_StepSet
=============================================================================
