package multilink.model.step;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.state.KState;

/**
 * What one syscall did: the next state, its errno, the reference events in
 * order, and the id of the prog or link it created.
 */
public record Outcome(KState state, Errno errno, List<RefEvent> events, Option<Integer> created) {
}
