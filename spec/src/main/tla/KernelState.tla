---------------------------- MODULE KernelState ----------------------------
(***************************************************************************)
(* The state machine's variables: one per kind of kernel object (see      *)
(* KernelObjects for their shape), and last, the syscall that led to this *)
(* state with its errno.  last is for reading traces only: the MC configs *)
(* leave it out of the VIEW, so it never splits a state.                  *)
(*                                                                         *)
(* Bounds of a model-checking run: Steps is the set of syscalls tried in  *)
(* every state, each plain and with the faults the run injects; a load is *)
(* taken only while fewer than MaxProgs user progs exist, and no state    *)
(* has more than MaxLinks live links (an attach at the bound is tried: it *)
(* is kept where it fails, e.g. -E2BIG).  A faulted syscall is taken only *)
(* where its fault fires, i.e. where the plain syscall passes the fault's *)
(* point often enough; elsewhere it would be the plain syscall again.     *)
(***************************************************************************)
EXTENDS Syscalls

CONSTANTS Steps, MaxProgs, MaxLinks

\* dobjects is the design's own kernel objects (<<>> while it has none,
\* every design so far): a design with objects no other design has keeps
\* them there (Java: KState.designObjects), written by its own operators.
VARIABLES progs, links, tramps, images, direct, btfs, modules, warnings, dobjects, last

kernelVars == <<progs, links, tramps, images, direct, btfs, modules, warnings, dobjects>>
vars == <<progs, links, tramps, images, direct, btfs, modules, warnings, dobjects, last>>

Kernel == [progs |-> progs, links |-> links, tramps |-> tramps, images |-> images, direct |-> direct,
           btfs |-> btfs, modules |-> modules, warnings |-> warnings, dobjects |-> dobjects]

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
    /\ dobjects = InitKernel.dobjects
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
    /\ dobjects' = r.k.dobjects
    /\ last' = [step |-> st, errno |-> r.errno]

UserProgs == {id \in DOMAIN progs : progs[id].type # "target"}

\* Before the step: a load only below MaxProgs user progs.
InBounds(st) == st.op = "load" => Cardinality(UserProgs) < MaxProgs

\* After the step: at most MaxLinks live links.
Within(r) == Cardinality(DOMAIN r.k.links) <= MaxLinks

PlainSteps == {st \in Steps : st.fault = NoFault}

\* Each plain step with the faults the run injects into it.
StepFaults == {<<st, {x.fault : x \in {y \in Steps : y.fault # NoFault /\ [y EXCEPT !.fault = NoFault] = st}}>> :
                  st \in PlainSteps}

(***************************************************************************)
(* The next-state relation of a design whose syscall is Run(st): every    *)
(* plain step in bounds, and each of its faulted variants whose fault     *)
(* fires.  Label(st, errno) is TRUE in the specs; the graph run prints    *)
(* the step's number there.                                               *)
(*                                                                         *)
(* The outcome of a syscall is bound with \E r \in {Run(st)}, not with a  *)
(* LET: TLC evaluates the set once and enumerates its one element, while  *)
(* a LET-bound outcome was evaluated again where the action used it (in    *)
(* Within, in each of Take's variables, per fault of the step): the same  *)
(* graph took 3.8 times as long (upstream+fixes' default run, 1 worker,    *)
(* 70 s against 18 s, 2026-12-01).                                         *)
(***************************************************************************)
SyscallNext(Run(_), Label(_, _)) ==
    \E sf \in StepFaults :
        LET st == sf[1] IN
        /\ InBounds(st)
        /\ \E r \in {Run(st)} :
           \/ /\ Within(r)
              /\ Take(r, st)
              /\ Label(st, r.errno)
           \/ \E f \in sf[2] :
                /\ r.passes[f.point] >= f.hit
                /\ LET fst == [st EXCEPT !.fault = f] IN
                   \E fr \in {Run(fst)} :
                      /\ Within(fr)
                      /\ Take(fr, fst)
                      /\ Label(fst, fr.errno)

\* What SyscallNext skips changes nothing: in this state, a faulted syscall
\* whose fault does not fire (the plain one passes its point fewer than hit
\* times) ends as the plain one, in the same kernel state with the same errno.
SkippedFaultsChangeNothing(Run(_)) ==
    \A sf \in StepFaults :
        InBounds(sf[1]) =>
            LET r == Run(sf[1]) IN
            \A f \in sf[2] :
                r.passes[f.point] < f.hit =>
                    LET fr == Run([sf[1] EXCEPT !.fault = f]) IN fr.k = r.k /\ fr.errno = r.errno
=============================================================================
