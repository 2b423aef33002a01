package multilink.model.state;

/**
 * A kernel WARN the model hit: the splat a real kernel prints (refcount_t
 * underflow, {@code WARN_ON_ONCE} on an unlink or ftrace error, a trampoline
 * freed with progs still on it). Sticky, like the kernel's taint.
 *
 * @param kind   which WARN
 * @param object what it was about
 */
public record Warning(Kind kind, String object) {
    public enum Kind {
        /** refcount_t: decrement hit 0 or went below (include/linux/refcount.h). */
        REFCOUNT_UNDERFLOW,
        /** {@code WARN_ON_ONCE(bpf_trampoline_unlink_prog(...))} and friends. */
        UNLINK_FAILED,
        /** {@code bpf_trampoline_put}: refcnt 0 with progs on a list; the trampoline leaks. */
        TRAMPOLINE_PUT_NONEMPTY,
        /** {@code WARN_ON_ONCE(update_ftrace_direct_*)} in multi detach/rollback. */
        FTRACE_UPDATE_FAILED,
        /** A heap buffer the syscall allocated and neither freed nor handed to an object (kmemleak). */
        MEMORY_LEAK,
        /** {@code kfree} of memory {@code kvmalloc} took from vmalloc (mm/util.c: use kvfree). */
        FREE_MISMATCH;

        /** A {@code WARN_ON*} splat, as opposed to a refcount or memory report. */
        public boolean warnOn() {
            return this == UNLINK_FAILED || this == TRAMPOLINE_PUT_NONEMPTY || this == FTRACE_UPDATE_FAILED;
        }
    }

    @Override
    public String toString() {
        return kind + "(" + object + ")";
    }
}
