package multilink.x86;

/** Which kernel user builds the trampoline; it decides the enter/exit helper family. */
public enum TrampolineKind {
    /** fentry/fexit/fmod_ret links of BPF_PROG_TYPE_TRACING: recursion-checked (_recur) helpers. */
    TRACING,
    /** bpf_struct_ops member trampolines: plain helpers (bpf_prog_check_recur() is false without a private stack). */
    STRUCT_OPS
}
