package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Try;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** BPF_TRAMP_F_* bits as include/linux/bpf.h defines them; the Java name drops the BPF_TRAMP_F_ prefix. */
public enum TrampFlag {
    RESTORE_REGS(0),
    CALL_ORIG(1),
    SKIP_FRAME(2),
    IP_ARG(3),
    RET_FENTRY_RET(4),
    ORIG_STACK(5),
    SHARE_IPMODIFY(6),
    TAIL_CALL_CTX(7),
    INDIRECT(8),
    /**
     * The trampoline is called from an SDT probe site inside a JITed BPF program: its arguments are in the BPF
     * registers {@code btf_func_model.arg_regs[]} names, not in ABI order (seed 004, include/linux/bpf.h hunk; an
     * RFC, known to {@link KernelProfile#MAINLINE} only).
     */
    SDT_PROBE(9);

    private final int bit;

    TrampFlag(int bit) {
        this.bit = bit;
    }

    public int mask() {
        return 1 << bit;
    }

    public String kernelName() {
        return "BPF_TRAMP_F_" + name();
    }

    public static int maskOf(Set<TrampFlag> flags) {
        int m = 0;
        for (TrampFlag f : flags) {
            m |= f.mask();
        }
        return m;
    }

    /** Flags set in {@code mask}; bits that name no flag are ignored here and checked by the validator. */
    public static Set<TrampFlag> fromMask(int mask) {
        EnumSet<TrampFlag> set = EnumSet.noneOf(TrampFlag.class);
        for (TrampFlag f : values()) {
            if ((mask & f.mask()) != 0) {
                set.add(f);
            }
        }
        return set;
    }

    public static int allBits() {
        return maskOf(EnumSet.allOf(TrampFlag.class));
    }

    /**
     * A flag list as a user writes it: comma-separated {@code BPF_TRAMP_F_} names (the prefix optional, any case)
     * and numeric masks ({@code 0x..} or decimal), OR-ed together. Bits no flag names pass through for the
     * validator to refuse as the kernel would.
     */
    public static Either<String, Integer> parse(String spec) {
        int mask = 0;
        for (String raw : spec.split(",", -1)) {
            Either<String, Integer> one = parseOne(raw.trim());
            if (one.isLeft()) {
                return one;
            }
            mask |= one.get();
        }
        return Either.right(mask);
    }

    private static Either<String, Integer> parseOne(String token) {
        if (token.isEmpty()) {
            return Either.left("empty flag name");
        }
        if (Character.isDigit(token.charAt(0))) {
            boolean hex = token.startsWith("0x") || token.startsWith("0X");
            return Try.of(() -> Integer.parseUnsignedInt(hex ? token.substring(2) : token, hex ? 16 : 10))
                    .toEither("bad flag mask \"" + token + "\"");
        }
        String name = token.toUpperCase(Locale.ROOT).replaceFirst("^BPF_TRAMP_F_", "");
        return List.of(values()).find(f -> f.name().equals(name)).map(TrampFlag::mask)
                .toEither(() -> "unknown flag \"" + token + "\" (known: "
                        + List.of(values()).map(TrampFlag::name).mkString(", ") + ", or a mask such as 0x3)");
    }
}
