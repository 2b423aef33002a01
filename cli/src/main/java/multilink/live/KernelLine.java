package multilink.live;

import io.vavr.collection.List;
import io.vavr.control.Either;
import multilink.x86.CpuFeatures;
import multilink.x86.KernelProfile;

/**
 * A Debian kernel the harness boots: the image package it fetches with apt, the x86gen profile whose bytes it is
 * held to, and the build options that shape trampolines on any CPU (from the package's own /boot/config).
 *
 * @param name     the {@code --kernel} value
 * @param pkg      the unsigned image package ({@code apt-get download pkg=version})
 * @param version  its exact version: the one the profile's source package matches
 * @param profile  the x86gen profile
 * @param ibt      CONFIG_X86_KERNEL_IBT: functions start with endbr64 even on a CPU without IBT, and the original
 *                 call skips it (6.12 config: y; 6.1: not set)
 * @param sls      CONFIG_SLS / CONFIG_MITIGATION_SLS (y in both)
 */
public record KernelLine(String name, String pkg, String version, KernelProfile profile, boolean ibt, boolean sls) {
    public static final List<KernelLine> ALL = List.of(
            new KernelLine("6.1", "linux-image-6.1.0-56-amd64-unsigned", "6.1.192-2", KernelProfile.V6_1, false, true),
            new KernelLine("6.12", "linux-image-6.12.117+deb12-amd64-unsigned", "6.12.117-1~deb12u1",
                    KernelProfile.V6_12, true, true));

    public static Either<String, KernelLine> byName(String name) {
        return ALL.find(k -> k.name.equals(name)).toEither(() -> "unknown kernel '" + name + "' (known: "
                + ALL.map(KernelLine::name).mkString(", ") + ")");
    }

    /** The CPU features x86gen gets for a guest booted with or without a return-thunk CPU model. */
    public CpuFeatures cpu(boolean returnThunk) {
        return new CpuFeatures(returnThunk, ibt, sls);
    }

    public String describe() {
        return name + " (" + pkg + " " + version + ")";
    }
}
