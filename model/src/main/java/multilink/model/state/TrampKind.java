package multilink.model.state;

/** {@code enum bpf_tramp_prog_type} (include/linux/bpf.h), plus NONE for progs without one. */
public enum TrampKind {
    FENTRY, FEXIT, MODIFY_RETURN, REPLACE, NONE
}
