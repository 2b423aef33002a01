package multilink.x86;

/**
 * What bpf_trampoline_update() knows about a tracing attach besides the program kinds, each circumstance deciding
 * one optional BPF_TRAMP_F_* bit. {@link KernelFlags#tracing} drops those the kernel line or target cannot have.
 *
 * @param toBpfProg   the target is a BPF program (fentry/fexit on a global subprog): no ftrace site, at most five
 *                    arguments
 * @param jmpEntry    the ftrace site jumps to the trampoline instead of calling it (CONFIG_DYNAMIC_FTRACE_WITH_JMP)
 * @param ipModify    another ftrace user modifies the ip (a live patch): SHARE_IPMODIFY with ORIG_STACK
 * @param ipArg       a program reads the traced ip (bpf_get_func_ip()): IP_ARG
 * @param tailCallCtx the target program reaches a tail call: TAIL_CALL_CTX
 */
public record TracingAttach(boolean toBpfProg, boolean jmpEntry, boolean ipModify, boolean ipArg,
                            boolean tailCallCtx) {
    /** A kernel function traced through a call-entry ftrace site, nobody else modifying the ip. */
    public static final TracingAttach PLAIN = new TracingAttach(false, false, false, false, false);
}
