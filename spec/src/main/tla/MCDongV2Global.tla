---------------------------- MODULE MCDongV2Global ----------------------------
\* Model-checking runs of seed 003 v2 (dong-v2-global): the step set the configs use.
\* MCDongV2Global.cfg is the default (the design with every known finding's fix on, under
\* 60 s on 2 cores), MCDongV2GlobalDeep.cfg the long run, MCDongV2GlobalFindings.cfg the preset
\* as it is, which shows its known findings.  One step set serves all three.
\* Loads: dong-v1's multi loads (fentry_multi on a vmlinux and on the module function).
\* Lists: ModulePair (two functions of one argument count: one global trampoline),
\* ReversedPair (argument counts 2 and 1: two global trampolines), DuplicatePair (-EEXIST
\* from kfunc_md_bpf_link, then H6c's unlink past the linked entries), SubprogOverlap
\* (bpf2bpf: -EOPNOTSUPP).  The world's argument counts are MCBounds' Fns[f].nrArgs
\* (bpf_fentry_test1 1, bpf_modify_return_test 2, bpf_testmod_fentry_test1 1).
EXTENDS DongV2Global, MCBounds

MC_Loads == ClassicLoads \cup DongV1Loads
MC_Points == ClassicPoints \cup {"array_alloc", "copy_from_user", "kvmalloc_vmalloc", "ftrace_hash_alloc"} \cup DV2Points

MC_StepSet == MC_Steps(MC_Loads, MC_Points, {ModulePair, ReversedPair, DuplicatePair, SubprogOverlap}, TRUE,
                       MAX_TRACING_MULTI_CNT_V2 + 1, MaxProgs, MaxLinks)

MC_FindingsStepSet == MC_StepSet
=============================================================================
