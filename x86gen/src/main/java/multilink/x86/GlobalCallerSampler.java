package multilink.x86;

import java.util.Random;

/**
 * Global caller configurations for the tests and the seeded-bug kill: variant 0..6 uniformly, each build-time
 * mitigation (return thunk, IBT, SLS) and the compiler at random, and linked addresses shaped like vmlinux text:
 * the entry 16-byte aligned in the first 32 MiB of kernel text, its C runner 16..4096 bytes before it (CALLER_DEFINE
 * defines name_run just before name, seed 003 v2 02/18; where the compiler puts it is assumed), __x86_return_thunk
 * anywhere in that range. The same Random state gives the same configurations.
 */
public final class GlobalCallerSampler {
    private static final long TEXT = 0xffffffff81000000L;
    private static final int TEXT_SPAN = 32 << 20;

    private GlobalCallerSampler() {
    }

    public static GlobalCallerConfig sample(Random rnd) {
        int n = rnd.nextInt(GlobalCaller.MAX_VARIANT + 1);
        CpuFeatures cpu = new CpuFeatures(rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean());
        NakedCompiler cc = NakedCompiler.values()[rnd.nextInt(NakedCompiler.values().length)];
        long image = TEXT + 0x1000 + 16L * rnd.nextInt(TEXT_SPAN / 16 - 0x100);
        long run = image - 16L * (1 + rnd.nextInt(256));
        long thunk = TEXT + rnd.nextInt(TEXT_SPAN);
        return GlobalCallerConfig.unlinked(n, cpu, cc).linkedAt(image, run, thunk);
    }
}
