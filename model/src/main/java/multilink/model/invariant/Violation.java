package multilink.model.invariant;

/**
 * An invariant that does not hold: which one, about which object, what the
 * kernel rule expects and what the state has.
 */
public record Violation(String invariant, String object, String expected, String actual) {
    @Override
    public String toString() {
        return invariant + ": " + object + ": expected " + expected + ", got " + actual;
    }
}
