package multilink.live;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;

/** errno numbers as the kernel returns them, by name, for report lines ("EINVAL (22)"). */
public final class Errnos {
    private static final Map<Integer, String> NAMES = HashMap.ofEntries(
            io.vavr.Tuple.of(0, "ok"), io.vavr.Tuple.of(1, "EPERM"), io.vavr.Tuple.of(2, "ENOENT"),
            io.vavr.Tuple.of(3, "ESRCH"), io.vavr.Tuple.of(7, "E2BIG"), io.vavr.Tuple.of(9, "EBADF"),
            io.vavr.Tuple.of(11, "EAGAIN"), io.vavr.Tuple.of(12, "ENOMEM"), io.vavr.Tuple.of(13, "EACCES"),
            io.vavr.Tuple.of(14, "EFAULT"), io.vavr.Tuple.of(16, "EBUSY"), io.vavr.Tuple.of(17, "EEXIST"),
            io.vavr.Tuple.of(22, "EINVAL"), io.vavr.Tuple.of(34, "ERANGE"), io.vavr.Tuple.of(95, "EOPNOTSUPP"),
            io.vavr.Tuple.of(524, "ENOTSUPP"));

    private Errnos() {
    }

    public static String name(int errno) {
        return NAMES.get(errno).map(n -> errno == 0 ? n : n + " (" + errno + ")").getOrElse("errno " + errno);
    }
}
