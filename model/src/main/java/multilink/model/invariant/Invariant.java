package multilink.model.invariant;

import io.vavr.collection.List;
import multilink.model.state.KState;

/**
 * A named predicate over a kernel state. {@code id} is stable: the TLA+ spec,
 * traces and docs use the same one.
 */
public record Invariant(String id, String rule, java.util.function.Function<KState, List<Violation>> predicate) {
    public List<Violation> check(KState s) {
        return predicate.apply(s);
    }
}
