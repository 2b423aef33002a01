package multilink.model.design;

import multilink.model.invariant.Violation;

import java.util.regex.Pattern;

/**
 * One way a known finding shows: the invariant it breaks and which objects
 * (a pattern over the violation's object, as {@link Violation#object()}
 * renders it). A finding explains only the violations its symptoms name, so
 * a finding about stale images cannot excuse a leaked module.
 */
public record Symptom(String invariant, Pattern object) {

    public static Symptom of(String invariant, String objectRegex) {
        return new Symptom(invariant, Pattern.compile(objectRegex));
    }

    /** Any object of this invariant. */
    public static Symptom any(String invariant) {
        return of(invariant, ".*");
    }

    public boolean matches(Violation v) {
        return v.invariant().equals(invariant) && object.matcher(v.object()).matches();
    }

    @Override
    public String toString() {
        return invariant + (object.pattern().equals(".*") ? "" : "[" + object.pattern() + "]");
    }
}
