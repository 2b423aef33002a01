package multilink.spec.alloy;

import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.translator.A4Tuple;
import edu.mit.csail.sdg.translator.A4TupleSet;
import io.vavr.collection.List;
import multilink.spec.alloy.AlloyResult.Status;

/**
 * keys.als: distinct attach targets get distinct trampoline keys, per design.
 * A counterexample is read back as the colliding targets with their concrete
 * ids and the u64 key they share. sdt-observer's collision is hazard H10 (an
 * SDT probe's key equals the key of a subprog of the same target prog when
 * orig_off equals the subprog's BTF func id). It is reported with its ids and
 * the scenario that replays the same shape on the Java model.
 */
public final class KeysModel {
    /** The design whose collision is a known finding. */
    public static final String SDT_COMMAND = "sdt_observer";
    public static final String H10 = "H10";
    /**
     * H10 on the Java model: the default world's probe_drop sits at orig_off 2,
     * subprog_b's BTF FUNC id (the instance's ids differ; the shape is the same).
     */
    public static final String H10_SCENARIO = "examples/17-sdt-observer-key-collision-H10.json";

    private KeysModel() {
    }

    /** A target of an instance with its ids. */
    public record Target(String atom, String kind, long hi, long lo, String text) {
    }

    /** Two targets with one key. */
    public record Collision(Target a, Target b, long key) {
        /** H10's shape: an SDT probe and a subprog of the same prog, orig_off == BTF func id. */
        public boolean h10() {
            return List.of(a.kind, b.kind).sorted().equals(List.of("SdtProbe", "Subprog")) && a.hi == b.hi
                    && a.lo == b.lo;
        }

        public String text() {
            return a.text + " and " + b.text + " share trampoline key " + String.format("0x%016x", key);
        }
    }

    public static List<AlloyResult> run() {
        return run(Alloy.source(Alloy.KEYS));
    }

    public static List<AlloyResult> run(String source) {
        CompModule m = Alloy.parse(source);
        return Alloy.executeAll(m).map(KeysModel::judge);
    }

    /** One command of a keys model's text. */
    public static AlloyResult run(String source, String command) {
        CompModule m = Alloy.parse(source);
        return judge(Alloy.execute(m, Alloy.command(m, command)));
    }

    /** The key predicate a command compares with (the proposed fixes have their own). */
    static String keyPredicate(String command) {
        return switch (command) {
            case "sdt_tag31" -> "sameKeyTag31";
            case "sdt_tag30" -> "sameKeyTag30";
            default -> "sameKernelKey";
        };
    }

    static AlloyResult judge(Outcome o) {
        if (!o.check()) {
            // dup_names_share_address: what the UniqueNames assumption buys
            return o.asExpected()
                    ? AlloyResult.of("keys", o, "-", Status.CLEAN, "clean", "")
                    : AlloyResult.of("keys", o, "-", Status.VIOLATION, "VIOLATION no instance", "");
        }
        if (!o.satisfiable()) {
            if (o.name().equals(SDT_COMMAND)) {
                return AlloyResult.of("keys", o, "-", Status.VIOLATION, "VIOLATION H10 no longer shows",
                        "sdt_observer: no collision found, but H10 is a known finding of that design: "
                                + "update keys.als's expectation and the findings");
            }
            return o.asExpected() ? AlloyResult.of("keys", o, "-", Status.CLEAN, "clean", "")
                    : AlloyResult.of("keys", o, "-", Status.VIOLATION, "VIOLATION no counterexample", "");
        }
        List<Collision> cs = collisions(o);
        String detail = o.name().replace('_', '-') + ": " + cs.map(Collision::text).mkString("; ");
        if (o.name().equals(SDT_COMMAND) && !cs.isEmpty() && cs.forAll(Collision::h10)) {
            return AlloyResult.of("keys", o, H10, Status.KNOWN, "known finding H10", H10 + ": " + detail
                    + " (replay: ./multilink run " + H10_SCENARIO + ")");
        }
        if (o.name().equals("sdt_tag31") && o.asExpected()) {
            // expected: bit 31 is already the kernel-function tag
            return AlloyResult.of("keys", o, "bit 31 is the kernel tag", Status.CLEAN, "clean", detail);
        }
        return AlloyResult.of("keys", o, "collision", Status.VIOLATION, "VIOLATION key collision", detail);
    }

    /** Every pair of distinct targets of the instance with one key. */
    public static List<Collision> collisions(Outcome o) {
        Instance inst = Instance.of(o.solution());
        A4TupleSet pairs = (A4TupleSet) Alloy.eval(o.module(), o.solution(),
                "{a, b: Target | a != b and " + keyPredicate(o.name()) + "[a, b]}");
        List<Collision> cs = List.empty();
        for (A4Tuple t : pairs) {
            Target a = target(inst, t.atom(0));
            Target b = target(inst, t.atom(1));
            if (a.atom.compareTo(b.atom) < 0) {
                cs = cs.append(new Collision(a, b, key(o.name(), a)));
            }
        }
        return cs;
    }

    private static Target target(Instance inst, String atom) {
        if (inst.in("KFunc", atom)) {
            String btf = inst.one("fnBtf", atom).get();
            long obj = inst.num("objId", btf);
            long id = inst.num("fnId", atom);
            return new Target(atom, "KFunc", obj, id, "kernel function with BTF id " + id + " in "
                    + (btf.startsWith("Vmlinux") ? "vmlinux" : "a module") + " (BTF object id " + obj + ")");
        }
        if (inst.in("Subprog", atom)) {
            long prog = inst.num("progId", inst.one("spProg", atom).get());
            long id = inst.num("spId", atom);
            return new Target(atom, "Subprog", prog, id, "subprog with BTF func id " + id + " of target prog id " + prog);
        }
        long prog = inst.num("progId", inst.one("sdtProg", atom).get());
        long off = inst.num("sdtOff", atom);
        return new Target(atom, "SdtProbe", prog, off, "SDT probe at orig_off " + off + " of target prog id " + prog);
    }

    /** The u64 the kernel (or the proposed fix) computes for a target. */
    static long key(String command, Target t) {
        long k = (t.hi << 32) | t.lo;
        if (t.kind.equals("KFunc") || (t.kind.equals("SdtProbe") && command.equals("sdt_tag31"))) {
            k |= 0x80000000L;
        }
        if (t.kind.equals("SdtProbe") && command.equals("sdt_tag30")) {
            k |= 0x40000000L;
        }
        return k;
    }
}
