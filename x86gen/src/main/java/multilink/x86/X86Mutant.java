package multilink.x86;

/**
 * A seeded bug of the trampoline generator (see {@link X86Mutants}).
 *
 * @param name        how it is selected, {@code <kernel function>/<what goes wrong>}, e.g.
 *                    {@code invoke_bpf_prog/cookie-after-enter}
 * @param kernelPlace the code in arch/x86/net/bpf_jit_comp.c it stands for
 * @param description what the generator then emits, and what that breaks
 */
public record X86Mutant(String name, String kernelPlace, String description) {
}
