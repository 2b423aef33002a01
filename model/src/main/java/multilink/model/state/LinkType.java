package multilink.model.state;

/** {@code enum bpf_link_type} values the designs use. */
public enum LinkType {
    TRACING, TRACING_MULTI, SDT
}
