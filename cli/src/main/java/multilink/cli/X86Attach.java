package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.x86.Addresses;
import multilink.x86.BpfTrampLink;
import multilink.x86.CpuFeatures;
import multilink.x86.FuncModel;
import multilink.x86.KernelFlags;
import multilink.x86.KernelProfile;
import multilink.x86.TrampFlag;
import multilink.x86.TrampLinks;
import multilink.x86.TrampolineConfig;
import multilink.x86.TrampolineKind;

/**
 * An attach described on the command line, turned into the configuration the kernel would hand the JIT:
 * {@code args} eight-byte arguments returning eight bytes, the programs per kind, and the flags the kernel derives
 * for them unless {@code flags} overrides them. Addresses stay placeholders, so the image is unlinked.
 *
 * @param cookies each program gets cookie k+1 (k its position in emission order) instead of 0
 * @param fentry  none given: 1 for a struct_ops member (it always has exactly one program), else 0
 */
record X86Attach(int args, Option<Integer> fentry, int fexit, int fmodRet, boolean cookies, Option<String> flags,
                 String profile, boolean structOps) {

    /** Left: the option at fault and the problem, for one line {@code multilink: OPTION: problem}. */
    Either<String, TrampolineConfig> config() {
        int entries = fentry.getOrElse(structOps ? 1 : 0);
        if (args < 0 || entries < 0 || fexit < 0 || fmodRet < 0) {
            return Either.left("--args, --fentry, --fexit, --fmodret: counts must be 0 or more");
        }
        if (entries + fexit + fmodRet == 0) {
            return Either.left("--fentry, --fexit, --fmodret: attach at least one program (with none the kernel "
                    + "builds no trampoline)");
        }
        Option<KernelProfile> p = KernelProfile.byLabel(profile);
        if (p.isEmpty()) {
            return Either.left("--profile: expected " + multilink.x86.KernelProfile.labels() + ", got \"" + profile + "\"");
        }
        FuncModel model = new FuncModel(args, List.fill(args, 8), List.fill(args, 0), 8, 0);
        TrampLinks links = new TrampLinks(progs(entries, 1), progs(fexit, 1 + entries + fmodRet),
                progs(fmodRet, 1 + entries));
        TrampolineKind kind = structOps ? TrampolineKind.STRUCT_OPS : TrampolineKind.TRACING;
        Either<String, Integer> mask = flags.isDefined()
                ? TrampFlag.parse(flags.get()).mapLeft(problem -> "--flags: " + problem)
                : Either.right(KernelFlags.derive(p.get(), kind, model, links));
        return mask.map(m -> new TrampolineConfig(p.get(), CpuFeatures.DEFAULT, kind, model, m, links,
                Addresses.NONE));
    }

    /** Cookies numbered in emission order (fentry, fmod_ret, fexit), so the listing shows which program is which. */
    private List<BpfTrampLink> progs(int n, int firstCookie) {
        return List.range(0, n).map(i -> BpfTrampLink.unlinked(cookies ? firstCookie + i : 0, false));
    }
}
