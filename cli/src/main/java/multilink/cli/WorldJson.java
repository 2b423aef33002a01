package multilink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.state.ProgType;
import multilink.model.world.KernelFunc;
import multilink.model.world.RawBtfId;
import multilink.model.world.SdtProbe;
import multilink.model.world.TargetProgDef;
import multilink.model.world.World;

import java.util.Iterator;

/**
 * A world a scenario defines itself, as JSON, both ways. The built-in worlds
 * are presets of the same schema: {@link #write} of a preset reads back
 * through {@link #parse} to the same {@link World}.
 *
 * <pre>
 * {"preset": "default",                      start from a preset (optional), then add:
 *  "functions": [{"name", "args", "returns": "int"|"void"|"ptr", "ftrace", "sleepable",
 *                 "fmod_ret", "noreturn", "deny", "module"}],
 *  "modules": ["m"],                          each with its own BTF "btf:m"
 *  "progs": [{"name", "type": "xdp"|"fentry"|"fexit"|"fmod_ret"|"freplace",
 *             "subprogs": [...], "tail_call_reachable",
 *             "probes": [{"name", "orig_off", "nargs"}]}],   SDT probe sites (seed 004)
 *  "max_tramp_links": 38}
 * </pre>
 */
public final class WorldJson {
    private static final Set<String> TOP = HashSet.of("preset", "functions", "modules", "progs", "max_tramp_links");
    private static final Set<String> FUNC = HashSet.of("name", "args", "returns", "ftrace", "sleepable", "fmod_ret",
            "noreturn", "deny", "module");
    private static final Set<String> PROG = HashSet.of("name", "type", "subprogs", "tail_call_reachable", "probes");
    private static final Set<String> PROBE = HashSet.of("name", "orig_off", "nargs");
    private static final List<String> PROG_TYPES = List.of("xdp", "fentry", "fexit", "fmod_ret", "freplace");

    private WorldJson() {
    }

    public static Either<String, World> parse(JsonNode n) {
        try {
            return Either.right(world(n));
        } catch (IllegalArgumentException e) {
            return Either.left(e.getMessage());
        }
    }

    private static World world(JsonNode n) {
        if (!n.isObject()) {
            throw bad("\"world\" must be a preset name or an object");
        }
        only(n, TOP, "world");
        World base = Option.of(n.get("preset")).map(p -> {
            if (!p.isTextual() || !Scenarios.WORLDS.contains(p.asText())) {
                throw bad("\"world\".preset must be one of " + Scenarios.WORLDS.mkString(", "));
            }
            return Scenarios.world(p.asText());
        }).getOrElse(new World(List.empty(), List.empty(), List.empty(), World.BPF_MAX_TRAMP_LINKS));
        List<String> modules = base.modules().appendAll(strings(n, "modules"));
        if (modules.distinct().size() != modules.size()) {
            throw bad("\"world\".modules names a module twice");
        }
        List<KernelFunc> funcs = base.functions();
        for (JsonNode f : array(n, "functions")) {
            KernelFunc k = function(f, modules);
            if (funcs.exists(x -> x.name().equals(k.name()))) {
                throw bad("\"world\" has function \"" + k.name() + "\" twice");
            }
            funcs = funcs.append(k);
        }
        List<TargetProgDef> progs = base.targetProgs();
        for (JsonNode p : array(n, "progs")) {
            TargetProgDef d = prog(p, base.firstUserProgId() + progs.size() - base.targetProgs().size());
            if (progs.exists(x -> x.name().equals(d.name())) || funcs.exists(x -> x.name().equals(d.name()))) {
                throw bad("\"world\" has the name \"" + d.name() + "\" twice");
            }
            progs = progs.append(d);
        }
        int max = Option.of(n.get("max_tramp_links")).map(m -> {
            if (!m.isIntegralNumber() || m.asLong() < 1 || m.asLong() > 10_000) {
                throw bad("\"world\".max_tramp_links must be an integer from 1 to 10000");
            }
            return m.asInt();
        }).getOrElse(base.maxTrampLinks());
        return new World(funcs, modules, progs, max);
    }

    private static KernelFunc function(JsonNode f, List<String> modules) {
        if (!f.isObject()) {
            throw bad("\"world\".functions must hold objects");
        }
        only(f, FUNC, "a world function");
        String name = text(f, "name").getOrElse(() -> {
            throw bad("a world function needs \"name\"");
        });
        if (name.contains(":") || name.startsWith(RawBtfId.PREFIX)) {
            throw bad("function name \"" + name + "\" may not contain ':'");
        }
        long args = Option.of(f.get("args")).map(a -> {
            // MAX_BPF_FUNC_ARGS is 12 (include/linux/bpf.h)
            if (!a.isIntegralNumber() || a.asLong() < 0 || a.asLong() > 12) {
                throw bad("function " + name + ": \"args\" must be an integer from 0 to 12");
            }
            return a.asLong();
        }).getOrElse(1L);
        String returns = text(f, "returns").getOrElse("int");
        if (!List.of("int", "void", "ptr").contains(returns)) {
            throw bad("function " + name + ": \"returns\" must be int, void or ptr");
        }
        Option<String> module = text(f, "module");
        if (module.exists(m -> !modules.contains(m))) {
            throw bad("function " + name + ": module \"" + module.get() + "\" is not in \"world\".modules");
        }
        boolean sleepable = bool(f, "sleepable", false);
        // a sleepable-allowed function is on the error-injection list or an fmodret kfunc with
        // KF_SLEEPABLE, either of which also allows fmod_ret (see KernelFunc.withSleepable)
        return new KernelFunc(name, module, (int) args, returns.equals("int"), bool(f, "fmod_ret", false) || sleepable,
                sleepable, bool(f, "ftrace", true), bool(f, "noreturn", false), bool(f, "deny", false));
    }

    private static TargetProgDef prog(JsonNode p, int id) {
        if (!p.isObject()) {
            throw bad("\"world\".progs must hold objects");
        }
        only(p, PROG, "a world prog");
        String name = text(p, "name").getOrElse(() -> {
            throw bad("a world prog needs \"name\"");
        });
        if (name.contains(":") || name.contains("@")) {
            throw bad("prog name \"" + name + "\" may not contain ':' or '@'");
        }
        String type = text(p, "type").getOrElse("xdp");
        if (!PROG_TYPES.contains(type)) {
            throw bad("prog " + name + ": \"type\" must be one of " + PROG_TYPES.mkString(", "));
        }
        ProgType t = type.equals("xdp") ? ProgType.TARGET : ProgType.parse(type).get();
        List<String> subs = strings(p, "subprogs");
        if (subs.distinct().size() != subs.size()) {
            throw bad("prog " + name + " names a subprog twice");
        }
        List<SdtProbe> probes = List.empty();
        for (JsonNode x : array(p, "probes")) {
            SdtProbe probe = probe(x, name);
            if (probes.exists(y -> y.name().equals(probe.name()))) {
                throw bad("prog " + name + " has probe \"" + probe.name() + "\" twice");
            }
            probes = probes.append(probe);
        }
        return new TargetProgDef(id, name, subs, t, bool(p, "tail_call_reachable", false), probes);
    }

    /** An SDT probe site: its offset in the prog (the low half of its trampoline key) and its argument count. */
    private static SdtProbe probe(JsonNode x, String prog) {
        if (!x.isObject()) {
            throw bad("prog " + prog + ": \"probes\" must hold objects");
        }
        only(x, PROBE, "a probe of prog " + prog);
        String name = text(x, "name").getOrElse(() -> {
            throw bad("a probe of prog " + prog + " needs \"name\"");
        });
        JsonNode off = x.get("orig_off");
        // orig_off is an instruction offset: a BPF prog has at most 1M instructions (BPF_COMPLEXITY_LIMIT_INSNS)
        if (off == null || !off.isIntegralNumber() || off.asLong() < 0 || off.asLong() >= 1 << 20) {
            throw bad("probe " + prog + "@" + name + ": \"orig_off\" must be an integer from 0 to 1048575");
        }
        long nargs = Option.of(x.get("nargs")).map(a -> {
            if (!a.isIntegralNumber() || a.asLong() < 0 || a.asLong() > 12) {
                throw bad("probe " + prog + "@" + name + ": \"nargs\" must be an integer from 0 to 12");
            }
            return a.asLong();
        }).getOrElse(0L);
        return new SdtProbe(name, off.asInt(), (int) nargs);
    }

    /** The world in full, without a preset: what a counterexample of an inline world carries. */
    public static ObjectNode write(World w) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        ArrayNode fs = o.putArray("functions");
        for (KernelFunc k : w.functions()) {
            ObjectNode x = fs.addObject().put("name", k.name()).put("args", k.nrArgs())
                    .put("returns", k.returnsInt() ? "int" : "void");
            put(x, "ftrace", k.ftraceable(), true);
            put(x, "sleepable", k.sleepableAllowed(), false);
            put(x, "fmod_ret", k.fmodRetAllowed() && !k.sleepableAllowed(), false);
            put(x, "noreturn", k.noreturn(), false);
            put(x, "deny", k.denied(), false);
            k.module().forEach(m -> x.put("module", m));
        }
        ArrayNode ms = o.putArray("modules");
        w.modules().forEach(ms::add);
        ArrayNode ps = o.putArray("progs");
        for (TargetProgDef d : w.targetProgs()) {
            ObjectNode x = ps.addObject().put("name", d.name())
                    .put("type", d.type() == ProgType.TARGET ? "xdp" : d.type().scenarioName());
            ArrayNode subs = x.putArray("subprogs");
            d.subprogs().forEach(subs::add);
            put(x, "tail_call_reachable", d.tailCallReachable(), false);
            if (!d.probes().isEmpty()) {
                ArrayNode probes = x.putArray("probes");
                d.probes().forEach(pr -> probes.addObject().put("name", pr.name()).put("orig_off", pr.origOff())
                        .put("nargs", pr.nargs()));
            }
        }
        o.put("max_tramp_links", w.maxTrampLinks());
        return o;
    }

    private static void put(ObjectNode o, String field, boolean v, boolean dflt) {
        if (v != dflt) {
            o.put(field, v);
        }
    }

    private static IllegalArgumentException bad(String m) {
        return new IllegalArgumentException(m);
    }

    private static void only(JsonNode n, Set<String> allowed, String what) {
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw bad("unknown field \"" + f + "\" for " + what);
            }
        }
    }

    private static Option<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            return Option.none();
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw bad("\"" + field + "\" must be a non-empty string");
        }
        return Option.of(v.asText());
    }

    private static boolean bool(JsonNode n, String field, boolean dflt) {
        JsonNode v = n.get(field);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw bad("\"" + field + "\" must be true or false");
        }
        return v.asBoolean();
    }

    private static List<JsonNode> array(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            return List.empty();
        }
        if (!v.isArray()) {
            throw bad("\"world\"." + field + " must be an array");
        }
        return List.ofAll(v);
    }

    private static List<String> strings(JsonNode n, String field) {
        return array(n, field).map(x -> {
            if (!x.isTextual() || x.asText().isEmpty() || x.asText().contains(":")) {
                throw bad("\"" + field + "\" must be an array of names (no ':')");
            }
            return x.asText();
        });
    }
}
