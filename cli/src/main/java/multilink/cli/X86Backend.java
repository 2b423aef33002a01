package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.x86.CheckReport;
import multilink.x86.EncodedImage;
import multilink.x86.GlobalCaller;
import multilink.x86.GlobalCallerConfig;
import multilink.x86.GlobalCallerImage;
import multilink.x86.KernelError;
import multilink.x86.ReferenceEncoders;
import multilink.x86.TrampolineConfig;
import multilink.x86.TrampolineImage;
import multilink.x86.X86Gen;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The x86 generator and reference check the commands use. Production uses {@link #REAL}; tests hand {@link Main}
 * a generator with a planted encoding bug, or a toolchain that is missing, to prove check and x86 react.
 *
 * @param generator    X86Gen.generate
 * @param globalCaller GlobalCaller.generate (seed 003 v2's bpf_global_caller_n entries)
 * @param reference    ReferenceEncoders.checkAll, for images of either kind
 * @param missingTool  the first reference tool not on PATH
 */
record X86Backend(Function<TrampolineConfig, Either<KernelError, TrampolineImage>> generator,
                  Function<GlobalCallerConfig, Either<KernelError, GlobalCallerImage>> globalCaller,
                  Function<List<? extends EncodedImage>, Either<String, CheckReport>> reference,
                  Supplier<Option<String>> missingTool) {
    static final X86Backend REAL = new X86Backend(X86Gen::generate, GlobalCaller::generate,
            ReferenceEncoders::checkAll, ReferenceEncoders::missingTool);
}
