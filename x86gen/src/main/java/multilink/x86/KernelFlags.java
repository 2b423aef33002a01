package multilink.x86;

/**
 * The BPF_TRAMP_F_* sets the kernel passes to arch_prepare_bpf_trampoline(): bpf_trampoline_update() for tracing
 * links, bpf_struct_ops_prepare_trampoline() for struct_ops members. Only these sets are kernel-producible; the
 * generator accepts others (as the kernel's arch code would) but the samplers stay inside them.
 */
public final class KernelFlags {
    private KernelFlags() {
    }

    /** The flags the kernel derives for {@code kind} with no optional circumstance ({@link TracingAttach#PLAIN}). */
    public static int derive(KernelProfile p, TrampolineKind kind, FuncModel m, TrampLinks l) {
        return kind == TrampolineKind.STRUCT_OPS ? structOps(p, m) : tracing(p, l, TracingAttach.PLAIN);
    }

    /**
     * fexit or fmod_ret programs need the original call (CALL_ORIG, SKIP_FRAME unless the site jumps in); fentry
     * alone only restores the argument registers.
     */
    public static int tracing(KernelProfile p, TrampLinks l, TracingAttach a) {
        int flags;
        if (!l.fexit().isEmpty() || !l.fmodRet().isEmpty()) {
            flags = TrampFlag.CALL_ORIG.mask();
            // a BPF program target has no ftrace site, so neither a jmp entry nor ip-modifying neighbours
            if (!(a.jmpEntry() && p.hasJmpEntry() && !a.toBpfProg())) {
                flags |= TrampFlag.SKIP_FRAME.mask();
            }
            if (a.ipModify() && !a.toBpfProg()) {
                flags |= TrampFlag.SHARE_IPMODIFY.mask() | TrampFlag.ORIG_STACK.mask();
            }
        } else {
            flags = TrampFlag.RESTORE_REGS.mask();
        }
        if (a.ipArg()) {
            flags |= TrampFlag.IP_ARG.mask();
        }
        if (a.tailCallCtx() && a.toBpfProg()) {
            flags |= TrampFlag.TAIL_CALL_CTX.mask() & p.knownFlagBits();
        }
        return flags;
    }

    /**
     * An SDT probe's trampoline (seed 004): bpf_sdt_link_attach() marks it {@code func.sdt_probe_site}, and
     * bpf_trampoline_update() then adds SDT_PROBE to what it derives for fentry-style programs (BPF_TRACE_SDT maps
     * to BPF_TRAMP_FENTRY): RESTORE_REGS, and IP_ARG when a program calls bpf_get_func_ip() (6.12
     * kernel/bpf/trampoline.c:253, :429-440). No TAIL_CALL_CTX: the verifier sets it on the trampoline it looks up
     * by the target's BTF id (6.12 kernel/bpf/verifier.c:23004-23010), while an SDT trampoline is keyed by the
     * probe's orig_off (seed 004), and the seed sets no other flag on it (an inference: the verifier part of the
     * series is not among the seeds).
     */
    public static int sdtProbe(boolean ipArg) {
        return TrampFlag.SDT_PROBE.mask() | TrampFlag.RESTORE_REGS.mask() | (ipArg ? TrampFlag.IP_ARG.mask() : 0);
    }

    /** RET_FENTRY_RET when the member returns a value; INDIRECT on lines that have it (called through a pointer). */
    public static int structOps(KernelProfile p, FuncModel m) {
        return (TrampFlag.INDIRECT.mask() & p.knownFlagBits())
                | (m.retSize() > 0 ? TrampFlag.RET_FENTRY_RET.mask() : 0);
    }
}
