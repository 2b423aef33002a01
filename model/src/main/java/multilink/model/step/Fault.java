package multilink.model.step;

import io.vavr.control.Option;
import multilink.model.Errno;

/**
 * Fail the {@code hit}-th time (1-based) the syscall reaches {@code point},
 * with {@code errno} where the kernel function there can return several
 * ({@link FaultPoint#errnos()}), else with the point's usual errno.
 */
public record Fault(FaultPoint point, int hit, Option<Errno> errno) {

    public Fault(FaultPoint point, int hit) {
        this(point, hit, Option.none());
    }

    /** The errno the failing kernel function returns. */
    public Errno returns() {
        return errno.getOrElse(point.errno());
    }

    @Override
    public String toString() {
        return point + "#" + hit + errno.map(e -> "=" + e).getOrElse("");
    }
}
