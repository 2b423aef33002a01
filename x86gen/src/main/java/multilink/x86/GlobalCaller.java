package multilink.x86;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The global trampoline's entry, {@code bpf_global_caller_<n>}, of the tracing-multi v2 series (seed 003 v2 02/18,
 * "x86,bpf: add bpf_global_caller for global trampoline", 2025-07-03). It is not JITed: {@code CALLER_DEFINE(name,
 * nr_args)} in arch/x86/net/bpf_jit_comp.c makes a {@code __naked} C function whose body is four asm statements,
 * one per argument count 0..6, compiled into vmlinux. This class gives the bytes the assembler makes of them:
 *
 * <pre>
 *   [endbr64]                        under CONFIG_X86_KERNEL_IBT (the compiler's, see NakedCompiler)
 *   sub rsp, 0x48                    stack_size = 8 + 8 + 6 * 8 + 8
 *   mov [rsp+16+8k], argreg_k        SAVE_ARGS_n, k = 0..n-1: the array args[] starts at FUNC_ARGS_1 = 16
 *   lea rdi, [rsp+0x10]              args
 *   lea rsi, [rsp+0x48]              ip: the address of the return address into the traced function
 *   call bpf_global_caller_n_run     bpf_global_caller_run(args, ip, n), the C part
 *   test rax, rax
 *   jne 1f                           1: the runner called the original function (fexit / fmod_ret)
 *   mov argreg_k, [rsp+16+8k]        RESTORE_ARGS_n
 *   add rsp, 0x48
 *   ASM_RET                          back into the traced function, after its fentry call
 * 1:
 *   mov rax, [rsp+16+8n]             FUNC_ARGS_n + 8: args[n], the return value the runner stored
 *   add rsp, 0x50                    stack_size + 8: also drops the return address into the traced function
 *   ASM_RET                          to the traced function's caller
 *   [ud2]                            gcc only (NakedCompiler)
 * </pre>
 *
 * What the runner does is modelled at the metadata level only ({@link GlobalCallerFacts} holds it to its contract);
 * see the README section "Global caller (seed 003)".
 */
public final class GlobalCaller {
    /** CALLER_DEFINE(bpf_global_caller_0 .. _6): the patch defines variants for 0..6 argument registers. */
    public static final int MAX_VARIANT = 6;
    /** {@code #define stack_size __stringify(8 + 8 + 6 * 8 + 8)}: return value, 6 arguments, count, origin ip. */
    public static final int STACK_SIZE = 8 + 8 + 6 * 8 + 8;
    /** MAX_BPF_FUNC_ARGS (6.12 include/linux/bpf.h:1051): bpf_gloabl_caller_array has this + 1 entries. */
    public static final int MAX_BPF_FUNC_ARGS = 12;
    /** Placeholder of bpf_global_caller_n (kernel text): 0xffffffff81200000 + 0x100 * n. */
    public static final long PLACEHOLDER_IMAGE = 0xffffffff81200000L;
    /** Placeholder of bpf_global_caller_n_run: 0xffffffff81210000 + 0x100 * n. */
    public static final long PLACEHOLDER_RUN = 0xffffffff81210000L;

    private GlobalCaller() {
    }

    /** {@code FUNC_ARGS_k = (2 + k - 1) * 8}: the rsp offset of args[k - 1]; FUNC_ARGS_0 = 8 is args[-1]. */
    static int funcArgs(int k) {
        return (2 + k - 1) * 8;
    }

    public static String symbol(int n) {
        return "bpf_global_caller_" + n;
    }

    public static String runSymbol(int n) {
        return symbol(n) + "_run";
    }

    public static Either<KernelError, GlobalCallerImage> generate(GlobalCallerConfig c) {
        return generate(c, Mutation.NONE);
    }

    static Either<KernelError, GlobalCallerImage> generate(GlobalCallerConfig c, Mutation mutation) {
        return checkVariant(c.nrArgs()).flatMap(n -> emit(c, mutation));
    }

    /**
     * arch_bpf_get_regs_nr() (seed 003 v2 10/18): one register per argument, plus {@code (arg_size + 7) / 8 - 1}
     * for each struct argument. bpf_tracing_prog_attach_multi() stores it as the entry's nr_args (seed 003 v2
     * 11/18), so it picks the variant.
     */
    public static int regsNr(FuncModel m) {
        int nr = m.nrArgs();
        for (int i = 0; i < m.nrArgs(); i++) {
            if (m.isStruct(i)) {
                nr += (m.size(i) + 7) / 8 - 1;
            }
        }
        return nr;
    }

    /**
     * The global_tr_array index a traced function with model {@code m} uses, or bpf_gtrampoline_link_prog()'s
     * -EOPNOTSUPP when {@code nr_args > MAX_BPF_FUNC_ARGS || !global_tr_array[nr_args].image} (seed 003 v2 05/18):
     * bpf_gloabl_caller_array (v2 02/18) fills entries 0..6 only, so a function needing 7..12 registers (stack
     * arguments) has no global caller.
     */
    public static Either<KernelError, Integer> variantFor(FuncModel m) {
        return checkVariant(regsNr(m));
    }

    private static Either<KernelError, Integer> checkVariant(int n) {
        if (n < 0) {
            return Either.left(KernelError.of(Errno.EINVAL, "nr_args " + n + " is not a register count"));
        }
        if (n > MAX_BPF_FUNC_ARGS) {
            return Either.left(KernelError.of(Errno.EOPNOTSUPP, "nr_args " + n + " > MAX_BPF_FUNC_ARGS ("
                    + MAX_BPF_FUNC_ARGS + "), bpf_gtrampoline_link_prog() (seed 003 v2 05/18)"));
        }
        if (n > MAX_VARIANT) {
            return Either.left(KernelError.of(Errno.EOPNOTSUPP, "global_tr_array[" + n + "].image is NULL: "
                    + "bpf_global_caller_0.." + MAX_VARIANT + " only (seed 003 v2 02/18, 05/18)"));
        }
        return Either.right(n);
    }

    /**
     * {@code origin_ip = (*ip) & 0xfffffffffffffff0} in bpf_global_caller_run(): the kfunc_md key and the value
     * stored for bpf_get_func_ip(). *ip is the return address of the fentry call (the function + 5, + 9 after an
     * endbr64), so this is the function's address only for a 16-byte aligned function whose call ends within its
     * first 16 bytes (an assumption of the patch; README).
     */
    public static long originIp(long returnAddress) {
        return returnAddress & 0xfffffffffffffff0L;
    }

    private static Either<KernelError, GlobalCallerImage> emit(GlobalCallerConfig c, Mutation mutation) {
        int n = c.nrArgs();
        long image = c.image().getOrElse(PLACEHOLDER_IMAGE + 0x100L * n);
        long run = c.run().getOrElse(PLACEHOLDER_RUN + 0x100L * n);
        long thunk = c.returnThunk().getOrElse(Placeholders.helper(KernelSymbol.X86_RETURN_THUNK));
        List<String> placeholders = List.of(
                c.image().isEmpty() ? Option.some(symbol(n)) : Option.<String>none(),
                c.run().isEmpty() ? Option.some(runSymbol(n)) : Option.<String>none(),
                c.returnThunk().isEmpty() && c.cpu().returnThunk()
                        ? Option.some(KernelSymbol.X86_RETURN_THUNK.symbol()) : Option.<String>none())
                .flatMap(o -> o);
        Emitter e = new Emitter(image, KernelProfile.MAINLINE, mutation, symbol(n));
        if (c.cpu().ibt()) {
            // -fcf-protection=branch (CONFIG_X86_KERNEL_IBT) gives a naked function an endbr64 too (NakedCompiler)
            e.endbr();
        }
        // first asm statement: "subq $stack_size, %rsp" SAVE_ARGS_##nr_args
        e.subRsp(STACK_SIZE);
        for (int k = 0; k < n; k++) {
            e.storeRsp(Reg.ARGS[k], funcArgs(k + 1));
        }
        // second: leaq FUNC_ARGS_1(%rsp), %rdi; leaq stack_size(%rsp), %rsi; call name_run; test; jne 1f
        e.leaRsp(Reg.RDI, funcArgs(1));
        e.leaRsp(Reg.RSI, STACK_SIZE);
        e.call(run, Relocation.Kind.GLOBAL_CALLER_RUN, runSymbol(n));
        e.test(Reg.RAX);
        int jne = e.reserve(2);
        // third: RESTORE_ARGS_##nr_args; addq $stack_size, %rsp; ASM_RET
        for (int k = 0; k < n; k++) {
            e.loadRsp(Reg.ARGS[k], funcArgs(k + 1));
        }
        e.addRsp(STACK_SIZE);
        e.returnSequence(c.cpu(), thunk);
        // fourth: 1: movq FUNC_ARGS_##nr_args + 8(%rsp), %rax; addq $(stack_size + 8), %rsp; ASM_RET
        e.patchJcc(jne, "jne", e.offset());
        e.loadRsp(Reg.RAX, funcArgs(n) + (mutation == Mutation.GC_RETVAL_AT_LAST_ARG ? 0 : 8));
        e.addRsp(STACK_SIZE + 8);
        e.returnSequence(c.cpu(), thunk);
        if (c.compiler().trapAfterBody()) {
            e.ud2();
        }
        if (e.failure().isDefined()) {
            return Either.left(e.failure().get());
        }
        return Either.right(new GlobalCallerImage(c, e.insns(), e.relocations(), image, placeholders));
    }

    /**
     * Reads {@link GlobalCallerConfig#line()}: {@code global_caller nr_args=N} then optional {@code key=value}
     * fields (return_thunk, ibt, sls: true/false; compiler: gcc/clang; image, run, return_thunk_addr: 0x...).
     * Defaults: CpuFeatures.DEFAULT, gcc, placeholders. Left is one line naming the field.
     */
    public static Either<String, GlobalCallerConfig> parseLine(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length == 0 || !words[0].equals("global_caller")) {
            return Either.left("expected 'global_caller nr_args=N ...'");
        }
        Map<String, String> kv = HashMap.empty();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                return Either.left("expected key=value, got '" + words[i] + "'");
            }
            kv = kv.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        List<String> known = List.of("nr_args", "return_thunk", "ibt", "sls", "compiler", "image", "run",
                "return_thunk_addr");
        Option<String> unknown = kv.keySet().toList().sorted().find(k -> !known.contains(k));
        if (unknown.isDefined()) {
            return Either.left("unknown field '" + unknown.get() + "' (known: " + known.mkString(", ") + ")");
        }
        if (!kv.containsKey("nr_args")) {
            return Either.left("nr_args missing");
        }
        Map<String, String> f = kv;
        return integer("nr_args", f.get("nr_args").get())
                .flatMap(n -> bool(f, "return_thunk", CpuFeatures.DEFAULT.returnThunk())
                .flatMap(rt -> bool(f, "ibt", CpuFeatures.DEFAULT.ibt())
                .flatMap(ibt -> bool(f, "sls", CpuFeatures.DEFAULT.sls())
                .flatMap(sls -> compiler(f)
                .flatMap(cc -> address(f, "image")
                .flatMap(img -> address(f, "run")
                .flatMap(run -> address(f, "return_thunk_addr")
                .map(th -> new GlobalCallerConfig(n, new CpuFeatures(rt, ibt, sls), cc, img, run, th)))))))));
    }

    private static Either<String, Integer> integer(String key, String v) {
        try {
            return Either.right(Integer.parseInt(v));
        } catch (NumberFormatException ex) {
            return Either.left(key + ": expected a number, got '" + v + "'");
        }
    }

    private static Either<String, Boolean> bool(Map<String, String> f, String key, boolean dflt) {
        return f.get(key).map(v -> v.equals("true") ? Either.<String, Boolean>right(true)
                : v.equals("false") ? Either.<String, Boolean>right(false)
                : Either.<String, Boolean>left(key + ": expected true or false, got '" + v + "'"))
                .getOrElse(Either.right(dflt));
    }

    private static Either<String, NakedCompiler> compiler(Map<String, String> f) {
        return f.get("compiler").map(v -> List.of(NakedCompiler.values()).find(cc -> cc.name().equalsIgnoreCase(v))
                .toEither("compiler: expected gcc or clang, got '" + v + "'")).getOrElse(Either.right(NakedCompiler.GCC));
    }

    private static Either<String, Option<Long>> address(Map<String, String> f, String key) {
        return f.get(key).map(v -> {
            if (!v.startsWith("0x")) {
                return Either.<String, Option<Long>>left(key + ": expected 0x..., got '" + v + "'");
            }
            try {
                return Either.<String, Option<Long>>right(Option.some(Long.parseUnsignedLong(v.substring(2), 16)));
            } catch (NumberFormatException ex) {
                return Either.<String, Option<Long>>left(key + ": expected 0x... (64 bits), got '" + v + "'");
            }
        }).getOrElse(Either.right(Option.none()));
    }
}
