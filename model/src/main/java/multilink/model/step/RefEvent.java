package multilink.model.step;

/**
 * A reference or allocation event a syscall made: the kernel function, the
 * object and the object's count afterwards (-1 where the object is gone).
 */
public record RefEvent(String call, String object, int after) {
    @Override
    public String toString() {
        return call + "(" + object + ")" + (after >= 0 ? "=" + after : "");
    }
}
