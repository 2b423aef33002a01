package multilink.model.step;

import java.util.function.Supplier;

/**
 * A reference or allocation event a syscall made: the kernel function, the
 * object and the object's count afterwards (-1 where the object is gone).
 * The object is rendered only when shown (a trace, a table): every step
 * makes events, few are ever read, and an image renders to a long string.
 *
 * @param subject the object, or a {@link Supplier} of its description
 */
public record RefEvent(String call, Object subject, int after) {

    public String object() {
        return subject instanceof Supplier<?> s ? String.valueOf(s.get()) : String.valueOf(subject);
    }

    @Override
    public String toString() {
        return call + "(" + object() + ")" + (after >= 0 ? "=" + after : "");
    }
}
