package multilink.spec.alloy;

import edu.mit.csail.sdg.parser.CompModule;
import io.vavr.collection.List;
import multilink.spec.alloy.AlloyResult.Status;

/**
 * refs.als: the model's reference invariants imply no dangling reference and
 * nothing freed reachable from ftrace (checks), are satisfiable together (a
 * run that must find a snapshot), and each is needed (dropping it admits a
 * snapshot that dangles). A counterexample, or the bad snapshot of a drop
 * run, is printed as objects and references ({@link RefsPicture}).
 */
public final class RefsModel {
    /** The invariants refs.als states, under the model's ids (FREE_AT_ZERO: the refcount_t rule). */
    public static final List<String> INVARIANTS = List.of("FREE_AT_ZERO", "REF_PROG", "REF_BTF", "REF_MODULE",
            "REF_TRAMPOLINE", "IMAGE_OWNED", "IMAGE_MATCHES_PROGS", "FTRACE_MATCHES_TRAMPOLINES", "LINKINFO_MATCHES");

    private RefsModel() {
    }

    public static List<AlloyResult> run() {
        return run(Alloy.source(Alloy.REFS));
    }

    /** The commands of a refs model's text (tests weaken an invariant in it). */
    public static List<AlloyResult> run(String source) {
        CompModule m = Alloy.parse(source);
        return Alloy.executeAll(m).map(RefsModel::judge);
    }

    /** One command of a refs model's text. */
    public static AlloyResult run(String source, String command) {
        CompModule m = Alloy.parse(source);
        return judge(Alloy.execute(m, Alloy.command(m, command)));
    }

    static AlloyResult judge(Outcome o) {
        String name = o.name();
        if (o.check()) {
            if (!o.satisfiable()) {
                return AlloyResult.of("refs", o, "-", Status.CLEAN, "clean", "");
            }
            return AlloyResult.of("refs", o, "dangling", Status.VIOLATION, "VIOLATION counterexample",
                    name + ": counterexample: the invariants hold and " + broken(o) + "\n" + describe(o));
        }
        if (name.startsWith("drop_")) {
            String inv = name.substring("drop_".length());
            if (o.satisfiable()) {
                List<String> bad = RefsPicture.of(Instance.of(o.solution())).dangling()
                        .map(t -> RefsPicture.alloyName(t._1) + " " + t._2 + " -> freed "
                                + RefsPicture.alloyName(t._3));
                return AlloyResult.of("refs", o, inv + " needed", Status.CLEAN, "clean",
                        name + ": without " + inv + ": " + bad.headOption().getOrElse(broken(o)) + "\n" + describe(o));
            }
            return AlloyResult.of("refs", o, "-", Status.VIOLATION, "VIOLATION " + inv + " not independent",
                    name + ": no snapshot dangles without " + inv + ": the others imply what it adds");
        }
        if (o.satisfiable()) {
            return AlloyResult.of("refs", o, "-", Status.CLEAN, "clean", name + ": instance\n" + describe(o));
        }
        return AlloyResult.of("refs", o, "-", Status.VIOLATION, "VIOLATION vacuous",
                name + ": no snapshot satisfies the invariants together");
    }

    /** Which of the two questions the instance fails. */
    static String broken(Outcome o) {
        List<String> b = List.of("NO_DANGLING", "FTRACE_REACHES_LIVE")
                .filter(p -> !Alloy.holds(o.module(), o.solution(), p));
        return b.isEmpty() ? "nothing dangles" : b.mkString(" and ") + " fail" + (b.size() == 1 ? "s" : "");
    }

    /** Which invariants the instance breaks, then its objects and references. */
    public static String describe(Outcome o) {
        List<String> off = INVARIANTS.filter(p -> !Alloy.holds(o.module(), o.solution(), p));
        return "invariants broken: " + (off.isEmpty() ? "none" : off.mkString(", ")) + "\n"
                + RefsPicture.of(Instance.of(o.solution())).text();
    }
}
