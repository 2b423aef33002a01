package multilink.model.step;

import io.vavr.control.Option;

/** One syscall with an optional injected fault. */
public record Step(Op op, Option<Fault> fault) {
    public static Step of(Op op) {
        return new Step(op, Option.none());
    }

    public static Step faulty(Op op, FaultPoint point, int hit) {
        return new Step(op, Option.of(new Fault(point, hit)));
    }

    @Override
    public String toString() {
        return op + fault.map(f -> " !" + f).getOrElse("");
    }
}
