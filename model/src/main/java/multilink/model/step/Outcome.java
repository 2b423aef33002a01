package multilink.model.step;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.state.KState;

/**
 * What one syscall did: the next state, its errno, the reference events in
 * order, the id of the prog or link it created, whether the step's fault
 * fired, and how often the syscall passed each fault point (so a generator
 * can aim faults at points a step really passes).
 */
public record Outcome(KState state, Errno errno, List<RefEvent> events, Option<Integer> created,
                      boolean faultFired, Map<FaultPoint, Integer> passes) {
}
