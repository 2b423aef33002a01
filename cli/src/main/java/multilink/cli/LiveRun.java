package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.live.Accel;
import multilink.live.CpuModel;
import multilink.live.GuestBuilder;
import multilink.live.GuestOutput;
import multilink.live.KernelLine;
import multilink.live.LiveCache;
import multilink.live.Qemu;

import java.io.PrintWriter;

/**
 * {@code live run}: classic scenarios played on the guest kernel in one boot and on the model, every step's
 * errno compared. Faults are stripped on both sides (a stock kernel injects none at these points) and counted.
 */
final class LiveRun {
    private LiveRun() {
    }

    /** A scenario to play, by the name the report gives it (its file, or "chain N"). */
    record Item(String name, Scenario scenario) { }

    /**
     * One step: the scenario's syscall line, the model's errno and the kernel's;
     * {@code alsoRight}: a second errno the kernel may answer there for reasons
     * outside the state (DirectFentryOps.FREED_MODULE_TEXT).
     */
    record StepCompare(int step, String syscall, int model, int kernel, Option<Integer> alsoRight) {
        boolean agrees() {
            return model == kernel || alsoRight.contains(kernel);
        }
    }

    sealed interface Outcome {
        Item item();
    }

    /**
     * A played scenario. {@code modelStopped}: the model replay stopped early at a new violation, so only its
     * steps were compared. {@code linksChecked}: links the kernel made, each read back with
     * bpf_link_get_info_by_fd(); {@code linkProblems}: those that are not a tracing link of the attached prog
     * with its kind's attach type.
     */
    record Played(Item item, List<StepCompare> steps, int faultsStripped, Option<String> modelStopped,
                  int linksChecked, List<String> linkProblems) implements Outcome {
        boolean agrees() {
            return steps.forAll(StepCompare::agrees) && linkProblems.isEmpty();
        }
    }

    /** Not playable on the stock guest, with the reason. */
    record Skipped(Item item, String why) implements Outcome { }

    record Result(KernelLine line, List<Outcome> outcomes, long bootMillis, Accel accel) {
        List<Played> played() {
            return outcomes.filter(o -> o instanceof Played).map(o -> (Played) o);
        }
    }

    static Either<String, Result> run(KernelLine line, List<Item> items, DesignCatalogue designs, LiveCache cache,
                                      PrintWriter err) {
        java.util.List<Scenarios.Loaded> loaded = new java.util.ArrayList<>();
        java.util.List<Outcome> skipped = new java.util.ArrayList<>();
        StringBuilder jobs = new StringBuilder();
        java.util.Map<Integer, Item> byId = new java.util.LinkedHashMap<>();
        int id = 0;
        for (Item it : items) {
            Scenario plain = stripFaults(it.scenario());
            var l = Scenarios.resolve(plain, designs);
            if (l.isLeft()) {
                return Either.left(it.name() + ": " + l.getLeft().problem());
            }
            Scenarios.Loaded ld = LiveWorlds.forKernel(line, l.get());
            var job = LiveScenarioJob.job(String.valueOf(id), plain, ld.world());
            if (job.isLeft()) {
                skipped.add(new Skipped(it, job.getLeft()));
                continue;
            }
            jobs.append(job.get());
            byId.put(id, it);
            loaded.add(ld);
            id++;
        }
        if (byId.isEmpty()) {
            return Either.right(new Result(line, List.ofAll(skipped), 0, Accel.detect()));
        }
        var guest = GuestBuilder.build(line, cache, err);
        if (guest.isLeft()) {
            return Either.left(guest.getLeft());
        }
        err.println("live: " + line.name() + ": booting for " + byId.size() + " scenarios");
        err.flush();
        var boot = Qemu.boot(guest.get(), CpuModel.PLAIN, "jobs", jobs.toString(), byId.size(), cache, err);
        if (boot.isLeft()) {
            return Either.left(boot.getLeft());
        }
        var out = GuestOutput.parse(boot.get().output());
        if (out.isLeft()) {
            return Either.left(out.getLeft());
        }
        java.util.List<Outcome> outcomes = new java.util.ArrayList<>(skipped);
        int k = 0;
        for (var e : byId.entrySet()) {
            Scenarios.Loaded ld = loaded.get(k++);
            var kernel = out.get().steps().get(String.valueOf(e.getKey())).getOrElse(List.empty());
            outcomes.add(compare(e.getValue(), ld, kernel));
        }
        return Either.right(new Result(line, List.ofAll(outcomes), boot.get().millis(), boot.get().accel()));
    }

    static Played compare(Item it, Scenarios.Loaded ld, List<GuestOutput.StepResult> kernel) {
        Replay.Result model = Replay.run(ld);
        java.util.List<StepCompare> steps = new java.util.ArrayList<>();
        for (Replay.Replayed r : model.steps()) {
            var k = kernel.find(s -> s.step().equals(String.valueOf(r.index())));
            steps.add(new StepCompare(r.index(), Syscall.describe(r.scenarioStep()), r.outcome().errno().value(),
                    k.map(GuestOutput.StepResult::errno).getOrElse(-1), alsoRight(r.outcome())));
        }
        Option<String> stopped = model.steps().size() < ld.scenario().steps().size()
                ? Option.of("the model stopped at step " + model.steps().size() + " (" + model.verdict() + ")")
                : Option.none();
        int faults = it.scenario().steps().count(s -> s.fault().isDefined());
        var links = checkLinks(ld.scenario(), kernel);
        return new Played(it, List.ofAll(steps), faults, stopped, links._1, links._2);
    }

    /** -EINVAL beside the model's -EBUSY where 6.1 pokes a function whose module went away. */
    static Option<Integer> alsoRight(multilink.model.step.Outcome o) {
        boolean freed = o.events().exists(e -> e.call().equals("bpf_arch_text_poke")
                && e.object().endsWith(multilink.model.kernel.DirectFentryOps.FREED_MODULE_TEXT));
        return freed && o.errno() == multilink.model.Errno.EBUSY
                ? Option.of(multilink.model.Errno.EINVAL.value()) : Option.none();
    }

    /** BPF_LINK_TYPE_TRACING and the attach types of fentry, fexit, fmod_ret (include/uapi/linux/bpf.h). */
    static final int LINK_TYPE_TRACING = 2;

    /**
     * A freplace link's attach type is its prog's expected attach type (6.12 kernel/bpf/syscall.c:3374; 6.1
     * :3113), which the verifier copied from the target program (6.12 verifier.c:22968; 6.1 :15460): the guest's
     * loader loads its target program with none, 0 (loader.c, load_target()).
     */
    static final int TARGET_ATTACH_TYPE = 0;

    private static int attachType(multilink.model.state.ProgType t) {
        return switch (t) {
            case FENTRY -> 24;
            case FEXIT -> 25;
            case FREPLACE -> TARGET_ATTACH_TYPE;
            default -> 26;
        };
    }

    /**
     * Every link the kernel made, as bpf_link_get_info_by_fd() describes it: a tracing link whose prog is the
     * one the step attached (by the id the load reported) and whose attach type is that prog's kind.
     */
    static io.vavr.Tuple2<Integer, List<String>> checkLinks(Scenario s, List<GuestOutput.StepResult> kernel) {
        java.util.Map<String, String> progIds = new java.util.HashMap<>();
        java.util.Map<String, multilink.model.state.ProgType> kinds = new java.util.HashMap<>();
        java.util.List<String> problems = new java.util.ArrayList<>();
        int checked = 0;
        int i = 0;
        for (ScenarioStep st : s.steps()) {
            i++;
            String id = String.valueOf(i);
            var answer = kernel.find(x -> x.step().equals(id));
            if (answer.isEmpty() || answer.get().errno() != 0) {
                continue;
            }
            var info = answer.get().info();
            if (st.op() instanceof NamedOp.Load l) {
                info.get("prog_id").forEach(p -> progIds.put(l.prog(), p));
                kinds.put(l.prog(), l.type());
            } else if (st.op() instanceof NamedOp.Attach a) {
                checked++;
                String want = progIds.get(a.prog());
                if (info.get("link_id").isEmpty()) {
                    problems.add("step " + i + ": bpf_link_get_info_by_fd failed ("
                            + info.get("link_info_errno").getOrElse("no answer") + ")");
                } else if (!info.get("prog_id").contains(want)) {
                    problems.add("step " + i + ": the link's prog is id " + info.get("prog_id").getOrElse("?")
                            + ", the attached prog " + a.prog() + " is id " + want);
                } else if (!info.get("type").contains(String.valueOf(LINK_TYPE_TRACING))
                        || !info.get("attach_type").contains(String.valueOf(attachType(kinds.get(a.prog()))))) {
                    problems.add("step " + i + ": link type " + info.get("type").getOrElse("?") + " attach type "
                            + info.get("attach_type").getOrElse("?") + ", expected " + LINK_TYPE_TRACING + " and "
                            + attachType(kinds.get(a.prog())) + " for " + kinds.get(a.prog()));
                }
            }
        }
        return io.vavr.Tuple.of(checked, List.ofAll(problems));
    }

    static Scenario stripFaults(Scenario s) {
        return new Scenario(s.description(), s.design(), s.world(), s.badFds(),
                s.steps().map(st -> new ScenarioStep(st.op(), Option.none(), st.expect(), Option.none(), st.note())),
                Option.none());
    }
}
