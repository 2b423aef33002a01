package multilink.spec.tlc;

import io.vavr.collection.TreeMap;
import multilink.spec.tla.TlaValue;

/**
 * One state of a TLC error trace: its position (1 is the initial state), the
 * action TLC names for the step into it, and the values of the variables.
 */
public record TraceState(int index, String action, TreeMap<String, TlaValue> vars) {
}
