package multilink.spec;

import io.vavr.collection.List;
import io.vavr.control.Either;
import multilink.model.design.Design;
import multilink.model.step.Step;
import multilink.spec.tla.StepCodec;
import multilink.spec.tla.TlaValue;
import multilink.spec.tlc.Checkpoints;
import multilink.spec.tlc.TlcJob;
import multilink.spec.tlc.TlcProcess;
import multilink.spec.tlc.TlcProgress;
import multilink.spec.tlc.TlcResult;
import multilink.spec.tlc.TlcViolation;
import multilink.spec.tlc.TlcWatch;
import multilink.spec.tlc.TraceState;
import multilink.spec.tlc.Workspace;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Entry points for running TLC on the spec (see spec/README.md, "API"). Every
 * run is a child JVM in a fresh directory under {@link Workspace#base()}; a
 * TLC that crashes, is killed or prints something unreadable is a Left with a
 * one-line message, never a pass.
 */
public final class Tlc {
    private Tlc() {
    }

    /** Model-checks {@code MC<Design><config>.cfg} with {@code workers} TLC workers. */
    public static Either<String, TlcResult> check(Design design, RunConfig config, int workers,
                                                  Consumer<TlcProgress> progress) {
        return check(design, config, workers, (file, text) -> text, progress);
    }

    /** As above, on the spec with each file's text passed through {@code specPatch} (tests plant bugs so). */
    public static Either<String, TlcResult> check(Design design, RunConfig config, int workers,
                                                  java.util.function.BiFunction<String, String, String> specPatch,
                                                  Consumer<TlcProgress> progress) {
        return prepare(design, config, specPatch, Workspace.base(), "")
                .flatMap(job -> TlcProcess.run(job, workers, Checkpoints.DEFAULT, List.empty(),
                        TlcWatch.progress(progress)));
    }

    /**
     * The directory a run of {@code design} at {@code config} works in, under
     * {@code base}: the spec (each file through {@code specPatch}, then the
     * design's switches in every config) and the config for these bounds.
     * TlcProcess or DistributedTlc run it; a killed run is continued in it.
     */
    public static Either<String, TlcJob> prepare(Design design, RunConfig config,
                                                 java.util.function.BiFunction<String, String, String> specPatch,
                                                 Path base, String suffix) {
        return SpecDesign.of(design).toEither("the spec has no module for design " + design.name())
                .flatMap(sd -> Workspace.create(base, sd.configName(config) + suffix, withSwitches(sd, specPatch))
                        .flatMap(dir -> configFor(dir, sd, config).map(cfg -> new TlcJob(dir, sd.mcModule(), cfg))));
    }

    /** {@code specPatch}, then every config's {@code Switches} set to the design's switches. */
    public static java.util.function.BiFunction<String, String, String> withSwitches(SpecDesign sd,
            java.util.function.BiFunction<String, String, String> specPatch) {
        return (file, text) -> {
            String t = specPatch.apply(file, text);
            return file.endsWith(".cfg") ? sd.withSwitches(t) : t;
        };
    }

    /**
     * As {@link #check}, in TLC's distributed mode: a TLC server and
     * {@code workers} worker JVMs on this machine (DistributedTlc). A
     * violation comes back unnamed ({@code ToolOutput.UNNAMED}) with only its
     * last transition: the server names no invariant and keeps no trace. The
     * spec gets the design's switches as in {@link #check} (it once did not:
     * the server then checked the config's own switches, every fix on, and
     * found plain classic clean; spec/README.md).
     */
    public static Either<String, TlcResult> checkDistributed(Design design, RunConfig config,
            multilink.spec.tlc.DistributedTlc.Workers workers,
            java.util.function.BiFunction<String, String, String> specPatch, Consumer<TlcProgress> progress) {
        return prepare(design, config, specPatch, Workspace.base(), "-distributed")
                .flatMap(job -> multilink.spec.tlc.DistributedTlc.run(job.dir(), job.module(), job.config(),
                        workers, progress));
    }

    /**
     * The config file of a run: the shipped one, or, for limits no shipped
     * config has, the default (or findings) one with other MaxProgs/MaxLinks.
     */
    static Either<String, String> configFor(Path dir, SpecDesign sd, RunConfig config) {
        String name = sd.configName(config);
        if (dir.resolve(name + ".cfg").toFile().exists()) {
            return Either.right(name);
        }
        RunConfig base = config.findings() ? RunConfig.FINDINGS : RunConfig.DEFAULT;
        try {
            String text = java.nio.file.Files.readString(dir.resolve(sd.configName(base) + ".cfg"))
                    .replaceAll("MaxProgs = \\d+", "MaxProgs = " + config.maxProgs())
                    .replaceAll("MaxLinks = \\d+", "MaxLinks = " + config.maxLinks());
            if (config.maxTrampLinks().isPresent()) {
                text = text.replace("MaxTrampLinks <- MC_MaxTrampLinks", "MaxTrampLinks = "
                        + config.maxTrampLinks().getAsInt());
            }
            return Workspace.write(dir, name + ".cfg", text).map(p -> name);
        } catch (java.io.IOException e) {
            return Either.left("cannot read " + sd.configName(base) + ".cfg: " + e.getMessage());
        }
    }

    /**
     * The syscalls of a TLC error trace, in order: each state after the first
     * names the step that led to it in {@code last.step}.
     */
    public static Either<String, List<Step>> steps(TlcViolation violation) {
        return steps(violation.trace());
    }

    public static Either<String, List<Step>> steps(List<TraceState> trace) {
        List<Step> out = List.empty();
        for (TraceState s : trace.drop(1)) {
            Either<String, Step> st = s.vars().get("last")
                    .toEither("trace state " + s.index() + " has no variable last")
                    .flatMap(l -> l instanceof TlaValue.Fn f ? f.map().get(TlaValue.str("step")).toEither(
                            "last has no step in trace state " + s.index())
                            : Either.left("last is not a record in trace state " + s.index()))
                    .flatMap(StepCodec::decode);
            if (st.isLeft()) {
                return Either.left(st.getLeft());
            }
            out = out.append(st.get());
        }
        return Either.right(out);
    }
}
