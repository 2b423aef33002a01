---------------------------- MODULE KernelState ----------------------------
(***************************************************************************)
(* The state machine's variables: one per kind of kernel object (see      *)
(* KernelObjects for their shape), and last, the syscall that led to this *)
(* state with its errno.  last is for reading traces only: the MC configs *)
(* leave it out of the VIEW, so it never splits a state.                  *)
(*                                                                         *)
(* Bounds of a model-checking run: Steps is the set of syscalls tried in  *)
(* every state; a load is taken only while fewer than MaxProgs user progs *)
(* exist, an attach only while fewer than MaxLinks links are live.        *)
(***************************************************************************)
EXTENDS Syscalls

CONSTANTS Steps, MaxProgs, MaxLinks

VARIABLES progs, links, tramps, images, direct, btfs, modules, warnings, last

kernelVars == <<progs, links, tramps, images, direct, btfs, modules, warnings>>
vars == <<progs, links, tramps, images, direct, btfs, modules, warnings, last>>

Kernel == [progs |-> progs, links |-> links, tramps |-> tramps, images |-> images, direct |-> direct,
           btfs |-> btfs, modules |-> modules, warnings |-> warnings]

NoStep == [op |-> "boot"]

Init ==
    /\ progs = InitKernel.progs
    /\ links = InitKernel.links
    /\ tramps = InitKernel.tramps
    /\ images = InitKernel.images
    /\ direct = InitKernel.direct
    /\ btfs = InitKernel.btfs
    /\ modules = InitKernel.modules
    /\ warnings = InitKernel.warnings
    /\ last = [step |-> NoStep, errno |-> "ok"]

\* Take the outcome r = [k, errno] of syscall st as the next state.
Take(r, st) ==
    /\ progs' = r.k.progs
    /\ links' = r.k.links
    /\ tramps' = r.k.tramps
    /\ images' = r.k.images
    /\ direct' = r.k.direct
    /\ btfs' = r.k.btfs
    /\ modules' = r.k.modules
    /\ warnings' = r.k.warnings
    /\ last' = [step |-> st, errno |-> r.errno]

UserProgs == {id \in DOMAIN progs : progs[id].type # "target"}

InBounds(st) ==
    CASE st.op = "load" -> Cardinality(UserProgs) < MaxProgs
      [] st.op \in {"attach", "attach_multi"} -> Cardinality(DOMAIN links) < MaxLinks
      [] OTHER -> TRUE
=============================================================================
