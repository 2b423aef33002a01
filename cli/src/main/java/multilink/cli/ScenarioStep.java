package multilink.cli;

import io.vavr.collection.SortedSet;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.step.Fault;

/**
 * One step of a scenario file: the syscall, an optional injected fault, the
 * errno the author expects, for litmus tests of known hazards the exact set
 * of invariants this step is expected to break, and what the kernel's state
 * must be after it ({@code "assert"}).
 */
public record ScenarioStep(NamedOp op, Option<Fault> fault, Option<Errno> expect,
                           Option<SortedSet<String>> expectViolation, Option<String> note,
                           Option<StateAssertion> check) {

    public ScenarioStep(NamedOp op, Option<Fault> fault, Option<Errno> expect,
                        Option<SortedSet<String>> expectViolation, Option<String> note) {
        this(op, fault, expect, expectViolation, note, Option.none());
    }
}
