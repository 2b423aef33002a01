------------------------------ MODULE MCUpstream ------------------------------
(* The default run of Upstream; bounds in MCUpstream.cfg.                               *)
EXTENDS Upstream, MCBounds

MC_MaxProgs == 1
MC_MaxLinks == 1
MC_LoadTypes == {"fentry", "fexit", "fmod_ret", "fentry_multi", "fexit_multi"}
MC_StepSet == MC_Steps(MC_LoadTypes, ClassicPoints \cup {"array_alloc", "copy_from_user", "ftrace_hash_alloc"}, FALSE, FALSE, MC_MaxProgs, MC_MaxLinks)
=============================================================================
