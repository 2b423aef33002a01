------------------------------ MODULE MCClassic ------------------------------
(* The default run of the classic kernel; bounds in MCClassic.cfg.          *)
EXTENDS Classic, MCBounds

MC_MaxProgs == 2
MC_MaxLinks == 2
MC_LoadTypes == {"fentry", "fexit", "fmod_ret"}
MC_StepSet == MC_Steps(MC_LoadTypes, ClassicPoints, FALSE, FALSE, MC_MaxProgs, MC_MaxLinks)
=============================================================================
