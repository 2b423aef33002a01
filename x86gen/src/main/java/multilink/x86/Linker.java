package multilink.x86;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The link step: an image as a running kernel holds it, given where everything was loaded. Instruction forms
 * depend on the values (emit_mov_imm64() picks xor, mov r32, sign-extended imm32 or movabs), so linking
 * regenerates rather than patching rel32 fields: the result is what the kernel would have emitted.
 */
public final class Linker {
    private Linker() {
    }

    /** Program addresses, in the order of {@link TrampLinks#inEmissionOrder()}. */
    public record ProgAddress(long prog, long bpfFunc) { }

    public static Either<KernelError, TrampolineImage> link(TrampolineConfig config, long image, long im,
                                                            long funcAddr, Map<KernelSymbol, Long> symbols,
                                                            List<ProgAddress> progs) {
        if (progs.size() != config.links().total()) {
            return Either.left(KernelError.of(Errno.EINVAL,
                    progs.size() + " program addresses for " + config.links().total() + " programs"));
        }
        TrampLinks l = config.links();
        List<ProgAddress> fentry = progs.take(l.fentry().size());
        List<ProgAddress> fmodRet = progs.drop(l.fentry().size()).take(l.fmodRet().size());
        List<ProgAddress> fexit = progs.drop(l.fentry().size() + l.fmodRet().size());
        TrampLinks linked = new TrampLinks(place(l.fentry(), fentry), place(l.fexit(), fexit),
                place(l.fmodRet(), fmodRet));
        Addresses a = new Addresses(Option.some(image), Option.some(im), Option.some(funcAddr),
                config.addresses().symbols().merge(symbols));
        return X86Gen.generate(config.withAddresses(a, linked));
    }

    private static List<BpfTrampLink> place(List<BpfTrampLink> links, List<ProgAddress> at) {
        return links.zipWith(at, (link, a) -> link.at(a.prog(), a.bpfFunc()));
    }
}
