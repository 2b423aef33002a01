package multilink.live;

import io.vavr.control.Option;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Whether this machine can boot a guest: qemu is on PATH, or apt-get is there to install it and we are root
 * (guest.sh installs everything else the same way). The bounded CI check asks this first and skips with the
 * reason when the answer is no.
 */
public final class Availability {
    /** {@code -Dmultilink.live=off} skips the bounded check on purpose. */
    public static final String PROPERTY = "multilink.live";

    private Availability() {
    }

    /** Why a guest cannot run here, or none. */
    public static Option<String> skipReason() {
        return skipReason(System.getProperty(PROPERTY, ""), Availability::onPath,
                "root".equals(System.getProperty("user.name")));
    }

    static Option<String> skipReason(String property, Predicate<String> onPath, boolean root) {
        if (property.equalsIgnoreCase("off")) {
            return Option.of("disabled with -D" + PROPERTY + "=off");
        }
        if (onPath.test(Qemu.BINARY)) {
            return Option.none();
        }
        if (onPath.test("apt-get") && root) {
            return Option.none();
        }
        return Option.of("no " + Qemu.BINARY + " on PATH and no apt-get run as root to install it");
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return true;
            }
        }
        return false;
    }
}
