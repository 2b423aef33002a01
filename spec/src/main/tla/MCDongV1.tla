------------------------------ MODULE MCDongV1 ------------------------------
(* The default run of DongV1; bounds in MCDongV1.cfg.                               *)
EXTENDS DongV1, MCBounds

MC_MaxProgs == 1
MC_MaxLinks == 1
MC_LoadTypes == {"fentry", "fexit", "fmod_ret", "fentry_multi", "fexit_multi", "fmod_ret_multi"}
MC_StepSet == MC_Steps(MC_LoadTypes, ClassicPoints \cup {"array_alloc", "copy_from_user"}, FALSE, FALSE, MC_MaxProgs, MC_MaxLinks)
=============================================================================
