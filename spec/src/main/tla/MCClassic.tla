------------------------------ MODULE MCClassic ------------------------------
\* Model-checking runs of the classic kernel (no multi links): the step sets the configs use.
\* MCClassic.cfg is the default (under 60 s on 2 cores), MCClassicDeep.cfg the
\* long run, MCClassicFindings.cfg shows the known findings: H9: a fault in the ftrace update of close_link (faults on close).
EXTENDS Classic, MCBounds

MC_LoadTypes == {"fentry", "fexit", "fmod_ret"}
MC_Points == ClassicPoints

\* No fault on close: that reaches H9.
MC_StepSet == MC_Steps(MC_LoadTypes, MC_Points, {}, {}, FALSE, MaxProgs, MaxLinks)

\* Everything the default bounds leave out to avoid the known findings.
MC_FindingsStepSet ==
    MC_Steps(MC_LoadTypes, MC_Points, MC_Points, {}, FALSE, MaxProgs, MaxLinks)
=============================================================================
