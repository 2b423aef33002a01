package multilink.live;

/**
 * The qemu CPU a batch boots on. Debian's kernels are built with CONFIG_RETHUNK / CONFIG_MITIGATION_RETHUNK, but
 * the return thunk is only switched on for a CPU that needs it: plain qemu64 reports no retbleed/SRSO bug, a
 * Zen1-like model (AMD family 23) gets the mitigations and trampolines end in a jmp to the thunk
 * (the live-kernels reference notes).
 */
public enum CpuModel {
    PLAIN("qemu64", false),
    RETURN_THUNK("qemu64,family=23,model=1", true);

    private final String qemuCpu;
    private final boolean returnThunk;

    CpuModel(String qemuCpu, boolean returnThunk) {
        this.qemuCpu = qemuCpu;
        this.returnThunk = returnThunk;
    }

    public String qemuCpu() {
        return qemuCpu;
    }

    public boolean returnThunk() {
        return returnThunk;
    }

    public static CpuModel of(boolean returnThunk) {
        return returnThunk ? RETURN_THUNK : PLAIN;
    }
}
