---------------------------- MODULE MCSdtObserver ----------------------------
\* Model-checking runs of seed 004 (sdt-observer): the step set the configs use.
\* MCSdtObserver.cfg is the default (the design with every known finding's fix on, under
\* 60 s on 2 cores), MCSdtObserverDeep.cfg the long run, MCSdtObserverFindings.cfg the
\* preset as it is, which shows its own known finding H10 (an fentry load on subprog_a and
\* an SDT load on probe_drop, whose keys collide, the observer attached: 3 steps, 2 progs, 1 link).
\* Upstream's steps plus the SDT loads: an observer on probe_drop (whose key meets
\* subprog_a's without sdtkey) and one on a probe no target prog has (-EINVAL).  Not
\* probe_pass: with sdtkey on, an observer there takes the same paths at another key,
\* and the default run must stay under a minute.
EXTENDS SdtObserver, MCBounds

SdtLoads == {<<"sdt", "prog1@probe_drop">>, <<"sdt", "prog1@probe_none">>}

MC_Loads == ClassicLoads \cup SingleOpsLoads \cup SdtLoads
MC_Points == ClassicPoints \cup {"array_alloc", "copy_from_user", "ftrace_hash_alloc"}

MC_StepSet == MC_Steps(MC_Loads, MC_Points, {SingleList, ReversedPair, DuplicatePair}, TRUE, MAX_TRACING_MULTI_CNT + 1, MaxProgs, MaxLinks)

\* The findings run leaves out the faults of close_link: upstream's H9, which its
\* findings run shows, is found there at depth 3, before this design's own H10 at depth 4.
MC_FindingsStepSet == {st \in MC_StepSet : st.op # "close_link" \/ st.fault = NoFault}
=============================================================================
