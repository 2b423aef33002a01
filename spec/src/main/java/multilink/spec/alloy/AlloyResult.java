package multilink.spec.alloy;

/**
 * One Alloy command's verdict, as check's table shows it.
 *
 * @param model   {@code keys}, {@code refs} or {@code link} (the Java states checked against refs)
 * @param command the command's name ({@code sdt_observer}, {@code drop_REF_PROG})
 * @param scope   what was searched ({@code scope 3, 5 Int}; for the link, how many states)
 * @param seconds wall time of translation and solving
 * @param result  what came back: {@code no counterexample}, {@code counterexample}, {@code instance}, ...
 * @param finding a known finding's id ({@code H10}) or a short note, or {@code -}
 * @param status  clean, a known finding, or a violation
 * @param verdict the verdict cell: {@code clean}, {@code known finding H10}, {@code VIOLATION ...}
 * @param detail  what to print under the table when it matters: the instance, readably
 */
public record AlloyResult(String model, String command, String scope, double seconds, String result,
                          String finding, Status status, String verdict, String detail) {

    public enum Status {
        CLEAN, KNOWN, VIOLATION
    }

    static AlloyResult of(String model, Outcome o, String finding, Status status, String verdict, String detail) {
        return new AlloyResult(model, o.name(), o.scope(), o.seconds(), o.result(), finding, status, verdict, detail);
    }

    /** The design column: {@code keys sdt-observer}, {@code refs no_dangling}. */
    public String name() {
        return model + " " + (model.equals("keys") ? command.replace('_', '-') : command);
    }

    public String time() {
        return String.format(java.util.Locale.ROOT, "%.2f s", seconds);
    }

    public boolean violation() {
        return status == Status.VIOLATION;
    }
}
