package multilink.x86;

import io.vavr.collection.List;

/**
 * The machine code of one global caller entry {@code bpf_global_caller_<n>} (seed 003 v2 02/18): the naked
 * function's instructions, its address-dependent fields and the placeholders used. Bytes, hex and listing come
 * from {@link EncodedImage}.
 */
public record GlobalCallerImage(GlobalCallerConfig config, List<Insn> insns, List<Relocation> relocations,
                                long imageAddress, List<String> placeholders) implements EncodedImage {
    /** The function's symbol, {@code bpf_global_caller_<n>}. */
    public String symbol() {
        return GlobalCaller.symbol(config.nrArgs());
    }
}
