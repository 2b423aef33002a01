package multilink.model.step;

import io.vavr.control.Option;
import multilink.model.Errno;

/**
 * A named place where an attach or detach path can fail for reasons outside
 * the caller's control, with the errno the kernel returns there. A fault
 * {@code (point, n)} fails the n-th time the syscall reaches the point.
 * Open rather than an enum: the points of the shared kernel paths are the
 * constants below ({@link #SHARED}); a design whose own code can fail
 * elsewhere (seed 003's {@code kfunc_md} allocation, say) declares its points
 * in its own files and lists them in its {@code Design.faultPoints()}, and
 * {@link #parse} finds them through the presets.
 *
 * @param scenarioName the name scenario files, traces and the spec use
 * @param errnos       every errno the kernel function at this point can
 *                     return, the usual one first: what a fault may choose
 */
public record FaultPoint(String scenarioName, io.vavr.collection.List<Errno> errnos) {

    /** kzalloc/kvzalloc of the link object. */
    public static final FaultPoint LINK_ALLOC = new FaultPoint("link_alloc", Errno.ENOMEM);
    /** kvmalloc of a user array (ids, cookies, tgt_fds) or of seed 001's {@code entries}. */
    public static final FaultPoint ARRAY_ALLOC = new FaultPoint("array_alloc", Errno.ENOMEM);
    /**
     * Not a failure: {@code kvmalloc} falls back to vmalloc (kmalloc of a large
     * or fragmented size failed), which only matters to how the buffer must
     * be freed ({@code kvfree}, never {@code kfree}).
     */
    public static final FaultPoint KVMALLOC_VMALLOC = new FaultPoint("kvmalloc_vmalloc", Errno.OK);
    /** copy_from_user of a user array. */
    public static final FaultPoint COPY_FROM_USER = new FaultPoint("copy_from_user", Errno.EFAULT);
    /**
     * {@code bpf_link_prime}: the first thing that can fail there is the fd
     * reservation (-EMFILE); then the link id (idr_alloc_cyclic: -ENOSPC, -ENOMEM)
     * and the file (-ENOMEM) (kernel/bpf/syscall.c:3172-3201 in 6.12).
     */
    public static final FaultPoint LINK_PRIME = new FaultPoint("link_prime", Errno.EMFILE, Errno.ENOSPC, Errno.ENOMEM);
    /** {@code bpf_trampoline_get} returns NULL (kzalloc of the trampoline or its fops). */
    public static final FaultPoint TRAMPOLINE_GET = new FaultPoint("trampoline_get", Errno.ENOMEM);
    /**
     * {@code bpf_tramp_image_alloc}: modmem charge (-EPERM above the JIT limit),
     * executable alloc, percpu_ref (-ENOMEM) (kernel/bpf/trampoline.c:363-380 in 6.12).
     */
    public static final FaultPoint IMAGE_ALLOC = new FaultPoint("image_alloc", Errno.ENOMEM, Errno.EPERM);
    /** {@code arch_prepare_bpf_trampoline} fails after the image was allocated. */
    public static final FaultPoint ARCH_PREPARE = new FaultPoint("arch_prepare", Errno.EFAULT);
    /** {@code init_tracing_multi_data}: the reg/unreg/modify ftrace hashes (olsa-v3, upstream). */
    public static final FaultPoint FTRACE_HASH_ALLOC = new FaultPoint("ftrace_hash_alloc", Errno.ENOMEM);
    /**
     * {@code register_ftrace_direct} / {@code update_ftrace_direct_add}: -EINVAL
     * (bad ops or address), -EBUSY (the ip has a direct call already), -ENOMEM
     * (the hash) (kernel/trace/ftrace.c:5982-6010 in 6.12). Its -EAGAIN (an
     * IPMODIFY peer) makes the trampoline retry, which is not modelled.
     */
    public static final FaultPoint FTRACE_REGISTER = new FaultPoint("ftrace_register", Errno.ENOMEM, Errno.EBUSY, Errno.EINVAL);
    /**
     * {@code modify_ftrace_direct} / {@code update_ftrace_direct_mod}: -EINVAL
     * (not registered, bad address), or the errno of registering its temporary
     * ops (kernel/trace/ftrace.c:6210-6240 in 6.12).
     */
    public static final FaultPoint FTRACE_MODIFY = new FaultPoint("ftrace_modify", Errno.ENOMEM, Errno.EINVAL, Errno.EBUSY);
    /**
     * {@code unregister_ftrace_direct} / {@code update_ftrace_direct_del}: -EINVAL
     * (not registered, bad address) or the errno of unregistering the ops
     * (kernel/trace/ftrace.c:6086-6107 in 6.12).
     */
    public static final FaultPoint FTRACE_UNREGISTER = new FaultPoint("ftrace_unregister", Errno.ENOMEM, Errno.EINVAL);

    /** The points of the shared kernel paths, in the order the random checkers draw them. */
    public static final io.vavr.collection.List<FaultPoint> SHARED = io.vavr.collection.List.of(LINK_ALLOC,
            ARRAY_ALLOC, KVMALLOC_VMALLOC, COPY_FROM_USER, LINK_PRIME, TRAMPOLINE_GET, IMAGE_ALLOC, ARCH_PREPARE,
            FTRACE_HASH_ALLOC, FTRACE_REGISTER, FTRACE_MODIFY, FTRACE_UNREGISTER);

    public FaultPoint {
        if (errnos.isEmpty()) {
            throw new IllegalArgumentException("fault point " + scenarioName + " without an errno");
        }
    }

    public FaultPoint(String scenarioName, Errno errno, Errno... others) {
        this(scenarioName, io.vavr.collection.List.of(errno).appendAll(io.vavr.collection.List.of(others)));
    }

    /** The errno the point fails with unless a fault chooses another. */
    public Errno errno() {
        return errnos.head();
    }

    /** Every point: the shared ones, then each preset's own, in the order {@link Presets} lists them. */
    public static io.vavr.collection.List<FaultPoint> all() {
        return ALL.get();
    }

    private static final io.vavr.Lazy<io.vavr.collection.List<FaultPoint>> ALL = io.vavr.Lazy.of(() ->
            SHARED.appendAll(multilink.model.design.Presets.ALL.flatMap(p -> p.faultPoints()).distinct()
                    .filter(p -> !SHARED.contains(p))));

    /** The point's place in {@link #all()}: the order fault draws and listings keep. */
    public int ordinal() {
        return all().indexOf(this);
    }

    public static Option<FaultPoint> parse(String s) {
        return all().find(p -> p.scenarioName.equals(s));
    }

    @Override
    public String toString() {
        return scenarioName;
    }
}
