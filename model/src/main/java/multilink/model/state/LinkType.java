package multilink.model.state;

/**
 * An {@code enum bpf_link_type} value, or a design's own link (ops) type. Open
 * rather than an enum, so a design that brings a link type of its own
 * declares it in its own files; the canonical form writes the name in lower
 * case ({@code "tracing_multi"}), the spec's spelling. Link release goes to
 * the design's {@code releaseMulti} for every type but {@link #TRACING} and
 * {@link #SDT} (multilink.model.kernel.Syscalls).
 *
 * @param name the name, upper case as the kernel spells its enum ({@code TRACING_MULTI})
 */
public record LinkType(String name) {
    /** {@code BPF_LINK_TYPE_TRACING}: fentry/fexit/fmod_ret/freplace links. */
    public static final LinkType TRACING = new LinkType("TRACING");
    /** {@code BPF_LINK_TYPE_TRACING_MULTI}: the multi links of seeds 000 and 001. */
    public static final LinkType TRACING_MULTI = new LinkType("TRACING_MULTI");
    /** Seed 004's {@code bpf_sdt_link}. */
    public static final LinkType SDT = new LinkType("SDT");

    @Override
    public String toString() {
        return name;
    }
}
