package multilink.spec;

import io.vavr.collection.List;
import multilink.model.Errno;
import multilink.model.design.Design;
import multilink.model.step.Step;
import multilink.model.world.World;
import multilink.spec.trace.Replay;

/**
 * A trace as the Java model ran it: the steps, the errno of each, and the ids
 * of the invariants the model reports broken after each (state and
 * transition ones).
 */
public record RecordedTrace(List<Step> steps, List<Errno> errnos, List<List<String>> broken) {

    public static RecordedTrace of(Design design, World world, List<Step> steps) {
        List<Replay.StepResult> r = Replay.run(design, world, steps);
        return new RecordedTrace(steps, r.map(s -> s.outcome().errno()), r.map(Replay.StepResult::broken));
    }

    /** The same trace claiming {@code errno} for step {@code step} (from 1): what a wrong model would record. */
    public RecordedTrace withErrno(int step, Errno errno) {
        return new RecordedTrace(steps, errnos.update(step - 1, errno), broken);
    }

    /** The first {@code n} steps. */
    public RecordedTrace take(int n) {
        return new RecordedTrace(steps.take(n), errnos.take(n), broken.take(n));
    }
}
