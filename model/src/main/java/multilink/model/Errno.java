package multilink.model;

/**
 * The errno values the modelled syscalls return, with the kernel's numbers
 * (include/uapi/asm-generic/errno-base.h, errno.h; ENOTSUPP is kernel-internal,
 * include/linux/errno.h). {@code OK} stands for a return value of 0 or a new fd.
 */
public enum Errno {
    OK(0), EPERM(1), ENOENT(2), E2BIG(7), EBADF(9), EAGAIN(11), ENOMEM(12), EFAULT(14),
    EBUSY(16), EEXIST(17), ENODEV(19), EINVAL(22), EMFILE(24), ENOSPC(28), EOPNOTSUPP(95), ENOTSUPP(524);

    private final int value;

    Errno(int value) {
        this.value = value;
    }

    /** The positive errno number; the syscall returns its negation. */
    public int value() {
        return value;
    }

    public boolean ok() {
        return this == OK;
    }

    /**
     * Parses a kernel name ("EBUSY"), an alias the kernel headers define
     * ({@code EWOULDBLOCK} is {@code EAGAIN}, include/uapi/asm-generic/errno.h:22
     * in 6.12), the number with or without its minus ("-22", "524"), or "ok";
     * empty for anything else.
     */
    public static io.vavr.control.Option<Errno> parse(String name) {
        if (name.equalsIgnoreCase("ok") || name.equals("0")) {
            return io.vavr.control.Option.of(OK);
        }
        if (name.equals("EWOULDBLOCK")) {
            return io.vavr.control.Option.of(EAGAIN);
        }
        if (name.matches("-?[0-9]{1,4}")) {
            int n = Math.abs(Integer.parseInt(name));
            for (Errno e : values()) {
                if (e.value == n) {
                    return io.vavr.control.Option.of(e);
                }
            }
            return io.vavr.control.Option.none();
        }
        for (Errno e : values()) {
            if (e.name().equals(name)) {
                return io.vavr.control.Option.of(e);
            }
        }
        return io.vavr.control.Option.none();
    }

    @Override
    public String toString() {
        return this == OK ? "ok" : name();
    }
}
