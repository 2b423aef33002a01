package multilink.x86;

import io.vavr.control.Option;

/** The checks the kernel makes before or while emitting a trampoline, with the errno each one returns. */
final class ConfigValidator {
    /** MAX_BPF_FUNC_ARGS. */
    static final int MAX_BPF_FUNC_ARGS = 12;
    /** BPF_MAX_TRAMP_LINKS on x86-64. */
    static final int BPF_MAX_TRAMP_LINKS = 38;

    private ConfigValidator() {
    }

    static Option<KernelError> check(TrampolineConfig c) {
        return checkModel(c.model())
                .orElse(() -> checkFlags(c))
                .orElse(() -> checkSdtProbe(c))
                .orElse(() -> checkLinks(c))
                .orElse(() -> checkArgumentSlots(c));
    }

    /** btf_distill_func_proto(): argument count and sizes a btf_func_model can hold. */
    private static Option<KernelError> checkModel(FuncModel m) {
        if (m.nrArgs() < 0 || m.nrArgs() > MAX_BPF_FUNC_ARGS) {
            return err(Errno.EINVAL, "nr_args " + m.nrArgs() + " > MAX_BPF_FUNC_ARGS (btf_distill_func_proto)");
        }
        if (m.argSize().size() != m.nrArgs() || m.argFlags().size() != m.nrArgs()) {
            return err(Errno.EINVAL, "arg_size/arg_flags must have nr_args entries");
        }
        for (int i = 0; i < m.nrArgs(); i++) {
            int size = m.size(i);
            boolean ok = m.isStruct(i) ? size >= 1 && size <= 16 : size == 1 || size == 2 || size == 4 || size == 8;
            if (!ok) {
                return err(Errno.EINVAL, "argument " + i + " of size " + size + " is not supported (btf_distill_func_proto)");
            }
        }
        if (m.retSize() < 0 || m.retSize() > 16) {
            return err(Errno.EINVAL, "return size " + m.retSize() + " is not supported (btf_distill_func_proto)");
        }
        return Option.none();
    }

    private static Option<KernelError> checkFlags(TrampolineConfig c) {
        int unknown = c.flags() & ~c.profile().knownFlagBits();
        if (unknown != 0) {
            return err(Errno.EINVAL, String.format("flag bits 0x%x do not exist in %s", unknown, c.profile().label()));
        }
        int indirectCompatible = TrampFlag.INDIRECT.mask() | TrampFlag.RET_FENTRY_RET.mask();
        if (c.has(TrampFlag.INDIRECT) && (c.flags() & ~indirectCompatible) != 0) {
            return err(Errno.EINVAL, "BPF_TRAMP_F_INDIRECT is only compatible with RET_FENTRY_RET (the kernel WARNs)");
        }
        return Option.none();
    }

    /**
     * SDT-probe trampolines (seed 004). The seed gives the kernel no check of {@code arg_reg[]} and the x86 patch of
     * the series is not among the seeds, so each refusal below is this model's, with EINVAL: what
     * bpf_sdt_link_attach() fills (every argument 8 bytes, one BPF register per argument), registers the trampoline
     * can save as they were at the probe site ({@link BpfJitReg#sdtArgument}), and fentry-style programs only
     * (bpf_attach_type_to_tramp() maps BPF_TRACE_SDT to BPF_TRAMP_FENTRY, so bpf_trampoline_update() sets
     * RESTORE_REGS and never CALL_ORIG: there is no original function to call at a probe site).
     */
    private static Option<KernelError> checkSdtProbe(TrampolineConfig c) {
        FuncModel m = c.model();
        if (!c.has(TrampFlag.SDT_PROBE)) {
            return m.argRegs().isEmpty() ? Option.none()
                    : err(Errno.EINVAL, "arg_regs given without BPF_TRAMP_F_SDT_PROBE");
        }
        if (c.kind() != TrampolineKind.TRACING || c.has(TrampFlag.CALL_ORIG)) {
            return err(Errno.EINVAL, "BPF_TRAMP_F_SDT_PROBE takes fentry-style tracing programs only (BPF_TRACE_SDT "
                    + "is BPF_TRAMP_FENTRY), not CALL_ORIG or struct_ops");
        }
        if (m.argRegs().size() != m.nrArgs()) {
            return err(Errno.EINVAL, "BPF_TRAMP_F_SDT_PROBE needs one arg_regs entry per argument, got "
                    + m.argRegs().size() + " for nr_args " + m.nrArgs());
        }
        for (int i = 0; i < m.nrArgs(); i++) {
            int r = m.argRegs().get(i);
            if (!BpfJitReg.sdtArgument(r)) {
                return err(Errno.EINVAL, "arg_regs[" + i + "] = " + r + " is not a BPF register R1..R9");
            }
            if (m.size(i) != FuncModel.SDT_ARG_SIZE || m.isStruct(i)) {
                return err(Errno.EINVAL, "SDT argument " + i + " must be an 8-byte register value (bpf_sdt_link_attach "
                        + "sets arg_size 8)");
            }
        }
        return Option.none();
    }

    private static Option<KernelError> checkLinks(TrampolineConfig c) {
        if (c.links().total() > BPF_MAX_TRAMP_LINKS) {
            return err(Errno.E2BIG, c.links().total() + " programs > BPF_MAX_TRAMP_LINKS (bpf_trampoline_link_prog)");
        }
        if (c.kind() == TrampolineKind.STRUCT_OPS && (!c.links().fexit().isEmpty() || !c.links().fmodRet().isEmpty())) {
            return err(Errno.EINVAL, "struct_ops trampolines carry one fentry-style program only");
        }
        return Option.none();
    }

    /** nr_regs > 6 in 6.1 (bpf_jit_comp.c:2137-2139), > MAX_BPF_FUNC_ARGS from 6.12 on (6.12 :2954-2958): -ENOTSUPP. */
    private static Option<KernelError> checkArgumentSlots(TrampolineConfig c) {
        int nrRegs = FrameLayout.nrRegs(c);
        if (c.profile().registerArgumentsOnly()) {
            if (nrRegs > 6) {
                return err(Errno.ENOTSUPP, nrRegs + " argument registers > 6 (6.1 x86-64 trampoline)");
            }
        } else if (nrRegs > MAX_BPF_FUNC_ARGS) {
            return err(Errno.ENOTSUPP, nrRegs + " argument slots > MAX_BPF_FUNC_ARGS (x86-64 trampoline)");
        }
        return Option.none();
    }

    private static Option<KernelError> err(Errno e, String reason) {
        return Option.some(KernelError.of(e, reason));
    }
}
