package multilink.live;

import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import multilink.x86.FuncModel;

import java.util.Random;
import java.util.regex.Pattern;

/**
 * The guest kernel's functions a configuration can be attached to, by the btf_func_model the kernel distills from
 * their BTF (btf_distill_func_proto(): pointers 8 bytes, ints and enums their size, structs and unions up to 16
 * bytes with BTF_FMODEL_STRUCT_ARG; no varargs, floats or struct returns; at most 12 arguments).
 *
 * <p>A candidate must be patchable by ftrace (listed once in available_filter_functions: a name listed twice is two
 * static functions, and kallsyms_lookup_name() would pick either) and have one BTF prototype. Functions the
 * harness's own attach path or the scheduler run through are left out ({@link #RISKY}): a trampoline there would
 * run on every context switch or inside text patching, slowing an emulated guest to a crawl or worse; the bytes
 * of their trampolines are no different. fmod_ret needs a {@code security_*} hook: Debian's kernels have no
 * CONFIG_FUNCTION_ERROR_INJECTION, so check_attach_modify_return() allows nothing else.
 */
public final class TargetCatalogue {
    static final Pattern RISKY = Pattern.compile(
            "^(?!bpf_fentry_test)(bpf_|__bpf|_raw_|raw_|rcu|__rcu|preempt|irq|__irq|trace|__trace|ftrace|text_poke"
            + "|schedule|__schedule|sched|__sched|native_|pv_|paravirt|do_idle|cpuidle|default_idle|arch_|__switch"
            + "|switch_|finish_task_switch|lock|__lock|unlock|mutex|__mutex|down|up|spin|queued_|perf_|printk|vprintk"
            + "|_printk|console|serial|uart|tty|kmem_cache|kmalloc|__kmalloc|kfree|vfree|vmalloc|__vmalloc|memcpy"
            + "|memset|memmove|copy_|__copy|nmi|exc_|asm_|do_int3|poke_|smp_|tick|hrtimer|ktime|clock|timekeeping"
            + "|update_|wake|try_to_wake|__wake|kthread|worker|process_one_work|task_|__task|migrate|__x64_sys"
            + "|syscall|do_syscall|entry_|ret_from|fpu|x86_|__x86|kprobe|kallsyms|module|jump_label|static_call|mem"
            + "|__mem|page|__page|folio|alloc|__alloc|free|__free|slab|kasan|kmsan|stack|unwind|percpu|pcpu"
            + "|security_bpf|security_perf|security_file_ioctl|security_capable|security_task).*");
    static final String FMOD_RET_PREFIX = "security_";

    private final Map<FuncModel, List<String>> byModel;
    private final Map<FuncModel, List<String>> hooksByModel;
    private final List<String> structReturns;

    private TargetCatalogue(Map<FuncModel, List<String>> byModel, Map<FuncModel, List<String>> hooksByModel,
                            List<String> structReturns) {
        this.byModel = byModel;
        this.hooksByModel = hooksByModel;
        this.structReturns = structReturns;
    }

    /**
     * @param funcs     btf_funcs output: "NAME RET ARG..." with shapes CLASS:SIZE
     * @param traceable available_filter_functions names, duplicates kept
     */
    public static TargetCatalogue of(List<String> funcs, List<String> traceable) {
        Map<String, Integer> listed = traceable.groupBy(s -> s).mapValues(List::size);
        Map<String, Integer> protos = funcs.map(l -> l.split(" ", 2)[0]).groupBy(s -> s).mapValues(List::size);
        java.util.Map<FuncModel, java.util.List<String>> all = new java.util.LinkedHashMap<>();
        java.util.Map<FuncModel, java.util.List<String>> hooks = new java.util.LinkedHashMap<>();
        Set<String> seen = HashSet.empty();
        java.util.List<String> structReturns = new java.util.ArrayList<>();
        for (String line : funcs) {
            String[] w = line.split(" ");
            String name = w[0];
            if (seen.contains(name) || listed.get(name).getOrElse(0) != 1 || protos.get(name).getOrElse(0) != 1
                    || RISKY.matcher(name).matches()) {
                continue;
            }
            seen = seen.add(name);
            List<String> shapes = List.of(w).tail();
            Option<FuncModel> m = distill(shapes);
            if (m.isEmpty()) {
                if (shapes.head().startsWith("s:") && distill(shapes.tail().prepend("v:0")).isDefined()) {
                    structReturns.add(name);
                }
                continue;
            }
            all.computeIfAbsent(m.get(), k -> new java.util.ArrayList<>()).add(name);
            if (name.startsWith(FMOD_RET_PREFIX)) {
                hooks.computeIfAbsent(m.get(), k -> new java.util.ArrayList<>()).add(name);
            }
        }
        return new TargetCatalogue(freeze(all), freeze(hooks), List.ofAll(structReturns).sorted());
    }

    private static Map<FuncModel, List<String>> freeze(java.util.Map<FuncModel, java.util.List<String>> m) {
        Map<FuncModel, List<String>> out = HashMap.empty();
        for (var e : m.entrySet()) {
            out = out.put(e.getKey(), List.ofAll(e.getValue()).sorted());
        }
        return out;
    }

    /**
     * The model btf_distill_func_proto() gives for shapes "RET ARG..." (CLASS:SIZE), or none where it refuses.
     * BTF_FMODEL_SIGNED_ARG (6.12) is left out: x86 trampolines do not read it and the sampler does not draw it.
     */
    static Option<FuncModel> distill(List<String> shapes) {
        if (shapes.isEmpty() || shapes.size() - 1 > 12) {
            return Option.none();
        }
        String[] ret = shapes.head().split(":");
        int retSize;
        switch (ret[0]) {
            case "v" -> retSize = 0;
            case "i", "u", "p", "e" -> retSize = Integer.parseInt(ret[1]);
            default -> {
                return Option.none();
            }
        }
        List<Integer> sizes = List.empty();
        List<Integer> flags = List.empty();
        for (String s : shapes.tail()) {
            String[] a = s.split(":");
            int size = Integer.parseInt(a[1]);
            switch (a[0]) {
                case "i", "u", "p", "e" -> {
                    sizes = sizes.append(size);
                    flags = flags.append(0);
                }
                case "s", "n" -> {
                    if (size == 0 || size > 16) {
                        return Option.none();
                    }
                    sizes = sizes.append(size);
                    flags = flags.append(FuncModel.BTF_FMODEL_STRUCT_ARG);
                }
                default -> {
                    return Option.none();
                }
            }
        }
        return Option.of(new FuncModel(sizes.size(), sizes, flags, retSize, 0));
    }

    /** A function with exactly this model (a security hook when fmod_ret programs are attached), drawn by rnd. */
    public Option<String> pick(FuncModel m, boolean fmodRet, Random rnd) {
        List<String> c = (fmodRet ? hooksByModel : byModel).get(m).getOrElse(List.empty());
        return c.isEmpty() ? Option.none() : Option.of(c.get(rnd.nextInt(c.size())));
    }

    /** The first function (by name) whose model passes {@code p}, with that model: probes of chosen shapes. */
    public Option<io.vavr.Tuple2<String, FuncModel>> first(java.util.function.Predicate<FuncModel> p) {
        return byModel.filterKeys(p::test).flatMap(e -> e._2.map(n -> io.vavr.Tuple.of(n, e._1)))
                .toList().sortBy(t -> t._1).headOption();
    }

    /** Functions returning a struct by value, whose arguments alone would be accepted. */
    public List<String> structReturns() {
        return structReturns;
    }

    public int size() {
        return byModel.values().map(List::size).sum().intValue();
    }
}
