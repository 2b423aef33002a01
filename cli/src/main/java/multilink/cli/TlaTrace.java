package multilink.cli;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.model.step.Step;

/**
 * The fourth form of a counterexample: a TLA+ module TLC replays as a
 * behaviour of the spec. TODO(spec): the spec module will provide
 * {@code List<Step> -> TLA+ module}; until then this returns nothing and
 * check writes no .tla file (and says so).
 */
public final class TlaTrace {
    private TlaTrace() {
    }

    public static Option<String> module(multilink.model.design.Design design, List<Step> trace) {
        return Option.none();
    }
}
