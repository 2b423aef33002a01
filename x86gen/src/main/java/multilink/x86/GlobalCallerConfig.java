package multilink.x86;

import io.vavr.control.Option;

/**
 * Which global caller entry to build and where it sits (seed 003 v2 02/18): {@code bpf_global_caller_<nrArgs>},
 * compiled into vmlinux with the kernel config's mitigations, by {@code compiler}. An address left out is a
 * placeholder ({@link GlobalCaller#PLACEHOLDER_IMAGE} and the two after it) and the image is then unlinked.
 *
 * @param nrArgs      the variant: argument registers the traced functions use, {@code arch_bpf_get_regs_nr()}
 * @param cpu         {@code returnThunk} is CONFIG_MITIGATION_RETHUNK, {@code ibt} CONFIG_X86_KERNEL_IBT,
 *                    {@code sls} CONFIG_MITIGATION_SLS: build-time settings for this compiled code
 * @param image       the address of {@code bpf_global_caller_<nrArgs>}
 * @param run         the address of {@code bpf_global_caller_<nrArgs>_run}, the C runner it calls
 * @param returnThunk the address of {@code __x86_return_thunk}
 */
public record GlobalCallerConfig(int nrArgs, CpuFeatures cpu, NakedCompiler compiler, Option<Long> image,
                                 Option<Long> run, Option<Long> returnThunk) {

    /** Variant {@code nrArgs} with every address a placeholder. */
    public static GlobalCallerConfig unlinked(int nrArgs, CpuFeatures cpu, NakedCompiler compiler) {
        return new GlobalCallerConfig(nrArgs, cpu, compiler, Option.none(), Option.none(), Option.none());
    }

    public GlobalCallerConfig linkedAt(long imageAddr, long runAddr, long thunkAddr) {
        return new GlobalCallerConfig(nrArgs, cpu, compiler, Option.some(imageAddr), Option.some(runAddr),
                Option.some(thunkAddr));
    }

    /** One line that {@link GlobalCaller#parseLine} reads back to an equal configuration. */
    public String line() {
        return "global_caller nr_args=" + nrArgs + " return_thunk=" + cpu.returnThunk() + " ibt=" + cpu.ibt()
                + " sls=" + cpu.sls() + " compiler=" + compiler.name().toLowerCase()
                + image.map(a -> " image=" + Hex.imm(a)).getOrElse("")
                + run.map(a -> " run=" + Hex.imm(a)).getOrElse("")
                + returnThunk.map(a -> " return_thunk_addr=" + Hex.imm(a)).getOrElse("");
    }
}
