package multilink.model.step;

import io.vavr.control.Option;
import multilink.model.Errno;

/**
 * A named place where an attach or detach path can fail for reasons outside
 * the caller's control, with the errno the kernel returns there. A fault
 * {@code (point, n)} fails the n-th time the syscall reaches the point.
 */
public enum FaultPoint {
    /** kzalloc/kvzalloc of the link object. */
    LINK_ALLOC("link_alloc", Errno.ENOMEM),
    /** kvmalloc of a user array (ids, cookies, tgt_fds) or of seed 001's {@code entries}. */
    ARRAY_ALLOC("array_alloc", Errno.ENOMEM),
    /**
     * Not a failure: {@code kvmalloc} falls back to vmalloc (kmalloc of a large
     * or fragmented size failed), which only matters to how the buffer must
     * be freed ({@code kvfree}, never {@code kfree}).
     */
    KVMALLOC_VMALLOC("kvmalloc_vmalloc", Errno.OK),
    /** copy_from_user of a user array. */
    COPY_FROM_USER("copy_from_user", Errno.EFAULT),
    /**
     * {@code bpf_link_prime}: the first thing that can fail there is the fd
     * reservation (-EMFILE); then the link id (idr_alloc_cyclic: -ENOSPC, -ENOMEM)
     * and the file (-ENOMEM) (kernel/bpf/syscall.c:3172-3201 in 6.12).
     */
    LINK_PRIME("link_prime", Errno.EMFILE, Errno.ENOSPC, Errno.ENOMEM),
    /** {@code bpf_trampoline_get} returns NULL (kzalloc of the trampoline or its fops). */
    TRAMPOLINE_GET("trampoline_get", Errno.ENOMEM),
    /**
     * {@code bpf_tramp_image_alloc}: modmem charge (-EPERM above the JIT limit),
     * executable alloc, percpu_ref (-ENOMEM) (kernel/bpf/trampoline.c:363-380 in 6.12).
     */
    IMAGE_ALLOC("image_alloc", Errno.ENOMEM, Errno.EPERM),
    /** {@code arch_prepare_bpf_trampoline} fails after the image was allocated. */
    ARCH_PREPARE("arch_prepare", Errno.EFAULT),
    /** {@code init_tracing_multi_data}: the reg/unreg/modify ftrace hashes (olsa-v3, upstream). */
    FTRACE_HASH_ALLOC("ftrace_hash_alloc", Errno.ENOMEM),
    /**
     * {@code register_ftrace_direct} / {@code update_ftrace_direct_add}: -EINVAL
     * (bad ops or address), -EBUSY (the ip has a direct call already), -ENOMEM
     * (the hash) (kernel/trace/ftrace.c:5982-6010 in 6.12). Its -EAGAIN (an
     * IPMODIFY peer) makes the trampoline retry, which is not modelled.
     */
    FTRACE_REGISTER("ftrace_register", Errno.ENOMEM, Errno.EBUSY, Errno.EINVAL),
    /**
     * {@code modify_ftrace_direct} / {@code update_ftrace_direct_mod}: -EINVAL
     * (not registered, bad address), or the errno of registering its temporary
     * ops (kernel/trace/ftrace.c:6210-6240 in 6.12).
     */
    FTRACE_MODIFY("ftrace_modify", Errno.ENOMEM, Errno.EINVAL, Errno.EBUSY),
    /**
     * {@code unregister_ftrace_direct} / {@code update_ftrace_direct_del}: -EINVAL
     * (not registered, bad address) or the errno of unregistering the ops
     * (kernel/trace/ftrace.c:6086-6107 in 6.12).
     */
    FTRACE_UNREGISTER("ftrace_unregister", Errno.ENOMEM, Errno.EINVAL);

    private final String scenarioName;
    private final Errno errno;
    private final io.vavr.collection.List<Errno> errnos;

    FaultPoint(String scenarioName, Errno errno, Errno... others) {
        this.scenarioName = scenarioName;
        this.errno = errno;
        this.errnos = io.vavr.collection.List.of(errno).appendAll(io.vavr.collection.List.of(others));
    }

    /** The errno the point fails with unless a fault chooses another. */
    public Errno errno() {
        return errno;
    }

    /** Every errno the kernel function at this point can return: what a fault may choose. */
    public io.vavr.collection.List<Errno> errnos() {
        return errnos;
    }

    public String scenarioName() {
        return scenarioName;
    }

    public static Option<FaultPoint> parse(String s) {
        for (FaultPoint p : values()) {
            if (p.scenarioName.equals(s)) {
                return Option.of(p);
            }
        }
        return Option.none();
    }

    @Override
    public String toString() {
        return scenarioName;
    }
}
