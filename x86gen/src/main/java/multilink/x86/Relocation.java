package multilink.x86;

/**
 * A place in the image whose bytes depend on an address: a rel32 field of a call or jump, or the immediate of an
 * address load. {@code offset} is the first byte of the field, {@code width} its size.
 */
public record Relocation(int offset, int width, Kind kind, String symbol, long target) {
    public enum Kind {
        /** rel32 of a call to __bpf_prog_enter* / __bpf_prog_exit* / __bpf_tramp_enter / __bpf_tramp_exit. */
        HELPER_CALL,
        /** rel32 of the call to a program's bpf_func. */
        PROG_ENTRY,
        /** rel32 of the call to the traced function's body. */
        ORIG_FUNC,
        /** rel32 of the final jmp to __x86_return_thunk. */
        RETURN_THUNK,
        /** rel32 of the global caller entry's call to its C runner bpf_global_caller_N_run (seed 003 v2 02/18). */
        GLOBAL_CALLER_RUN,
        /** rel8/rel32 of a branch inside the image. */
        INTERNAL_JUMP,
        /** Immediate holding a struct bpf_prog pointer. */
        PROG_POINTER,
        /** Immediate holding the struct bpf_tramp_image pointer. */
        IM_POINTER,
        /** Immediate holding the traced function's address (IP_ARG). */
        FUNC_ADDR
    }

    @Override
    public String toString() {
        return String.format("%04x/%d %-13s %s = %s", offset, width, kind, symbol, Hex.imm(target));
    }
}
