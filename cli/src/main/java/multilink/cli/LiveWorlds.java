package multilink.cli;

import multilink.live.KernelLine;

/**
 * The model's world as a stock kernel line has it. The built-in world follows mainline; where a line's kernel
 * answers differently because a function's attributes differ there (an allowlist, a deny set), the difference is
 * a switch here, per line, never an ignored step.
 */
final class LiveWorlds {
    private LiveWorlds() {
    }

    static Scenarios.Loaded forKernel(KernelLine line, Scenarios.Loaded l) {
        return l;
    }
}
