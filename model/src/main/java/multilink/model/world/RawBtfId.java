package multilink.model.world;

import io.vavr.control.Option;

/**
 * A BTF id written as a number instead of a function's name: 0, or the id of
 * a type that is no function (a struct, a typedef). It stands for a
 * {@link Target.Func} no world has, named {@code btf_id:N}, so every check
 * that looks a function up fails where the kernel's "not a FUNC" check does
 * (-EINVAL, {@code bpf_check_attach_target}, kernel/bpf/verifier.c:22551-22565
 * and 22740-22745 in 6.12). Where the kernel tests id 0 before anything else
 * (seed 001's {@code bpf_tracing_multi_link_check}: "any id 0 -> -EINVAL",
 * before the link is allocated) a design asks {@link #isZero}.
 */
public final class RawBtfId {
    public static final String PREFIX = "btf_id:";

    private RawBtfId() {
    }

    public static Target.Func of(long id) {
        return new Target.Func(PREFIX + id);
    }

    /** The number, if this target is a raw id. */
    public static Option<Long> value(Target t) {
        if (t instanceof Target.Func f && f.name().startsWith(PREFIX)) {
            try {
                return Option.of(Long.parseLong(f.name().substring(PREFIX.length())));
            } catch (NumberFormatException e) {
                return Option.none();
            }
        }
        return Option.none();
    }

    public static boolean isZero(Target t) {
        return value(t).contains(0L);
    }
}
