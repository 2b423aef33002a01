package multilink.model.step;

/** Fail the {@code hit}-th time (1-based) the syscall reaches {@code point}. */
public record Fault(FaultPoint point, int hit) {
    @Override
    public String toString() {
        return point + "#" + hit;
    }
}
