package multilink.live;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.x86.Addresses;
import multilink.x86.BpfTrampLink;
import multilink.x86.FuncModel;
import multilink.x86.KernelFlags;
import multilink.x86.TracingAttach;
import multilink.x86.TrampLinks;
import multilink.x86.TrampolineConfig;
import multilink.x86.TrampolineKind;

/**
 * Fixed configurations every {@code live x86} run adds to its sample, for the shapes a random draw rarely finds
 * a function for and for the kernel's refusals:
 * <ul>
 *   <li>more than six argument registers: 6.1 refuses the attach with ENOTSUPP as x86gen does, 6.12 builds an
 *       image with stack arguments, compared byte for byte;
 *   <li>a struct argument passed by value, compared byte for byte;
 *   <li>a struct returned by value and an fmod_ret program outside the allowlist: refused by the verifier at
 *       load, before any trampoline, with EINVAL; x86gen has no part in these, so the kernel's errno is held to
 *       the source's rule.
 * </ul>
 * Functions are the first by name of each shape in the guest's catalogue, so every run has the same probes.
 */
public final class Probes {
    private Probes() {
    }

    static List<LiveConfig> of(KernelLine line, TargetCatalogue targets, int firstIndex) {
        List<LiveConfig> out = List.empty();
        var many = targets.first(m -> slots(m) > 6);
        var struct = targets.first(m -> slots(m) <= 6 && m.argFlags().contains(FuncModel.BTF_FMODEL_STRUCT_ARG));
        for (var t : many.toList().appendAll(struct)) {
            out = out.append(new LiveConfig(firstIndex + out.size(), -1, fentry(line, t._2, false), t._1));
        }
        if (!targets.structReturns().isEmpty()) {
            // the model is not distillable; a placeholder keeps the configuration well-formed for the job line
            out = out.append(new LiveConfig(firstIndex + out.size(), -1,
                    fentry(line, new FuncModel(0, List.empty(), List.empty(), 8, 0), false),
                    targets.structReturns().head(), Option.of(new LiveConfig.VerifierRule(
                    "a struct returned by value is refused by btf_distill_func_proto() (6.1 kernel/bpf/btf.c:5982-5988, "
                            + "6.12 kernel/bpf/btf.c:7303-7309)", 22))));
        }
        // bpf_fentry_test2 (net/bpf/test_run.c) is neither a security hook nor in an fmodret set, in both lines
        out = out.append(new LiveConfig(firstIndex + out.size(), -1,
                fentry(line, new FuncModel(2, List.of(4, 8), List.of(0, 0), 4, 0), true), "bpf_fentry_test2",
                Option.of(new LiveConfig.VerifierRule("fmod_ret outside the error-injection list, security_* and the "
                        + "fmodret sets is refused by check_attach_modify_return() (6.1 kernel/bpf/verifier.c:"
                        + "15136-15143; 6.12 verifier.c:22491-22497, :22842)", 22))));
        return out;
    }

    private static TrampolineConfig fentry(KernelLine line, FuncModel m, boolean fmodRet) {
        BpfTrampLink p = BpfTrampLink.unlinked(0, false);
        TrampLinks l = fmodRet ? new TrampLinks(List.empty(), List.empty(), List.of(p))
                : new TrampLinks(List.of(p), List.empty(), List.empty());
        return new TrampolineConfig(line.profile(), line.cpu(false), TrampolineKind.TRACING, m,
                KernelFlags.tracing(line.profile(), l, TracingAttach.PLAIN), l, Addresses.NONE);
    }

    private static int slots(FuncModel m) {
        return m.argSize().map(s -> (s + 7) / 8).sum().intValue();
    }
}
