package multilink.x86;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;

/**
 * Reads a trampoline configuration written in the kernel's terms (see README.md for the format). Errors are one
 * line naming the offending field; unknown fields are errors; absent addresses become placeholders.
 */
public final class ConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TOP = HashSet.of("profile", "cpu", "kind", "model", "flags", "links", "im",
            "image", "func_addr", "symbols");
    private static final Set<String> CPU = HashSet.of("return_thunk", "ibt", "sls");
    private static final Set<String> MODEL = HashSet.of("nr_args", "arg_size", "arg_flags", "ret_size", "ret_flags",
            "arg_regs");
    private static final Set<String> LINKS = HashSet.of("fentry", "fexit", "fmod_ret");
    private static final Set<String> LINK = HashSet.of("prog", "bpf_func", "cookie", "sleepable");

    private ConfigJson() {
    }

    public static Either<String, TrampolineConfig> parse(String json) {
        return Try.of(() -> MAPPER.readTree(json))
                .toEither()
                .mapLeft(e -> "not JSON: " + firstLine(e.getMessage()))
                .flatMap(root -> root != null && root.isObject() ? Either.right(root) : Either.left("top level: expected an object"))
                .flatMap(ConfigJson::config);
    }

    /** The configuration as JSON that {@link #parse} reads back to an equal configuration. */
    public static String write(TrampolineConfig config) {
        return ConfigJsonWriter.write(config);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n")[0];
    }

    private static Either<String, TrampolineConfig> config(JsonNode root) {
        return unknown(root, TOP, "")
                .flatMap(x -> profile(root.get("profile")))
                .flatMap(profile -> cpu(root.get("cpu"))
                        .flatMap(cpu -> kind(root.get("kind"))
                                .flatMap(kind -> model(root.get("model"))
                                        .flatMap(model -> number(root.get("flags"), "flags", false)
                                                .flatMap(flags -> links(root.get("links"))
                                                        .flatMap(links -> addresses(root)
                                                                .map(a -> new TrampolineConfig(profile, cpu, kind, model,
                                                                        (int) (long) flags.get(), links, a))))))));
    }

    private static Either<String, Object> unknown(JsonNode node, Set<String> allowed, String where) {
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                return Either.left("unknown field: " + where + f);
            }
        }
        return Either.right(node);
    }

    private static Either<String, KernelProfile> profile(JsonNode n) {
        if (n == null) {
            return Either.right(KernelProfile.MAINLINE);
        }
        return KernelProfile.byLabel(n.asText()).toEither("profile: expected " + KernelProfile.labels() + ", got " + n);
    }

    private static Either<String, TrampolineKind> kind(JsonNode n) {
        if (n == null || n.asText().equals("tracing")) {
            return Either.right(TrampolineKind.TRACING);
        }
        return n.asText().equals("struct_ops") ? Either.right(TrampolineKind.STRUCT_OPS)
                : Either.left("kind: expected tracing or struct_ops, got " + n);
    }

    private static Either<String, CpuFeatures> cpu(JsonNode n) {
        if (n == null) {
            return Either.right(CpuFeatures.DEFAULT);
        }
        return unknown(n, CPU, "cpu.")
                .flatMap(x -> bool(n, "return_thunk", "cpu.", CpuFeatures.DEFAULT.returnThunk())
                        .flatMap(rt -> bool(n, "ibt", "cpu.", CpuFeatures.DEFAULT.ibt())
                                .flatMap(ibt -> bool(n, "sls", "cpu.", CpuFeatures.DEFAULT.sls())
                                        .map(sls -> new CpuFeatures(rt, ibt, sls)))));
    }

    private static Either<String, Boolean> bool(JsonNode parent, String field, String where, boolean dflt) {
        JsonNode n = parent.get(field);
        if (n == null) {
            return Either.right(dflt);
        }
        return n.isBoolean() ? Either.right(n.asBoolean()) : Either.left(where + field + ": expected true or false");
    }

    private static Either<String, FuncModel> model(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Either.left("model: expected an object with nr_args, arg_size, arg_flags, ret_size, ret_flags (arg_regs "
                    + "for an SDT probe)");
        }
        return unknown(n, MODEL, "model.")
                .flatMap(x -> number(n.get("nr_args"), "model.nr_args", false))
                .flatMap(nr -> ints(n.get("arg_size"), "model.arg_size", nr.get().intValue())
                        .flatMap(sizes -> ints(n.get("arg_flags"), "model.arg_flags", nr.get().intValue())
                                .flatMap(flags -> number(n.get("ret_size"), "model.ret_size", true)
                                        .flatMap(rs -> number(n.get("ret_flags"), "model.ret_flags", true)
                                                .flatMap(rf -> argRegs(n.get("arg_regs"), nr.get().intValue())
                                                        .map(regs -> new FuncModel(nr.get().intValue(), sizes, flags,
                                                                rs.getOrElse(0L).intValue(), rf.getOrElse(0L).intValue(),
                                                                regs)))))));
    }

    /**
     * arg_regs (SDT probes, seed 004): optional, absent for every other trampoline; when given, the BPF register
     * number of each argument. Which numbers are allowed is the generator's check (EINVAL), as for arg_size.
     */
    private static Either<String, List<Integer>> argRegs(JsonNode n, int nrArgs) {
        return n == null ? Either.right(List.empty()) : ints(n, "model.arg_regs", nrArgs);
    }

    private static Either<String, List<Integer>> ints(JsonNode n, String where, int expected) {
        if (n == null && expected == 0) {
            return Either.right(List.empty());
        }
        if (n == null || !n.isArray()) {
            return Either.left(where + ": expected an array of " + expected + " numbers");
        }
        if (n.size() != expected) {
            return Either.left(where + ": expected " + expected + " entries (nr_args), got " + n.size());
        }
        List<Integer> out = List.empty();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).canConvertToInt()) {
                return Either.left(where + "[" + i + "]: expected a number");
            }
            out = out.append(n.get(i).asInt());
        }
        return Either.right(out);
    }

    /** A number given as JSON number or as "0x..." / decimal string; unsigned 64-bit. */
    private static Either<String, Option<Long>> number(JsonNode n, String where, boolean optional) {
        if (n == null) {
            return optional ? Either.right(Option.none()) : Either.left(where + ": missing");
        }
        if (n.isIntegralNumber()) {
            return Either.right(Option.some(n.asLong()));
        }
        String s = n.asText().trim();
        Try<Long> v = s.startsWith("0x") || s.startsWith("0X")
                ? Try.of(() -> Long.parseUnsignedLong(s.substring(2), 16))
                : Try.of(() -> Long.parseUnsignedLong(s));
        return v.toEither().map(Option::some).mapLeft(e -> where + ": expected a number or \"0x...\", got " + n);
    }

    private static Either<String, TrampLinks> links(JsonNode n) {
        if (n == null) {
            return Either.right(TrampLinks.NONE);
        }
        return unknown(n, LINKS, "links.")
                .flatMap(x -> linkList(n.get("fentry"), "links.fentry")
                        .flatMap(fentry -> linkList(n.get("fexit"), "links.fexit")
                                .flatMap(fexit -> linkList(n.get("fmod_ret"), "links.fmod_ret")
                                        .map(fmodRet -> new TrampLinks(fentry, fexit, fmodRet)))));
    }

    private static Either<String, List<BpfTrampLink>> linkList(JsonNode n, String where) {
        if (n == null) {
            return Either.right(List.empty());
        }
        if (!n.isArray()) {
            return Either.left(where + ": expected an array");
        }
        Either<String, List<BpfTrampLink>> acc = Either.right(List.empty());
        for (int i = 0; i < n.size(); i++) {
            String w = where + "[" + i + "]";
            JsonNode l = n.get(i);
            acc = acc.flatMap(list -> link(l, w).map(list::append));
        }
        return acc;
    }

    private static Either<String, BpfTrampLink> link(JsonNode l, String w) {
        return unknown(l, LINK, w + ".")
                .flatMap(x -> number(l.get("prog"), w + ".prog", true))
                .flatMap(prog -> number(l.get("bpf_func"), w + ".bpf_func", true)
                        .flatMap(func -> number(l.get("cookie"), w + ".cookie", true)
                                .flatMap(cookie -> bool(l, "sleepable", w + ".", false)
                                        .map(sl -> new BpfTrampLink(prog, func, cookie.getOrElse(0L), sl)))));
    }

    private static Either<String, Addresses> addresses(JsonNode root) {
        return number(root.get("image"), "image", true)
                .flatMap(image -> number(root.get("im"), "im", true)
                        .flatMap(im -> number(root.get("func_addr"), "func_addr", true)
                                .flatMap(func -> symbols(root.get("symbols"))
                                        .map(sym -> new Addresses(image, im, func, sym)))));
    }

    private static Either<String, Map<KernelSymbol, Long>> symbols(JsonNode n) {
        if (n == null) {
            return Either.right(HashMap.empty());
        }
        Either<String, Map<KernelSymbol, Long>> acc = Either.right(HashMap.empty());
        for (var it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            String where = "symbols." + e.getKey();
            Option<KernelSymbol> sym = KernelSymbol.bySymbol(e.getKey());
            if (sym.isEmpty()) {
                return Either.left("unknown field: " + where);
            }
            acc = acc.flatMap(m -> number(e.getValue(), where, false).map(v -> m.put(sym.get(), v.get())));
        }
        return acc;
    }
}
