package multilink.model.world;

/** Names of BTF objects: vmlinux's, and one per module ({@code btf_try_get_module}). */
public final class Btfs {
    public static final String VMLINUX = "vmlinux";

    private Btfs() {
    }

    public static String ofModule(String module) {
        return "btf:" + module;
    }
}
