package multilink.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.state.ProgType;
import multilink.model.step.Fault;
import multilink.model.step.FaultPoint;

import java.io.IOException;
import java.util.Iterator;

/**
 * The scenario file format, both ways: {@link #parse} reads JSON into a
 * {@link Scenario} (syntax, field types, op/type/errno/fault names; names of
 * functions and progs are checked later against the world by
 * {@link Scenarios#resolve}), {@link #write} produces JSON that
 * {@link #parse} reads back to an equal value. Unknown fields are errors, so a
 * typo never silently changes what a replay does.
 */
public final class ScenarioJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private static final Set<String> TOP = HashSet.of("design", "world", "description", "steps", "bad_fds",
            "expect_violation");
    private static final Set<String> COMMON = HashSet.of("op", "fault", "expect", "expect_violation", "note", "assert");
    private static final Set<String> LOAD = COMMON.addAll(List.of("prog", "as", "type", "target", "sleepable"));
    private static final Set<String> ATTACH = COMMON.addAll(List.of("prog", "cookie", "retarget", "as"));
    private static final Set<String> ATTACH_MULTI = COMMON.addAll(List.of("prog", "targets", "cookies", "flags", "cnt",
            "as"));

    private ScenarioJson() {
    }

    /** Parse failure inside this class only; the API returns it as a {@link ScenarioError}. */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ScenarioError error;

        Bad(int step, String problem) {
            super(problem, null, false, false);
            this.error = new ScenarioError(step, problem);
        }
    }

    public static Either<ScenarioError, Scenario> parse(String text) {
        JsonNode root;
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(text);
            root = MAPPER.readTree(parser);
        } catch (IOException e) {
            // a limit (nesting, lengths) is reported without a location: the parser knows where it stopped
            JsonLocation at = e instanceof JsonProcessingException j && j.getLocation() != null ? j.getLocation()
                    : parser == null ? null : parser.currentLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String problem = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return Either.left(ScenarioError.file("malformed JSON" + where + ": "
                    + JsonMessages.plain(String.valueOf(problem))));
        }
        try {
            return Either.right(scenario(root));
        } catch (Bad b) {
            return Either.left(b.error);
        }
    }

    private static Scenario scenario(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new Bad(0, "the file must be one JSON object");
        }
        unknownFields(root, TOP, 0, "");
        String design = text(root, "design", 0).getOrElse(() -> {
            throw new Bad(0, "missing \"design\"");
        });
        JsonNode worldNode = root.get("world");
        Option<multilink.model.world.World> inline = Option.none();
        String world;
        if (worldNode != null && worldNode.isObject()) {
            world = Scenario.INLINE;
            inline = Option.of(WorldJson.parse(worldNode).getOrElseThrow(m -> new Bad(0, m)));
        } else {
            world = text(root, "world", 0).getOrElse("default");
            if (!Scenarios.WORLDS.contains(world)) {
                throw new Bad(0, "unknown world \"" + world + "\" (known: " + Scenarios.WORLDS.mkString(", ")
                        + ", or an object defining one)");
            }
        }
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray()) {
            throw new Bad(0, "\"steps\" must be an array");
        }
        // a Java list while reading: appending to a Vavr List copies it, which made long files quadratic
        java.util.List<ScenarioStep> out = new java.util.ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            out.add(step(steps.get(i), i + 1));
        }
        return new Scenario(text(root, "description", 0), design, world,
                strings(root, "bad_fds", 0).getOrElse(List.empty()), List.ofAll(out), violations(root, 0), inline);
    }

    private static ScenarioStep step(JsonNode n, int i) {
        if (!n.isObject()) {
            throw new Bad(i, "a step must be a JSON object");
        }
        String op = text(n, "op", i).getOrElse(() -> {
            throw new Bad(i, "missing \"op\"");
        });
        NamedOp named = switch (op) {
            case "load" -> load(n, i);
            case "close_prog" -> only(n, i, "prog", new NamedOp.CloseProg(required(n, "prog", i)));
            case "attach" -> attach(n, i);
            case "attach_multi" -> attachMulti(n, i);
            case "close_link" -> only(n, i, "link", new NamedOp.CloseLink(required(n, "link", i)));
            case "detach_link" -> only(n, i, "link", new NamedOp.DetachLink(required(n, "link", i)));
            case "unload_module" -> only(n, i, "module", new NamedOp.UnloadModule(required(n, "module", i)));
            case "update_link" -> updateLink(n, i);
            default -> throw new Bad(i, "unknown op \"" + op + "\" (known: load, close_prog, attach, attach_multi, "
                    + "close_link, detach_link, update_link, unload_module)");
        };
        Option<Errno> expect = text(n, "expect", i).map(e -> Errno.parse(e).getOrElse(() -> {
            throw new Bad(i, "unknown errno \"" + e + "\" (kernel name such as EINVAL, or ok)");
        }));
        return new ScenarioStep(named, fault(n, i), expect, violations(n, i), text(n, "note", i),
                Option.of(n.get("assert")).map(a -> assertion(a, i)));
    }

    /** A step's {@code "assert"}: see {@link StateAssertion}. */
    private static StateAssertion assertion(JsonNode a, int i) {
        if (!a.isObject()) {
            throw new Bad(i, "\"assert\" must be an object (trampolines, refcnt, direct_calls, link_info)");
        }
        unknownFields(a, HashSet.of("trampolines", "refcnt", "direct_calls", "link_info"), i, "assert");
        io.vavr.collection.Map<String, Option<io.vavr.collection.Map<String, List<String>>>> tramps =
                io.vavr.collection.TreeMap.empty();
        for (var e : fields(a, "trampolines", i)) {
            if (e.getValue().isNull()) {
                tramps = tramps.put(e.getKey(), Option.none());
                continue;
            }
            if (!e.getValue().isObject()) {
                throw new Bad(i, "\"assert\".trampolines." + e.getKey() + " must be an object of kinds, or null");
            }
            io.vavr.collection.Map<String, List<String>> kinds = io.vavr.collection.TreeMap.empty();
            for (var k : fields(e.getValue(), null, i)) {
                if (!StateAssertion.KINDS.contains(k.getKey())) {
                    throw new Bad(i, "unknown trampoline list \"" + k.getKey() + "\" (known: "
                            + StateAssertion.KINDS.mkString(", ") + ")");
                }
                kinds = kinds.put(k.getKey(), stringArray(k.getValue(), "trampolines." + e.getKey() + "." + k.getKey(), i));
            }
            tramps = tramps.put(e.getKey(), Option.of(kinds));
        }
        io.vavr.collection.Map<String, Integer> refs = io.vavr.collection.TreeMap.empty();
        for (var e : fields(a, "refcnt", i)) {
            int sp = e.getKey().indexOf(' ');
            if (sp < 0 || !StateAssertion.REF_KINDS.contains(e.getKey().substring(0, sp))) {
                throw new Bad(i, "\"assert\".refcnt key \"" + e.getKey() + "\" must be \"KIND NAME\" with KIND one of "
                        + StateAssertion.REF_KINDS.mkString(", "));
            }
            refs = refs.put(e.getKey(), (int) asLong(e.getValue(), "refcnt", i, 0));
        }
        Option<List<String>> direct = Option.of(a.get("direct_calls")).map(d -> stringArray(d, "direct_calls", i));
        io.vavr.collection.Map<String, Option<StateAssertion.LinkInfo>> links = io.vavr.collection.TreeMap.empty();
        for (var e : fields(a, "link_info", i)) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                links = links.put(e.getKey(), Option.none());
                continue;
            }
            if (!v.isObject()) {
                throw new Bad(i, "\"assert\".link_info." + e.getKey() + " must be {\"prog\", \"targets\"} or null");
            }
            unknownFields(v, HashSet.of("prog", "targets"), i, "link_info");
            List<String> ts = Option.of(v.get("targets")).map(t -> stringArray(t, "link_info.targets", i))
                    .getOrElse(List.empty());
            links = links.put(e.getKey(), Option.of(new StateAssertion.LinkInfo(text(v, "prog", i), ts)));
        }
        return new StateAssertion(tramps, refs, direct, links);
    }

    private static java.util.List<java.util.Map.Entry<String, JsonNode>> fields(JsonNode n, String field, int i) {
        JsonNode v = field == null ? n : n.get(field);
        if (v == null) {
            return java.util.List.of();
        }
        if (!v.isObject()) {
            throw new Bad(i, "\"" + field + "\" must be an object");
        }
        java.util.List<java.util.Map.Entry<String, JsonNode>> out = new java.util.ArrayList<>();
        v.fields().forEachRemaining(out::add);
        return out;
    }

    private static List<String> stringArray(JsonNode v, String what, int i) {
        if (!v.isArray()) {
            throw new Bad(i, "\"" + what + "\" must be an array of strings");
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isTextual() || x.asText().isEmpty()) {
                throw new Bad(i, "\"" + what + "\" must be an array of non-empty strings");
            }
            out.add(x.asText());
        }
        return List.ofAll(out);
    }

    private static NamedOp load(JsonNode n, int i) {
        unknownFields(n, LOAD, i, "load");
        Option<String> prog = text(n, "prog", i);
        Option<String> as = text(n, "as", i);
        if (prog.isDefined() && as.isDefined() && !prog.equals(as)) {
            throw new Bad(i, "load names its prog twice (\"prog\" and \"as\" differ)");
        }
        String name = prog.orElse(as).getOrElse(() -> {
            throw new Bad(i, "load needs \"prog\": the name of the new prog");
        });
        String type = required(n, "type", i);
        ProgType t = ProgType.parse(type).filter(x -> x != ProgType.TARGET).getOrElse(() -> {
            throw new Bad(i, "unknown prog type \"" + type + "\" (known: fentry, fexit, fmod_ret, freplace, "
                    + "fentry_multi, fexit_multi, fmod_ret_multi, sdt)");
        });
        JsonNode target = n.get("target");
        String tgt = target != null && target.isIntegralNumber() ? rawId(target, i) : required(n, "target", i);
        return new NamedOp.Load(name, t, tgt, bool(n, "sleepable", i));
    }

    private static NamedOp attach(JsonNode n, int i) {
        unknownFields(n, ATTACH, i, "attach");
        return new NamedOp.Attach(required(n, "prog", i), text(n, "retarget", i),
                integer(n, "cookie", i, Long.MIN_VALUE).getOrElse(0L), text(n, "as", i));
    }

    private static NamedOp attachMulti(JsonNode n, int i) {
        unknownFields(n, ATTACH_MULTI, i, "attach_multi");
        if (n.get("targets") == null) {
            throw new Bad(i, "attach_multi needs \"targets\": an array of function names (null: a NULL ids pointer)");
        }
        List<String> targets = n.get("targets").isNull() ? List.empty() : targetList(n.get("targets"), i);
        Option<List<Long>> cookies = Option.of(n.get("cookies")).filter(c -> !c.isNull()).map(c -> {
            if (!c.isArray()) {
                throw new Bad(i, "\"cookies\" must be an array of integers");
            }
            java.util.List<Long> out = new java.util.ArrayList<>(c.size());
            for (JsonNode x : c) {
                out.add(asLong(x, "cookies", i, Long.MIN_VALUE));
            }
            return List.ofAll(out);
        });
        int flags = integer(n, "flags", i, Integer.MIN_VALUE).getOrElse(0L).intValue();
        Option<Integer> cnt = integer(n, "cnt", i, 0).map(Long::intValue);
        return new NamedOp.AttachMulti(required(n, "prog", i), targets, cookies, flags, cnt, text(n, "as", i));
    }

    /**
     * Targets: function names, "prog:subprog", or raw BTF ids as numbers (0, or the id
     * of a type that is no function), which the model names "btf_id:N".
     */
    private static List<String> targetList(JsonNode v, int i) {
        if (!v.isArray()) {
            throw new Bad(i, "\"targets\" must be an array of function names or BTF ids, or null");
        }
        java.util.List<String> out = new java.util.ArrayList<>(v.size());
        for (JsonNode x : v) {
            if (x.isIntegralNumber()) {
                out.add(rawId(x, i));
            } else if (x.isTextual() && !x.asText().isEmpty()) {
                out.add(x.asText());
            } else {
                throw new Bad(i, "\"targets\" must be an array of function names or BTF ids, or null");
            }
        }
        return List.ofAll(out);
    }

    private static String rawId(JsonNode x, int i) {
        long id = asLong(x, "targets", i, 0);
        return multilink.model.world.RawBtfId.PREFIX + id;
    }

    private static NamedOp updateLink(JsonNode n, int i) {
        unknownFields(n, COMMON.addAll(List.of("link", "new_prog", "old_prog", "flags")), i, "update_link");
        return new NamedOp.UpdateLink(required(n, "link", i), required(n, "new_prog", i), text(n, "old_prog", i),
                integer(n, "flags", i, Integer.MIN_VALUE).getOrElse(0L).intValue());
    }

    private static NamedOp only(JsonNode n, int i, String field, NamedOp op) {
        unknownFields(n, COMMON.add(field), i, op.opName());
        return op;
    }

    private static Option<Fault> fault(JsonNode n, int i) {
        JsonNode f = n.get("fault");
        if (f == null) {
            return Option.none();
        }
        if (!f.isObject()) {
            throw new Bad(i, "\"fault\" must be an object {\"point\": ..., \"hit\": n}");
        }
        unknownFields(f, HashSet.of("point", "hit", "errno"), i, "fault");
        String p = required(f, "point", i);
        FaultPoint point = FaultPoint.parse(p).getOrElse(() -> {
            throw new Bad(i, "unknown fault point \"" + p + "\"");
        });
        long hit = integer(f, "hit", i, 1).getOrElse(1L);
        Option<Errno> errno = text(f, "errno", i).map(e -> Errno.parse(e).filter(x -> !x.ok()).getOrElse(() -> {
            throw new Bad(i, "unknown errno \"" + e + "\" for the fault (kernel name such as ENOMEM)");
        }));
        for (Errno e : errno) {
            if (!point.errnos().contains(e)) {
                throw new Bad(i, "fault point \"" + p + "\" cannot fail with " + e + " (it returns "
                        + point.errnos().mkString(", ") + ")");
            }
        }
        return Option.of(new Fault(point, (int) hit, errno));
    }

    private static Option<SortedSet<String>> violations(JsonNode n, int i) {
        JsonNode v = n.get("expect_violation");
        if (v == null) {
            return Option.none();
        }
        List<String> ids = v.isTextual() ? List.of(v.asText()) : strings(n, "expect_violation", i).get();
        if (ids.isEmpty()) {
            throw new Bad(i, "\"expect_violation\" names no invariant");
        }
        for (String id : ids) {
            if (!multilink.model.invariant.Invariants.everyId().contains(id)) {
                throw new Bad(i, "unknown invariant \"" + id + "\" in expect_violation");
            }
        }
        return Option.of(TreeSet.ofAll(ids));
    }

    // ---- typed field access ----

    private static void unknownFields(JsonNode n, Set<String> allowed, int i, String what) {
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new Bad(i, "unknown field \"" + f + "\"" + (what.isEmpty() ? "" : " for " + what));
            }
        }
    }

    private static String required(JsonNode n, String field, int i) {
        return text(n, field, i).getOrElse(() -> {
            throw new Bad(i, "missing \"" + field + "\"");
        });
    }

    private static Option<String> text(JsonNode n, String field, int i) {
        JsonNode v = n.get(field);
        if (v == null) {
            return Option.none();
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new Bad(i, "\"" + field + "\" must be a non-empty string");
        }
        return Option.of(v.asText());
    }

    private static boolean bool(JsonNode n, String field, int i) {
        JsonNode v = n.get(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new Bad(i, "\"" + field + "\" must be true or false");
        }
        return v.asBoolean();
    }

    private static Option<Long> integer(JsonNode n, String field, int i, long min) {
        return Option.of(n.get(field)).map(v -> asLong(v, field, i, min));
    }

    private static long asLong(JsonNode v, String field, int i, long min) {
        boolean bounded = min > Long.MIN_VALUE;
        if (!v.isIntegralNumber()) {
            throw new Bad(i, "\"" + field + "\" must be an integer" + (bounded ? " >= " + min : ""));
        }
        java.math.BigInteger n = v.bigIntegerValue();
        String shown = n.toString().length() > 30 ? "" : " (" + n + ")";
        if (n.compareTo(java.math.BigInteger.valueOf(min)) < 0) {
            throw new Bad(i, bounded ? "\"" + field + "\" must be an integer >= " + min
                    : "\"" + field + "\" is out of range" + shown + ": at least " + min);
        }
        long max = bounded ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (n.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw new Bad(i, "\"" + field + "\" is out of range" + shown + ": at most " + max);
        }
        return n.longValue();
    }

    private static Option<List<String>> strings(JsonNode n, String field, int i) {
        JsonNode v = n.get(field);
        if (v == null) {
            return Option.none();
        }
        if (!v.isArray()) {
            throw new Bad(i, "\"" + field + "\" must be an array of strings");
        }
        java.util.List<String> out = new java.util.ArrayList<>(v.size());
        for (JsonNode x : v) {
            if (!x.isTextual() || x.asText().isEmpty()) {
                throw new Bad(i, "\"" + field + "\" must be an array of non-empty strings");
            }
            out.add(x.asText());
        }
        return Option.of(List.ofAll(out));
    }

    // ---- writing ----

    public static String write(Scenario s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        s.description().forEach(d -> root.put("description", d));
        root.put("design", s.design());
        if (s.inline().isDefined()) {
            root.set("world", WorldJson.write(s.inline().get()));
        } else {
            root.put("world", s.world());
        }
        if (!s.badFds().isEmpty()) {
            s.badFds().forEach(root.putArray("bad_fds")::add);
        }
        s.expectViolation().forEach(v -> v.forEach(root.putArray("expect_violation")::add));
        ArrayNode steps = root.putArray("steps");
        for (ScenarioStep st : s.steps()) {
            ObjectNode o = steps.addObject();
            o.put("op", st.op().opName());
            opFields(o, st.op());
            st.fault().forEach(ft -> {
                ObjectNode fo = o.putObject("fault").put("point", ft.point().scenarioName()).put("hit", ft.hit());
                ft.errno().forEach(e -> fo.put("errno", e.toString()));
            });
            st.expect().forEach(e -> o.put("expect", e.toString()));
            st.expectViolation().forEach(v -> v.forEach(o.putArray("expect_violation")::add));
            st.note().forEach(t -> o.put("note", t));
            st.check().forEach(a -> o.set("assert", assertionJson(a)));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            // a tree of strings and numbers always serialises
            throw new IllegalStateException(e);
        }
    }

    private static void opFields(ObjectNode o, NamedOp op) {
        if (op instanceof NamedOp.Load l) {
            o.put("prog", l.prog()).put("type", l.type().scenarioName());
            putTarget(o, "target", l.target());
            if (l.sleepable()) {
                o.put("sleepable", true);
            }
        } else if (op instanceof NamedOp.CloseProg c) {
            o.put("prog", c.prog());
        } else if (op instanceof NamedOp.Attach a) {
            o.put("prog", a.prog());
            a.retarget().forEach(r -> o.put("retarget", r));
            if (a.cookie() != 0) {
                o.put("cookie", a.cookie());
            }
            a.as().forEach(x -> o.put("as", x));
        } else if (op instanceof NamedOp.AttachMulti m) {
            o.put("prog", m.prog());
            ArrayNode ts = o.putArray("targets");
            m.targets().forEach(t -> rawValue(t).fold(() -> ts.add(t), ts::add));
            m.cookies().forEach(c -> c.forEach(o.putArray("cookies")::add));
            if (m.flags() != 0) {
                o.put("flags", m.flags());
            }
            m.cnt().forEach(c -> o.put("cnt", c));
            m.as().forEach(x -> o.put("as", x));
        } else if (op instanceof NamedOp.CloseLink c) {
            o.put("link", c.link());
        } else if (op instanceof NamedOp.DetachLink d) {
            o.put("link", d.link());
        } else if (op instanceof NamedOp.UnloadModule u) {
            o.put("module", u.module());
        } else if (op instanceof NamedOp.UpdateLink u) {
            o.put("link", u.link()).put("new_prog", u.newProg());
            u.oldProg().forEach(x -> o.put("old_prog", x));
            if (u.flags() != 0) {
                o.put("flags", u.flags());
            }
        }
    }

    private static ObjectNode assertionJson(StateAssertion a) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        if (!a.trampolines().isEmpty()) {
            ObjectNode t = o.putObject("trampolines");
            for (var e : a.trampolines()) {
                if (e._2.isEmpty()) {
                    t.putNull(e._1);
                } else {
                    ObjectNode k = t.putObject(e._1);
                    e._2.get().forEach(x -> x._2.forEach(k.putArray(x._1)::add));
                    e._2.get().filter(x -> x._2.isEmpty()).forEach(x -> k.putArray(x._1));
                }
            }
        }
        if (!a.refcnt().isEmpty()) {
            ObjectNode r = o.putObject("refcnt");
            a.refcnt().forEach(e -> r.put(e._1, e._2));
        }
        a.directCalls().forEach(d -> {
            ArrayNode arr = o.putArray("direct_calls");
            d.forEach(arr::add);
        });
        if (!a.linkInfo().isEmpty()) {
            ObjectNode l = o.putObject("link_info");
            for (var e : a.linkInfo()) {
                if (e._2.isEmpty()) {
                    l.putNull(e._1);
                } else {
                    ObjectNode x = l.putObject(e._1);
                    e._2.get().prog().forEach(p -> x.put("prog", p));
                    ArrayNode ts = x.putArray("targets");
                    e._2.get().targets().forEach(ts::add);
                }
            }
        }
        return o;
    }

    private static Option<Long> rawValue(String t) {
        return multilink.model.world.RawBtfId.value(new multilink.model.world.Target.Func(t));
    }

    private static void putTarget(ObjectNode o, String field, String t) {
        rawValue(t).fold(() -> o.put(field, t), v -> o.put(field, v));
    }

    /** For {@code run --json}: the shared mapper, so both outputs indent alike. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

}
