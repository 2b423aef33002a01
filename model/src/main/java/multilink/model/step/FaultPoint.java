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
    /** {@code bpf_link_prime}: the first thing that can fail there is the fd reservation. */
    LINK_PRIME("link_prime", Errno.EMFILE),
    /** {@code bpf_trampoline_get} returns NULL (kzalloc of the trampoline or its fops). */
    TRAMPOLINE_GET("trampoline_get", Errno.ENOMEM),
    /** {@code bpf_tramp_image_alloc}: modmem charge, executable alloc, percpu_ref. */
    IMAGE_ALLOC("image_alloc", Errno.ENOMEM),
    /** {@code arch_prepare_bpf_trampoline} fails after the image was allocated. */
    ARCH_PREPARE("arch_prepare", Errno.EFAULT),
    /** {@code init_tracing_multi_data}: the reg/unreg/modify ftrace hashes (olsa-v3, upstream). */
    FTRACE_HASH_ALLOC("ftrace_hash_alloc", Errno.ENOMEM),
    /** {@code register_ftrace_direct} / {@code update_ftrace_direct_add}. */
    FTRACE_REGISTER("ftrace_register", Errno.ENOMEM),
    /** {@code modify_ftrace_direct} / {@code update_ftrace_direct_mod}. */
    FTRACE_MODIFY("ftrace_modify", Errno.ENOMEM),
    /** {@code unregister_ftrace_direct} / {@code update_ftrace_direct_del}. */
    FTRACE_UNREGISTER("ftrace_unregister", Errno.ENOMEM);

    private final String scenarioName;
    private final Errno errno;

    FaultPoint(String scenarioName, Errno errno) {
        this.scenarioName = scenarioName;
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
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
