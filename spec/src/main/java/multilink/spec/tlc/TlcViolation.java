package multilink.spec.tlc;

import io.vavr.collection.List;

/**
 * What TLC reported as violated, with the behaviour that leads there.
 *
 * @param kind    "invariant", "property", "deadlock" or "assumption"
 * @param name    the invariant or property name as the config lists it; empty for a deadlock
 * @param message TLC's own words
 * @param trace   the error trace, initial state first
 */
public record TlcViolation(String kind, String name, String message, List<TraceState> trace) {
}
