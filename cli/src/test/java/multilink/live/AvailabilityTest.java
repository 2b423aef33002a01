package multilink.live;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the bounded live check runs and the one line it prints when it cannot. */
class AvailabilityTest {
    @Test
    void qemuOnPathOrRootWithAptRuns() {
        assertTrue(Availability.skipReason("", c -> c.equals("qemu-system-x86_64"), false).isEmpty());
        assertTrue(Availability.skipReason("", c -> c.equals("apt-get"), true).isEmpty());
    }

    @Test
    void noQemuAndNoWayToInstallItIsOneLine() {
        assertEquals("no qemu-system-x86_64 on PATH and no apt-get run as root to install it",
                Availability.skipReason("", c -> false, true).get());
        assertEquals("no qemu-system-x86_64 on PATH and no apt-get run as root to install it",
                Availability.skipReason("", c -> c.equals("apt-get"), false).get());
        assertEquals("disabled with -Dmultilink.live=off",
                Availability.skipReason("off", c -> true, true).get());
    }
}
