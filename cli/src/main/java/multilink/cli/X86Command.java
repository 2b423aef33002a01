package multilink.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vavr.collection.List;
import io.vavr.control.Either;
import multilink.x86.CheckReport;
import multilink.x86.ConfigJson;
import multilink.x86.CpuFeatures;
import multilink.x86.EncodedImage;
import multilink.x86.GlobalCaller;
import multilink.x86.GlobalCallerConfig;
import multilink.x86.KernelError;
import multilink.x86.NakedCompiler;
import multilink.x86.TrampolineConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code ./multilink x86}: the trampoline image the x86-64 JIT builds for an attach, given as an x86gen JSON
 * configuration or as counts of arguments and programs (the kernel's flag derivation fills in the rest); or the
 * global caller entry bpf_global_caller_N of the tracing-multi v2 series (seed 003 v2 02/18), given by its variant
 * or by a {@code global_caller ...} line in the --config file.
 */
@Command(name = "x86", description = "Print the x86-64 BPF trampoline image the kernel builds for an attach.",
        mixinStandardHelpOptions = true)
final class X86Command implements Callable<Integer> {

    enum Format { LISTING, HEX, JSON }

    static final class Source {
        @Option(names = "--config", paramLabel = "FILE", required = true,
                description = "An x86gen JSON configuration (see x86gen/README.md).")
        Path config;

        @ArgGroup(exclusive = false)
        AttachOptions attach;

        @ArgGroup(exclusive = false)
        GlobalCallerOptions globalCaller;
    }

    static final class GlobalCallerOptions {
        @Option(names = "--global-caller", paramLabel = "N", required = true,
                description = "The global caller entry bpf_global_caller_N (seed 003 v2; N = argument registers, 0..6).")
        int nrArgs;
        @Option(names = "--ibt", description = "Built with CONFIG_X86_KERNEL_IBT: endbr64 first.")
        boolean ibt;
        @Option(names = "--return-thunk", description = "Built with CONFIG_MITIGATION_RETHUNK: ASM_RET is jmp __x86_return_thunk.")
        boolean returnThunk;
        @Option(names = "--no-sls", description = "Built without CONFIG_MITIGATION_SLS: no int3 after ret.")
        boolean noSls;
        @Option(names = "--compiler", paramLabel = "C", defaultValue = "gcc",
                description = "gcc (default; ud2 after the naked body) or clang.")
        String compiler;

        Either<String, GlobalCallerConfig> config() {
            // 7..12 is the kernel's -EOPNOTSUPP (no caller for stack arguments); below 0 is no count at all
            if (nrArgs < 0) {
                return Either.left("--global-caller: expected an argument register count (0.."
                        + GlobalCaller.MAX_VARIANT + "), got " + nrArgs);
            }
            return List.of(NakedCompiler.values()).find(c -> c.name().equalsIgnoreCase(compiler))
                    .toEither("--compiler: expected gcc or clang, got '" + compiler + "'")
                    .map(cc -> GlobalCallerConfig.unlinked(nrArgs, new CpuFeatures(returnThunk, ibt, !noSls), cc));
        }
    }

    static final class AttachOptions {
        @Option(names = "--args", paramLabel = "N", required = true,
                description = "Arguments of the traced function (8 bytes each; the kernel accepts 0..12).")
        int args;
        @Option(names = "--fentry", paramLabel = "K", description = "fentry programs (default 0; 1 with --struct-ops).")
        Integer fentry;
        @Option(names = "--fexit", paramLabel = "K", description = "fexit programs (default 0).")
        int fexit;
        @Option(names = "--fmodret", paramLabel = "K", description = "fmod_ret programs (default 0).")
        int fmodRet;
        @Option(names = "--cookies", description = "Give program k cookie k+1 (emission order) instead of 0.")
        boolean cookies;
        @Option(names = "--flags", paramLabel = "F[,F...]",
                description = "BPF_TRAMP_F_* names (prefix optional) or a mask such as 0x3, instead of the flags the "
                        + "kernel derives from the program kinds.")
        String flags;
        @Option(names = "--profile", paramLabel = "P", defaultValue = "mainline",
                description = "Kernel line: mainline (default), 6.18, 6.12 or 6.1.")
        String profile;
        @Option(names = "--struct-ops", description = "A bpf_struct_ops member trampoline instead of a tracing one.")
        boolean structOps;

        X86Attach toAttach() {
            return new X86Attach(args, io.vavr.control.Option.of(fentry), fexit, fmodRet, cookies,
                    io.vavr.control.Option.of(flags), profile, structOps);
        }
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--format", paramLabel = "F", defaultValue = "listing",
            description = "listing (default): offset, bytes, Intel syntax, relocations; hex: the bytes on one line; "
                    + "json: hex, listing, relocations, size, linked.")
    Format format;

    @Option(names = "--check", description = "Also compare every instruction with GNU as, llvm-mc and objdump.")
    boolean check;

    private final X86Backend backend;

    X86Command(X86Backend backend) {
        this.backend = backend;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Either<String, GlobalCallerConfig> globalCaller = source.globalCaller != null ? source.globalCaller.config()
                : source.config != null ? readGlobalCallerLine(source.config) : Either.right(null);
        if (globalCaller.isLeft()) {
            err.println("multilink: " + globalCaller.getLeft());
            return Main.EXIT_USAGE;
        }
        if (globalCaller.get() != null) {
            // the global caller entry: the same refusals, check and output forms as a trampoline
            GlobalCallerConfig c = globalCaller.get();
            return generateAndPrint(() -> backend.globalCaller().apply(c), img -> backend.reference().apply(List.of(img)),
                    X86Render::summary, out, err);
        }
        Either<String, TrampolineConfig> config = source.config != null ? readConfig(source.config)
                : source.attach.toAttach().config();
        if (config.isLeft()) {
            err.println("multilink: " + config.getLeft());
            return Main.EXIT_USAGE;
        }
        return generateAndPrint(() -> backend.generator().apply(config.get()),
                img -> backend.reference().apply(List.of(img)), X86Render::summary, out, err);
    }

    /** Generates, checks when asked, prints; the exit code says whether the kernel refused or a tool disagreed. */
    private <I extends EncodedImage> Integer generateAndPrint(Supplier<Either<KernelError, I>> generate,
                                                             Function<I, Either<String, CheckReport>> reference,
                                                             Function<I, String> summary, PrintWriter out,
                                                             PrintWriter err) throws JsonProcessingException {
        // refuse before printing anything: a listing without the check the user asked for would pass for checked
        io.vavr.control.Option<String> missing = check ? backend.missingTool().get() : io.vavr.control.Option.none();
        if (missing.isDefined()) {
            err.println("multilink: x86: " + missing.get());
            return Main.EXIT_USAGE;
        }
        Either<KernelError, I> image = generate.get();
        if (image.isLeft()) {
            err.println("multilink: x86: " + errno(image.getLeft()));
            return Main.EXIT_VIOLATION;
        }
        I img = image.get();
        Either<String, io.vavr.control.Option<CheckReport>> report = check
                ? reference.apply(img).map(io.vavr.control.Option::some)
                : Either.right(io.vavr.control.Option.none());
        if (report.isLeft()) {
            err.println("multilink: x86: reference check failed: " + report.getLeft());
            return Main.EXIT_VIOLATION;
        }
        print(img, summary.apply(img), report.get(), out, err);
        return report.get().exists(r -> !r.ok()) ? Main.EXIT_VIOLATION : Main.EXIT_OK;
    }

    private void print(EncodedImage img, String summary, io.vavr.control.Option<CheckReport> report, PrintWriter out,
                       PrintWriter err) throws JsonProcessingException {
        switch (format) {
            case HEX -> {
                out.println(img.hex());
                // stdout stays the bytes alone, so it can be piped
                report.forEach(r -> X86Render.checkLines(r).forEach(l -> err.println("x86: " + l)));
            }
            case JSON -> out.println(ScenarioJson.mapper().writeValueAsString(X86Render.json(img, report)));
            case LISTING -> out.print(X86Render.listing(img, summary, report));
        }
        out.flush();
        err.flush();
    }

    /** "-E2BIG: 39 programs > ...": the errno as the kernel names it, then where it comes from. */
    static String errno(KernelError e) {
        return "-" + e.errno().name() + ": " + e.reason();
    }

    /**
     * A --config file holding a {@code global_caller ...} line (what mutants writes for a global caller bug) is a
     * global caller configuration; anything else is left to the JSON reader (Right(null)).
     */
    private static Either<String, GlobalCallerConfig> readGlobalCallerLine(Path file) {
        // an unreadable file is left to readConfig, which names the problem
        String text = TextFiles.read(file).getOrElse("").trim();
        return text.startsWith("global_caller")
                ? GlobalCaller.parseLine(text).mapLeft(problem -> file + ": " + problem)
                : Either.right(null);
    }

    private static Either<String, TrampolineConfig> readConfig(Path file) {
        return TextFiles.read(file).flatMap(ConfigJson::parse).mapLeft(problem -> file + ": "
                + (problem.startsWith("not JSON: ") ? "not JSON: " + JsonMessages.plain(problem.substring(10)) : problem));
    }
}
