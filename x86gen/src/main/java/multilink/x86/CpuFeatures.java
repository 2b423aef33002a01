package multilink.x86;

/**
 * What varies between CPUs and kernel configs at image-generation time.
 *
 * @param returnThunk X86_FEATURE_RETHUNK active: the image ends in {@code jmp __x86_return_thunk}
 * @param ibt         CONFIG_X86_KERNEL_IBT: functions start with endbr64 (and some trampolines do)
 * @param sls         CONFIG_MITIGATION_SLS (CONFIG_SLS in 6.1): int3 after a plain ret
 */
public record CpuFeatures(boolean returnThunk, boolean ibt, boolean sls) {
    public static final CpuFeatures DEFAULT = new CpuFeatures(false, false, true);
}
