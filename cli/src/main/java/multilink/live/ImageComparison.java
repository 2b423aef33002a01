package multilink.live;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.x86.BpfTrampLink;
import multilink.x86.CpuFeatures;
import multilink.x86.FuncModel;
import multilink.x86.KernelError;
import multilink.x86.KernelSymbol;
import multilink.x86.Linker;
import multilink.x86.TrampFlag;
import multilink.x86.TrampolineConfig;
import multilink.x86.TrampolineImage;
import multilink.x86.X86Gen;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Holds one kernel answer against x86gen: a refusal against x86gen's errno, a trampoline against x86gen's image
 * linked at the trampoline's own addresses (image, im, traced function, each program's struct bpf_prog and code,
 * the helpers from kallsyms and the return thunk the kernel jumps to).
 */
public final class ImageComparison {
    private ImageComparison() {
    }

    public static ImageOutcome compare(LiveConfig lc, Option<JobResult> job, Map<String, Long> symbols,
                                       Path scratch) {
        TrampolineConfig c = lc.config();
        if (job.isEmpty()) {
            return new ImageOutcome.NotRun(lc, "the guest reported nothing for it");
        }
        JobResult j = job.get();
        if (j.error().isDefined()) {
            return new ImageOutcome.NotRun(lc, "the loader reported " + j.error().get());
        }
        if (lc.probe().isDefined()) {
            LiveConfig.VerifierRule rule = lc.probe().get();
            var r = j.refusal();
            if (r.isDefined() && r.get().stage().equals("load") && r.get().errno() == rule.errno()) {
                return new ImageOutcome.RefusedAlike(lc, "load (verifier)", rule.errno());
            }
            return new ImageOutcome.Differing(lc, rule.rule() + ": " + Errnos.name(rule.errno()) + " at load; the "
                    + "kernel " + r.map(x -> "refused the " + x.stage() + " with " + Errnos.name(x.errno()))
                    .getOrElse("built a trampoline"), Option.none(), j.tramp(), Option.none());
        }
        if (j.refusal().isDefined()) {
            JobResult.Refusal r = j.refusal().get();
            Either<KernelError, TrampolineImage> x = X86Gen.generate(c);
            if (x.isLeft() && x.getLeft().errno().number() == r.errno()) {
                return new ImageOutcome.RefusedAlike(lc, r.stage(), r.errno());
            }
            return new ImageOutcome.Differing(lc, "the kernel refused the " + r.stage() + " of program "
                    + (r.index() + 1) + " with " + Errnos.name(r.errno()) + "; x86gen "
                    + x.fold(e -> "refused with " + e, img -> "built a " + img.size() + "-byte image"),
                    Option.none(), Option.none(), x.toOption());
        }
        if (j.tramp().isEmpty()) {
            return new ImageOutcome.NotRun(lc, "no trampoline in the guest's answer");
        }
        TrampDump t = j.tramp().get();
        Option<String> shape = progsDiffer(c, t).orElse(() -> modelDiffers(c.model(), t));
        if (shape.isDefined()) {
            return new ImageOutcome.Differing(lc, shape.get(), Option.none(), Option.of(t), Option.none());
        }
        Map<KernelSymbol, Long> syms = io.vavr.collection.HashMap.empty();
        for (var e : symbols) {
            var k = KernelSymbol.bySymbol(e._1);
            if (k.isDefined()) {
                syms = syms.put(k.get(), e._2);
            }
        }
        if (t.thunk() != 0) {
            // 6.1 stable and 6.12 emit jmp x86_return_thunk, the pointer bugs.c sets to the mitigation's thunk
            syms = syms.put(KernelSymbol.X86_RETURN_THUNK, t.thunk());
        }
        List<Linker.ProgAddress> progs = t.fentry().appendAll(t.fmodRet()).appendAll(t.fexit())
                .map(p -> new Linker.ProgAddress(p.prog(), p.bpfFunc()));
        // CONFIG_X86_KERNEL_IBT does not put an endbr64 (or its boot-time poison) in front of every function: gcc
        // -fcf-protection=branch leaves it out of a static function whose address is never taken. The kernel tests
        // the bytes (is_endbr(), 6.12 bpf_jit_comp.c:3028-3029), so x86gen's ibt is the target's, not the build's
        TrampolineConfig target = c.cpu().ibt() && !t.startsWithEndbr()
                ? new TrampolineConfig(c.profile(), new CpuFeatures(c.cpu().returnThunk(), false, c.cpu().sls()),
                c.kind(), c.model(), c.flags(), c.links(), c.addresses())
                : c;
        Either<KernelError, TrampolineImage> x = Linker.link(target, t.image(), t.im(), t.funcAddr(), syms, progs);
        if (x.isLeft()) {
            return new ImageOutcome.Differing(lc, "the kernel built a trampoline; x86gen refused with " + x.getLeft(),
                    Option.none(), Option.of(t), Option.none());
        }
        TrampolineImage img = x.get();
        String flags = t.flags() == c.flags() ? "" : "flags: kernel " + Flags.names(t.flags())
                + ", x86gen " + Flags.names(c.flags()) + "; ";
        if (flags.isEmpty() && sameBytes(t, img.bytes())) {
            return new ImageOutcome.Identical(lc, img.size());
        }
        byte[] kernel = kernelBytes(t, img.bytes().length);
        var first = Disasm.objdump(kernel, t.image(), scratch)
                .flatMap(k -> Disasm.objdump(img.bytes(), t.image(), scratch).map(g -> Disasm.first(k, g)));
        String what = flags + (sameBytes(t, img.bytes()) ? "same bytes" : "bytes: kernel " + t.code().length
                + (t.size() == 0 ? " (page, trailing zeros cut)" : " (im->size less BPF_INSN_SAFETY)") + ", x86gen "
                + img.size());
        return new ImageOutcome.Differing(lc, what, first.toOption(), Option.of(t), Option.of(img));
    }

    /**
     * 6.12 reports im->size bytes; a 6.1 image is a zero-filled page (init_on_alloc) reported up to its last
     * non-zero byte, so the kernel's bytes are x86gen's when they agree up to x86gen's length and the rest is zero.
     */
    static boolean sameBytes(TrampDump t, byte[] x86gen) {
        byte[] k = t.code();
        if (t.size() != 0) {
            return Arrays.equals(k, x86gen);
        }
        return k.length <= x86gen.length
                && Arrays.equals(k, Arrays.copyOf(x86gen, k.length))
                && allZero(Arrays.copyOfRange(x86gen, k.length, x86gen.length));
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The kernel's image as objdump should read it: a 6.1 page padded back with its zeros to x86gen's length. */
    static byte[] kernelBytes(TrampDump t, int x86genLength) {
        return t.size() == 0 && t.code().length < x86genLength ? Arrays.copyOf(t.code(), x86genLength) : t.code();
    }

    /** The kernel's lists must hold the configuration's programs in order (its cookies tell them apart). */
    static Option<String> progsDiffer(TrampolineConfig c, TrampDump t) {
        List<String> kinds = List.of("fentry", "fexit", "fmod_ret");
        List<List<BpfTrampLink>> want = List.of(c.links().fentry(), c.links().fexit(), c.links().fmodRet());
        for (int k = 0; k < 3; k++) {
            List<Long> w = want.get(k).map(BpfTrampLink::cookie);
            List<Long> got = t.progs().get(k).map(TrampDump.ProgDump::cookie);
            if (!w.equals(got)) {
                return Option.of(kinds.get(k) + " programs: kernel cookies " + hex(got) + ", configuration " + hex(w));
            }
        }
        return Option.none();
    }

    /** The kernel's btf_func_model against the drawn one; BTF_FMODEL_SIGNED_ARG (6.12) does not shape x86 images. */
    static Option<String> modelDiffers(FuncModel m, TrampDump t) {
        List<Integer> flags = t.argFlags().map(f -> f & ~FuncModel.BTF_FMODEL_SIGNED_ARG);
        boolean same = m.nrArgs() == t.nrArgs() && m.argSize().equals(t.argSize()) && m.argFlags().equals(flags)
                && m.retSize() == t.retSize();
        return same ? Option.none() : Option.of("function model: kernel nr_args=" + t.nrArgs() + " arg_size="
                + t.argSize().mkString(",") + " arg_flags=" + flags.mkString(",") + " ret_size=" + t.retSize()
                + ", configuration nr_args=" + m.nrArgs() + " arg_size=" + m.argSize().mkString(",") + " arg_flags="
                + m.argFlags().mkString(",") + " ret_size=" + m.retSize());
    }

    private static String hex(List<Long> l) {
        return l.map(x -> "0x" + Long.toHexString(x)).mkString("[", ",", "]");
    }
}
