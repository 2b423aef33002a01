module keys

/*
 * Trampoline keys: does every design give distinct attach targets distinct
 * keys? Two targets with one key share one struct bpf_trampoline (and its
 * ip, model and prog lists): kernel/bpf/trampoline.c bpf_trampoline_lookup.
 *
 * bpf_trampoline_compute_key (include/linux/bpf_verifier.h, kernel-facts
 * section 5) packs a u64:
 *   kernel function  (BTF object id << 32) | 0x80000000 | btf_id
 *   BPF prog target  (target prog id << 32) | btf_id        (bit 31 clear)
 * Seed 004 (sdt-observer) keys an SDT probe site with the prog form:
 *   (target prog id << 32) | orig_off
 * Seed 003 (dong-v2-global) keys its kfunc_md table by the function's
 * address; its classic links keep the trampoline keys above.
 *
 * A key is modelled as its fields: the high word, bit 31, bit 30 (free in
 * every key the kernel computes: BTF type ids stay below 2^20, BTF_MAX_TYPE,
 * and orig_off below the 1M-insn limit; used by a proposed fix below) and
 * the low 30 bits. Ids are small integers; what matters is which may be
 * equal, which the facts below say.
 */

-- id spaces ----------------------------------------------------------------

-- A kernel BTF object (vmlinux or a module's), by its btf_idr id.
abstract sig KernelBtf { objId: one Int }
one sig Vmlinux extends KernelBtf {}
sig ModuleBtf extends KernelBtf {}

-- A loaded BPF program other progs can target, by its prog_idr id.
sig TargetProg { progId: one Int }

sig Name {}

abstract sig Target {}

-- A kernel function: its BTF object, its BTF type id there, its name, and
-- the address kallsyms resolves for that name (what seed 003 keys by).
sig KFunc extends Target {
  fnBtf: one KernelBtf,
  fnId: one Int,
  fnName: one Name,
  fnAddr: one Int
}

-- A global subprog of a target prog (fentry/fexit into it, freplace of it):
-- the BTF FUNC type id in the target's own BTF.
sig Subprog extends Target {
  spProg: one TargetProg,
  spId: one Int
}

-- A seed 004 SDT probe site in a target prog: the probe's orig_off.
sig SdtProbe extends Target {
  sdtProg: one TargetProg,
  sdtOff: one Int
}

fact Ids {
  -- btf_idr and prog_idr: one id per live object, from 1 (vmlinux's BTF is
  -- the first one). The two idrs are separate: a BTF object id may equal a
  -- prog id.
  Vmlinux.objId = 1
  all b: KernelBtf | b.objId > 0
  all disj a, b: KernelBtf | a.objId != b.objId
  all p: TargetProg | p.progId > 0
  all disj p, q: TargetProg | p.progId != q.progId
  -- a BTF type id names one type of its own BTF; nothing relates the ids of
  -- two BTFs (a module's ids may equal vmlinux's)
  all f: KFunc | f.fnId > 0
  all disj f, g: KFunc | f.fnBtf = g.fnBtf implies f.fnId != g.fnId
  all s: Subprog | s.spId > 0
  all disj s, t: Subprog | s.spProg = t.spProg implies s.spId != t.spId
  -- seed 004: "orig_off is unique for each probe" of one prog
  all p: SdtProbe | p.sdtOff >= 0
  all disj p, q: SdtProbe | p.sdtProg = q.sdtProg implies p.sdtOff != q.sdtOff
}

fact Addresses {
  -- kallsyms_lookup_name (vmlinux) and find_kallsyms_symbol_value (module)
  -- resolve a name to one address within one BTF object's symbols; text of
  -- vmlinux and of each module is disjoint
  all f, g: KFunc | (f.fnBtf = g.fnBtf and f.fnName = g.fnName) iff f.fnAddr = g.fnAddr
}

-- An assumption, kept apart so that its weight can be shown (run
-- dup_names_share_address): within one BTF object, two functions do not share
-- a name. pahole emits one FUNC per name and prototype, skips names whose
-- prototypes disagree, and BTF dedup merges identical ones [I].
pred UniqueNames {
  all disj f, g: KFunc | f.fnBtf = g.fnBtf implies f.fnName != g.fnName
}

-- keys ---------------------------------------------------------------------

-- The fields of a u64 key: high word, bit 31, bit 30, low 30 bits.
fun hi[t: Target]: Int {
  t in KFunc => t.fnBtf.objId else (t in Subprog => t.spProg.progId else t.sdtProg.progId)
}
fun lo[t: Target]: Int {
  t in KFunc => t.fnId else (t in Subprog => t.spId else t.sdtOff)
}

-- The key of bpf_trampoline_compute_key, and seed 004's SDT key.
pred sameKernelKey[a, b: Target] {
  hi[a] = hi[b] and lo[a] = lo[b]
  -- bit 31: set for kernel functions only
  (a in KFunc) iff (b in KFunc)
}

-- A proposed fix of H10 (kernel-facts section 5: "a tag bit for SDT keys"),
-- with the kernel-function bit 31: SDT keys are prog id << 32 | 0x80000000 |
-- orig_off.
pred sameKeyTag31[a, b: Target] {
  hi[a] = hi[b] and lo[a] = lo[b]
  (a in KFunc + SdtProbe) iff (b in KFunc + SdtProbe)
}

-- The same fix with bit 30 (clear in every kernel key, see above): SDT keys
-- are prog id << 32 | 0x40000000 | orig_off.
pred sameKeyTag30[a, b: Target] {
  hi[a] = hi[b] and lo[a] = lo[b]
  (a in KFunc) iff (b in KFunc)
  (a in SdtProbe) iff (b in SdtProbe)
}

-- Distinct targets get distinct keys.
pred injective[ts: set Target] { all disj a, b: ts | not sameKernelKey[a, b] }

-- designs: the target kinds each puts in the trampoline table ----------------

-- classic: fentry/fexit/fmod_ret on vmlinux and module functions; fentry,
-- fexit and freplace on a target prog's subprog (attach_prog_fd)
assert classic { injective[KFunc + Subprog] }

-- olsa-v3 (seed 000): multi links over vmlinux or module function ids
-- (bpf_trampoline_multi_attach computes kernel keys), beside the classic links
assert olsa_v3 { injective[KFunc + Subprog] }

-- upstream: as olsa-v3; its duplicate check compares these keys
assert upstream { injective[KFunc + Subprog] }

-- dong-v1 (seed 001): one trampoline entry per target: vmlinux, module
-- (tgt_fds naming a module BTF) and target prog subprogs (tgt_fds naming a prog)
assert dong_v1 { injective[KFunc + Subprog] }

-- dong-v2-global (seed 003): the kfunc_md table is keyed by the function's
-- address (its multi links take kernel functions only: a prog target is
-- -EOPNOTSUPP); classic links keep the trampoline table
assert dong_v2_global {
  UniqueNames implies {
    injective[KFunc + Subprog]
    all disj f, g: KFunc | f.fnAddr != g.fnAddr
  }
}

-- sdt-observer (seed 004): SDT probe sites join the trampoline table with
-- prog-form keys. Expected to fail: hazard H10, an SDT key equals the
-- subprog key of the same target prog when orig_off equals the subprog's
-- BTF func id.
assert sdt_observer { injective[KFunc + Subprog + SdtProbe] }

-- sdt-observer with SDT keys tagged by bit 31: expected to fail, now against
-- kernel functions: a module BTF object id may equal the target prog's id.
assert sdt_tag31 { all disj a, b: KFunc + Subprog + SdtProbe | not sameKeyTag31[a, b] }

-- sdt-observer with SDT keys tagged by bit 30: holds.
assert sdt_tag30 { all disj a, b: KFunc + Subprog + SdtProbe | not sameKeyTag30[a, b] }

-- commands --------------------------------------------------------------------
-- Scope: 3 of each kind of target, 2 target progs, 3 kernel BTF objects
-- (vmlinux and two modules), ids in 0..15.

check classic for 3 but 2 TargetProg, 3 KernelBtf, 5 Int expect 0
check olsa_v3 for 3 but 2 TargetProg, 3 KernelBtf, 5 Int expect 0
check upstream for 3 but 2 TargetProg, 3 KernelBtf, 5 Int expect 0
check dong_v1 for 3 but 2 TargetProg, 3 KernelBtf, 5 Int expect 0
check dong_v2_global for 3 but 2 TargetProg, 3 KernelBtf, 5 Int expect 0
check sdt_observer for 3 but 2 TargetProg, 3 KernelBtf, 5 Int expect 1
check sdt_tag31 for 3 but 2 TargetProg, 3 KernelBtf, 5 Int expect 1
check sdt_tag30 for 3 but 2 TargetProg, 3 KernelBtf, 5 Int expect 0

-- What UniqueNames buys: without it, two functions of one BTF object that
-- share a name (distinct BTF ids, so distinct trampoline keys) resolve to one
-- address, so dong-v2-global's kfunc_md keys collide.
dup_names_share_address: run {
  not UniqueNames
  some disj f, g: KFunc | f.fnAddr = g.fnAddr and not sameKernelKey[f, g]
} for 3 but 2 TargetProg, 3 KernelBtf, 5 Int expect 1
