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
    private static final Set<String> COMMON = HashSet.of("op", "fault", "expect", "expect_violation", "note");
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
        String world = text(root, "world", 0).getOrElse("default");
        if (!Scenarios.WORLDS.contains(world)) {
            throw new Bad(0, "unknown world \"" + world + "\" (known: " + Scenarios.WORLDS.mkString(", ") + ")");
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
                strings(root, "bad_fds", 0).getOrElse(List.empty()), List.ofAll(out), violations(root, 0));
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
            default -> throw new Bad(i, "unknown op \"" + op + "\" (known: load, close_prog, attach, attach_multi, "
                    + "close_link, detach_link, unload_module)");
        };
        Option<Errno> expect = text(n, "expect", i).map(e -> Errno.parse(e).getOrElse(() -> {
            throw new Bad(i, "unknown errno \"" + e + "\" (kernel name such as EINVAL, or ok)");
        }));
        return new ScenarioStep(named, fault(n, i), expect, violations(n, i), text(n, "note", i));
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
        return new NamedOp.Load(name, t, required(n, "target", i), bool(n, "sleepable", i));
    }

    private static NamedOp attach(JsonNode n, int i) {
        unknownFields(n, ATTACH, i, "attach");
        return new NamedOp.Attach(required(n, "prog", i), text(n, "retarget", i),
                integer(n, "cookie", i, Long.MIN_VALUE).getOrElse(0L), text(n, "as", i));
    }

    private static NamedOp attachMulti(JsonNode n, int i) {
        unknownFields(n, ATTACH_MULTI, i, "attach_multi");
        List<String> targets = strings(n, "targets", i).getOrElse(() -> {
            throw new Bad(i, "attach_multi needs \"targets\": an array of function names");
        });
        Option<List<Long>> cookies = Option.of(n.get("cookies")).map(c -> {
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
        unknownFields(f, HashSet.of("point", "hit"), i, "fault");
        String p = required(f, "point", i);
        FaultPoint point = FaultPoint.parse(p).getOrElse(() -> {
            throw new Bad(i, "unknown fault point \"" + p + "\"");
        });
        long hit = integer(f, "hit", i, 1).getOrElse(1L);
        return Option.of(new Fault(point, (int) hit));
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
            if (!multilink.model.invariant.Invariants.ids().contains(id)) {
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
        root.put("world", s.world());
        if (!s.badFds().isEmpty()) {
            s.badFds().forEach(root.putArray("bad_fds")::add);
        }
        s.expectViolation().forEach(v -> v.forEach(root.putArray("expect_violation")::add));
        ArrayNode steps = root.putArray("steps");
        for (ScenarioStep st : s.steps()) {
            ObjectNode o = steps.addObject();
            o.put("op", st.op().opName());
            opFields(o, st.op());
            st.fault().forEach(ft -> o.putObject("fault").put("point", ft.point().scenarioName()).put("hit", ft.hit()));
            st.expect().forEach(e -> o.put("expect", e.toString()));
            st.expectViolation().forEach(v -> v.forEach(o.putArray("expect_violation")::add));
            st.note().forEach(t -> o.put("note", t));
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
            o.put("prog", l.prog()).put("type", l.type().scenarioName()).put("target", l.target());
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
            m.targets().forEach(o.putArray("targets")::add);
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
        }
    }

    /** For {@code run --json}: the shared mapper, so both outputs indent alike. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

}
