package multilink.x86;

import io.vavr.control.Either;

/** Entry point: the x86-64 BPF trampoline image for one attach configuration. */
public final class X86Gen {
    private X86Gen() {
    }

    /**
     * The image the kernel would build for {@code config}, or the errno it would return. Deterministic: the same
     * configuration always gives the same bytes. Addresses missing from the configuration are placeholders
     * ({@link Placeholders}) and the image says it is unlinked.
     */
    public static Either<KernelError, TrampolineImage> generate(TrampolineConfig config) {
        return TrampolineGenerator.generate(config, Mutation.NONE);
    }
}
