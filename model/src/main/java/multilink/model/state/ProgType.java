package multilink.model.state;

import io.vavr.control.Option;

/**
 * A prog's type and expected attach type, folded into one value the way
 * scenarios name them. {@link #TARGET} stands for any non-tracing program that
 * tracing progs can target (an XDP program in the default world).
 */
public enum ProgType {
    FENTRY("fentry", TrampKind.FENTRY, false),
    FEXIT("fexit", TrampKind.FEXIT, false),
    FMOD_RET("fmod_ret", TrampKind.MODIFY_RETURN, false),
    /** BPF_PROG_TYPE_EXT: replaces a subprog through a jump, not a trampoline list. */
    FREPLACE("freplace", TrampKind.REPLACE, false),
    FENTRY_MULTI("fentry_multi", TrampKind.FENTRY, true),
    FEXIT_MULTI("fexit_multi", TrampKind.FEXIT, true),
    FMOD_RET_MULTI("fmod_ret_multi", TrampKind.MODIFY_RETURN, true),
    SDT("sdt", TrampKind.FENTRY, false),
    TARGET("target", TrampKind.NONE, false);

    private final String scenarioName;
    private final TrampKind kind;
    private final boolean multi;

    ProgType(String scenarioName, TrampKind kind, boolean multi) {
        this.scenarioName = scenarioName;
        this.kind = kind;
        this.multi = multi;
    }

    /** {@code bpf_attach_type_to_tramp}: which trampoline list the prog joins. */
    public TrampKind kind() {
        return kind;
    }

    public boolean multi() {
        return multi;
    }

    /** BPF_PROG_TYPE_TRACING (as opposed to EXT or the target). */
    public boolean tracing() {
        return this != FREPLACE && this != TARGET && this != SDT;
    }

    public String scenarioName() {
        return scenarioName;
    }

    public static Option<ProgType> parse(String s) {
        for (ProgType t : values()) {
            if (t.scenarioName.equals(s)) {
                return Option.of(t);
            }
        }
        return Option.none();
    }

    @Override
    public String toString() {
        return scenarioName;
    }
}
