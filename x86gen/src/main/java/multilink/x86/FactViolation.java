package multilink.x86;

/**
 * One image fact that does not hold: the fact's name (a constant of {@link StructuralFacts} or {@link FrameFacts})
 * and what was seen.
 */
public record FactViolation(String fact, String detail) {
    @Override
    public String toString() {
        return fact + ": " + detail;
    }
}
