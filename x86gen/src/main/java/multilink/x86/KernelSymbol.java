package multilink.x86;

import io.vavr.control.Option;

/** Kernel functions a trampoline calls or jumps to; Java names are the kernel symbols without leading underscores. */
public enum KernelSymbol {
    BPF_PROG_ENTER("__bpf_prog_enter"),
    BPF_PROG_EXIT("__bpf_prog_exit"),
    BPF_PROG_ENTER_RECUR("__bpf_prog_enter_recur"),
    BPF_PROG_EXIT_RECUR("__bpf_prog_exit_recur"),
    BPF_PROG_ENTER_SLEEPABLE("__bpf_prog_enter_sleepable"),
    BPF_PROG_EXIT_SLEEPABLE("__bpf_prog_exit_sleepable"),
    BPF_PROG_ENTER_SLEEPABLE_RECUR("__bpf_prog_enter_sleepable_recur"),
    BPF_PROG_EXIT_SLEEPABLE_RECUR("__bpf_prog_exit_sleepable_recur"),
    BPF_TRAMP_ENTER("__bpf_tramp_enter"),
    BPF_TRAMP_EXIT("__bpf_tramp_exit"),
    X86_RETURN_THUNK("__x86_return_thunk");

    private final String symbol;

    KernelSymbol(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public static Option<KernelSymbol> bySymbol(String name) {
        for (KernelSymbol s : values()) {
            if (s.symbol.equals(name)) {
                return Option.some(s);
            }
        }
        return Option.none();
    }

    /** bpf_trampoline_enter(): _recur for tracing programs, plain for struct_ops, sleepable variants by the bit. */
    static KernelSymbol enter(TrampolineKind kind, boolean sleepable) {
        if (kind == TrampolineKind.TRACING) {
            return sleepable ? BPF_PROG_ENTER_SLEEPABLE_RECUR : BPF_PROG_ENTER_RECUR;
        }
        return sleepable ? BPF_PROG_ENTER_SLEEPABLE : BPF_PROG_ENTER;
    }

    /** bpf_trampoline_exit(): the partner of {@link #enter}. */
    static KernelSymbol exit(TrampolineKind kind, boolean sleepable) {
        if (kind == TrampolineKind.TRACING) {
            return sleepable ? BPF_PROG_EXIT_SLEEPABLE_RECUR : BPF_PROG_EXIT_RECUR;
        }
        return sleepable ? BPF_PROG_EXIT_SLEEPABLE : BPF_PROG_EXIT;
    }
}
