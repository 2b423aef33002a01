package multilink.x86;

/** A configuration the kernel rejects: the errno it would return and where in the kernel the check sits. */
public record KernelError(Errno errno, String reason) {
    public static KernelError of(Errno errno, String reason) {
        return new KernelError(errno, reason);
    }

    @Override
    public String toString() {
        return "-" + errno.name() + " (" + -errno.number() + "): " + reason;
    }
}
