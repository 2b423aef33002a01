package multilink.live;

import java.nio.file.Files;
import java.nio.file.Path;

/** How qemu runs the guest: KVM when /dev/kvm can be opened read-write, TCG (emulation, ~10-50x slower) otherwise. */
public enum Accel {
    KVM("kvm"), TCG("tcg");

    private final String qemuName;

    Accel(String qemuName) {
        this.qemuName = qemuName;
    }

    public String qemuName() {
        return qemuName;
    }

    public static Accel detect() {
        Path kvm = Path.of("/dev/kvm");
        return Files.isReadable(kvm) && Files.isWritable(kvm) ? KVM : TCG;
    }

    /** Seconds a boot may take before the harness gives up on it. */
    public long timeoutSeconds(int jobs) {
        return this == KVM ? 60 + jobs : 120 + 4L * jobs;
    }
}
