module refs

/*
 * The reference graph: one snapshot of the kernel objects of multilink's
 * model (model/.../state: KState) and the pointers between them, with the
 * model's reference invariants (model/.../invariant/Invariants.java, same
 * ids) as predicates. The question: do they rule out every dangling
 * reference, and everything freed that ftrace could still reach, for every
 * shape of object graph within the scope?
 *
 * A freed object that something still names is an atom outside Live (the
 * Java model drops freed objects and keeps the dangling id; an unloaded
 * module keeps its object with live = false). A freed object holds nothing.
 * Reference counts are Ints compared with the number of live holders.
 */

-- which trampoline list a prog joins (bpf_attach_type_to_tramp); NONE: a
-- target prog (XDP) that joins none
abstract sig Kind {}
one sig FENTRY, FEXIT, MODIFY_RETURN, REPLACE, NONE extends Kind {}

-- Each object has a reference count (aux->refcnt, btf refcnt, module refcnt,
-- trampoline refcnt; for an image, its live allocations), except a link,
-- which lives while its fd is open.
sig Prog {
  pcnt: one Int,
  kind: one Kind,
  attachBtf: lone Btf,       -- aux->attach_btf
  mod: lone Module,          -- aux->mod
  dstProg: lone Prog,        -- aux->dst_prog
  dstTramp: lone Tramp       -- aux->dst_trampoline
}
-- progs whose user fd is open
sig FdOpen in Prog {}

sig Btf { bcnt: one Int }
-- vmlinux's BTF: the kernel holds it
one sig Vmlinux extends Btf {}

sig Module {
  mcnt: one Int,
  ownBtf: one Btf            -- a loaded module holds one reference on its BTF
}

sig Link {
  prog: lone Prog,           -- link->prog
  tgtProg: lone Prog,        -- classic tgt_prog
  tgtProgs: set Prog,        -- seed 001 tgt_progs[]
  tgtBtfs: set Btf,          -- seed 001 tgt_btfs[]
  mods: set Module,          -- seed 001 mods[]
  entries: set Entry         -- the trampolines joined, with cookies
}
sig Cookie {}
-- one entry of a link (part of the link's memory)
sig Entry { tramp: one Tramp, ecookie: one Cookie }

-- a traced function's entry (a kernel function or a BPF subprog): the key a
-- trampoline is hashed by, and what its ftrace direct call (or poked call)
-- calls
sig Site { calls: lone Image }

sig Tramp {
  tcnt: one Int,
  key: one Site,
  nodes: set Node,           -- progs_hlist[FENTRY, FEXIT, MODIFY_RETURN]
  ext: lone Link,            -- extension_prog, by its link
  cur: lone Image            -- cur_image
}
-- a node on a trampoline list (or in an image): bpf_tramp_node with the link
-- that owns it, the prog it runs, its cookie, and the list it is on
sig Node { nkind: one Kind, nlink: one Link, nprog: one Prog, ncookie: one Cookie }

-- an image: what it was generated from (a value), and how many live
-- allocations of it there are
sig Image { icnt: one Int, ikey: one Site, runs: set Node }

-- the objects
fun Obj: set univ { Prog + Btf + Module + Link + Tramp + Image }
-- allocated and not freed; for a module: loaded. The rest of Obj are freed
-- objects that something still names.
sig Live in Prog + Btf + Module + Link + Tramp + Image {}

fact Snapshot {
  -- a freed object holds nothing (an image keeps what it was generated from:
  -- that is its value, not a pointer)
  no (Obj - Live) <: (attachBtf + mod + dstProg + dstTramp + prog + tgtProg + tgtProgs + tgtBtfs + mods
                      + entries + nodes + ext + cur)
  no (Obj - Live) & FdOpen
  -- an image is allocated while it has allocations
  all i: Image | i in Live iff i.icnt > 0
  -- an entry belongs to one link; trampolines are hashed by key
  all e: Entry | one entries.e
  all disj s, t: Tramp | s.key != t.key
  -- counts are never negative (refcount_t saturates instead)
  all o: Prog | o.pcnt >= 0
  all o: Btf | o.bcnt >= 0
  all o: Module | o.mcnt >= 0
  all o: Tramp | o.tcnt >= 0
  all o: Image | o.icnt >= 0
  -- nodes are on the three prog lists only
  all n: Node | n.nkind in FENTRY + FEXIT + MODIFY_RETURN
}

-- every pointer a live object holds (what NO_DANGLING looks at and the
-- counterexample picture draws)
fun refs: univ -> univ {
  Live <: (attachBtf + mod + dstProg + dstTramp
           + prog + tgtProg + tgtProgs + tgtBtfs + mods + entries.tramp
           + nodes.nlink + nodes.nprog + ext + cur
           + runs.nprog
           + (Module <: ownBtf))
}

-- live holders ----------------------------------------------------------------

fun progHolders[p: Prog]: Int {
  plus[plus[#(p & FdOpen), #((Live & Link) & prog.p)],
       plus[plus[#((Live & Link) & tgtProg.p), #((Live & Link) & tgtProgs.p)], #((Live & Prog) & dstProg.p)]]
}
fun btfHolders[b: Btf]: Int {
  plus[plus[#(b & Vmlinux), #((Live & Module) & ownBtf.b)],
       plus[#((Live & Prog) & attachBtf.b), #((Live & Link) & tgtBtfs.b)]]
}
fun moduleHolders[m: Module]: Int {
  plus[#((Live & Prog) & mod.m), #((Live & Link) & mods.m)]
}
fun trampHolders[t: Tramp]: Int {
  plus[#((Live & Prog) & dstTramp.t), #((Live & Link).entries & tramp.t)]
}

-- the model's invariants ------------------------------------------------------
-- Counts are stated for every object the snapshot names, freed ones
-- included: a freed object's count is 0 (FREE_AT_ZERO), so "count == live
-- holders" also says that nothing live holds it. The Java model's REF_*
-- quantify over live objects only (freed ones are not in its state) and leave
-- the freed ones to NO_DANGLING; its modules, which stay in the state when
-- unloaded, are already counted this way.

-- refcount_t: the put that takes a count to 0 frees the object, and a freed
-- object is never counted again (a get after free is NO_UNDERFLOW's report)
pred FREE_AT_ZERO {
  all o: Prog - Live | o.pcnt = 0
  all o: Btf - Live | o.bcnt = 0
  all o: Module - Live | o.mcnt = 0
  all o: Tramp - Live | o.tcnt = 0
  all o: Image - Live | o.icnt = 0
}

-- REF_PROG: refcnt == fd + link->prog + tgt_prog(s) + aux->dst_prog holders
pred REF_PROG { all p: Prog | p.pcnt = progHolders[p] }

-- REF_BTF: refcnt == kernel/module + progs' attach_btf + links' tgt_btfs
pred REF_BTF { all b: Btf | b.bcnt = btfHolders[b] }

-- REF_MODULE: refcnt == progs' aux->mod + links' mods[]
pred REF_MODULE { all m: Module | m.mcnt = moduleHolders[m] }

-- REF_TRAMPOLINE: refcnt == aux->dst_trampoline + link entries
pred REF_TRAMPOLINE { all t: Tramp | t.tcnt = trampHolders[t] }

-- IMAGE_OWNED: each image's live allocations are exactly the live
-- trampolines whose cur_image it is (so a cur_image is never freed)
pred IMAGE_OWNED { all i: Image | i.icnt = #((Live & Tramp) & cur.i) }

-- IMAGE_MATCHES_PROGS: a trampoline with progs has an image generated from
-- exactly its lists (here: the same nodes; the model also compares order),
-- one without has none
pred IMAGE_MATCHES_PROGS {
  all t: Live & Tramp {
    no t.nodes implies no t.cur
    some t.nodes implies (some t.cur and t.cur.runs = t.nodes and t.cur.ikey = t.key)
  }
}

-- FTRACE_MATCHES_TRAMPOLINES: each site calls its trampoline's cur_image, and
-- a site without a trampoline calls nothing
pred FTRACE_MATCHES_TRAMPOLINES {
  all t: Live & Tramp | t.key.calls = t.cur
  all s: Site | some s.calls implies some t: Live & Tramp | t.key = s
}

-- LINKINFO_MATCHES: a link's entries are nodes on those trampolines (or the
-- extension slot), and every node, and the extension slot, belongs to a live
-- link that lists that trampoline, running that link's prog on that prog's
-- list. The Java invariant checks the node -> link direction by link id and
-- cookie only: it does not compare a node's prog and list with its link's,
-- nor the extension slot with the link's entries (NO_DANGLING catches a
-- freed extension link there).
pred LINKINFO_MATCHES {
  all l: Live & Link, e: l.entries | (l.prog in Live and e.tramp in Live) implies {
    l.prog.kind = REPLACE implies e.tramp.ext = l
    l.prog.kind != REPLACE implies
      some n: e.tramp.nodes | n.nlink = l and n.nprog = l.prog and n.ncookie = e.ecookie and n.nkind = l.prog.kind
  }
  all t: Live & Tramp, n: t.nodes {
    n.nlink in Live
    n.nprog = n.nlink.prog
    n.nkind = n.nprog.kind
    some e: n.nlink.entries | e.tramp = t and e.ecookie = n.ncookie
  }
  all t: Live & Tramp | some t.ext implies (t.ext in Live and some e: t.ext.entries | e.tramp = t)
}

-- all of them: the facts the questions below assume
pred invariants {
  FREE_AT_ZERO
  REF_PROG
  REF_BTF
  REF_MODULE
  REF_TRAMPOLINE
  IMAGE_OWNED
  IMAGE_MATCHES_PROGS
  FTRACE_MATCHES_TRAMPOLINES
  LINKINFO_MATCHES
}

-- the questions ----------------------------------------------------------------

-- NO_DANGLING (the Java invariant): nothing live points at a freed object,
-- and no ftrace site calls a freed image
pred NO_DANGLING {
  all o: Live | o.refs in Live
  Site.calls in Live
}

-- what ftrace can reach: the images the hooked sites call, the trampolines
-- the ftrace callback finds by ip, and everything those point at
fun fromFtrace: set univ {
  (Site.calls + key.(calls.Image)).*(refs + (Obj - Live) <: runs.nprog)
}
pred FTRACE_REACHES_LIVE { fromFtrace in Live }

assert no_dangling { invariants implies NO_DANGLING }
assert ftrace_reaches_live { invariants implies FTRACE_REACHES_LIVE }

-- commands --------------------------------------------------------------------
-- (StateTranslation drops everything from the line above on.)
-- Scope: up to 3 of each kind of object (progs, links, entries, nodes,
-- trampolines, images, sites, BTFs, modules, cookies); counts in 0..15.

check no_dangling for 3 but 5 Int expect 0
check ftrace_reaches_live for 3 but 5 Int expect 0

-- Not vacuous: the invariants admit a snapshot with a live link on a
-- trampoline that ftrace calls, a target prog held as dst_prog, a module
-- pinned by a prog, and a freed object left over.
satisfiable: run {
  invariants
  some l: Live & Link | some l.entries
  some Site.calls
  some p: Live & Prog | some p.dstProg
  some m: Live & Module | m.mcnt > 0
  some Obj - Live
} for 3 but 5 Int expect 1

-- Independent: without any one of them, some snapshot dangles.
drop_FREE_AT_ZERO: run {
  REF_PROG and REF_BTF and REF_MODULE and REF_TRAMPOLINE and IMAGE_OWNED
  IMAGE_MATCHES_PROGS and FTRACE_MATCHES_TRAMPOLINES and LINKINFO_MATCHES
  not (NO_DANGLING and FTRACE_REACHES_LIVE)
} for 3 but 5 Int expect 1
drop_REF_PROG: run {
  FREE_AT_ZERO and REF_BTF and REF_MODULE and REF_TRAMPOLINE and IMAGE_OWNED
  IMAGE_MATCHES_PROGS and FTRACE_MATCHES_TRAMPOLINES and LINKINFO_MATCHES
  not (NO_DANGLING and FTRACE_REACHES_LIVE)
} for 3 but 5 Int expect 1
drop_REF_BTF: run {
  FREE_AT_ZERO and REF_PROG and REF_MODULE and REF_TRAMPOLINE and IMAGE_OWNED
  IMAGE_MATCHES_PROGS and FTRACE_MATCHES_TRAMPOLINES and LINKINFO_MATCHES
  not (NO_DANGLING and FTRACE_REACHES_LIVE)
} for 3 but 5 Int expect 1
drop_REF_MODULE: run {
  FREE_AT_ZERO and REF_PROG and REF_BTF and REF_TRAMPOLINE and IMAGE_OWNED
  IMAGE_MATCHES_PROGS and FTRACE_MATCHES_TRAMPOLINES and LINKINFO_MATCHES
  not (NO_DANGLING and FTRACE_REACHES_LIVE)
} for 3 but 5 Int expect 1
drop_REF_TRAMPOLINE: run {
  FREE_AT_ZERO and REF_PROG and REF_BTF and REF_MODULE and IMAGE_OWNED
  IMAGE_MATCHES_PROGS and FTRACE_MATCHES_TRAMPOLINES and LINKINFO_MATCHES
  not (NO_DANGLING and FTRACE_REACHES_LIVE)
} for 3 but 5 Int expect 1
drop_IMAGE_OWNED: run {
  FREE_AT_ZERO and REF_PROG and REF_BTF and REF_MODULE and REF_TRAMPOLINE
  IMAGE_MATCHES_PROGS and FTRACE_MATCHES_TRAMPOLINES and LINKINFO_MATCHES
  not (NO_DANGLING and FTRACE_REACHES_LIVE)
} for 3 but 5 Int expect 1
drop_IMAGE_MATCHES_PROGS: run {
  FREE_AT_ZERO and REF_PROG and REF_BTF and REF_MODULE and REF_TRAMPOLINE
  IMAGE_OWNED and FTRACE_MATCHES_TRAMPOLINES and LINKINFO_MATCHES
  not (NO_DANGLING and FTRACE_REACHES_LIVE)
} for 3 but 5 Int expect 1
drop_FTRACE_MATCHES_TRAMPOLINES: run {
  FREE_AT_ZERO and REF_PROG and REF_BTF and REF_MODULE and REF_TRAMPOLINE
  IMAGE_OWNED and IMAGE_MATCHES_PROGS and LINKINFO_MATCHES
  not (NO_DANGLING and FTRACE_REACHES_LIVE)
} for 3 but 5 Int expect 1
drop_LINKINFO_MATCHES: run {
  FREE_AT_ZERO and REF_PROG and REF_BTF and REF_MODULE and REF_TRAMPOLINE
  IMAGE_OWNED and IMAGE_MATCHES_PROGS and FTRACE_MATCHES_TRAMPOLINES
  not (NO_DANGLING and FTRACE_REACHES_LIVE)
} for 3 but 5 Int expect 1
