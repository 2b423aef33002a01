package multilink.spec.alloy;

import edu.mit.csail.sdg.alloy4.A4Reporter;
import edu.mit.csail.sdg.alloy4.Err;
import edu.mit.csail.sdg.ast.Command;
import edu.mit.csail.sdg.ast.Expr;
import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.parser.CompUtil;
import edu.mit.csail.sdg.translator.A4Options;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.TranslateAlloyToKodkod;
import io.vavr.collection.List;
import kodkod.engine.satlab.SATFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Alloy 6 through its Java API, in process, headless, with SAT4J: parse a
 * model's text, run its commands. Models ship in the jar under
 * {@code alloy/} (spec/src/main/alloy). An Alloy error (syntax, type) is an
 * {@link AlloyException} carrying Alloy's message and position.
 */
public final class Alloy {
    /** The models: trampoline keys, and the reference graph. */
    public static final String KEYS = "keys.als";
    public static final String REFS = "refs.als";

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // Kodkod logs every translation phase at INFO through the jar's own slf4j-simple
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        loadSolvers();
    }

    private Alloy() {
    }

    /**
     * Loads Kodkod's solver list once. Loading it probes every external solver
     * it knows, and the plingeling probe leaves an empty
     * {@code alloy-plingeling*.cnf} in {@code java.io.tmpdir}: the ones that
     * appear during the load are this JVM's, and are removed.
     */
    private static void loadSolvers() {
        java.io.File tmp = new java.io.File(System.getProperty("java.io.tmpdir"));
        java.util.function.Supplier<java.util.Set<String>> probes = () -> {
            String[] names = tmp.list((d, n) -> n.startsWith("alloy-plingeling") && n.endsWith(".cnf"));
            return names == null ? java.util.Set.of() : java.util.Set.of(names);
        };
        java.util.Set<String> before = probes.get();
        SATFactory.get("sat4j");
        for (String n : probes.get()) {
            java.io.File f = new java.io.File(tmp, n);
            if (!before.contains(n) && f.length() == 0) {
                f.delete();
            }
        }
    }

    /** The text of a shipped model. */
    public static String source(String name) {
        try (InputStream in = Alloy.class.getResourceAsStream("/alloy/" + name)) {
            if (in == null) {
                throw new AlloyException("no Alloy model " + name + " on the classpath (spec jar, alloy/)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AlloyException("cannot read Alloy model " + name + ": " + e.getMessage());
        }
    }

    public static CompModule parse(String source) {
        try {
            return CompUtil.parseEverything_fromString(A4Reporter.NOP, source);
        } catch (Err e) {
            throw new AlloyException("Alloy: " + e.getMessage().trim() + " at " + e.pos);
        }
    }

    /** The options every run uses: SAT4J in process, no integer overflow (a count that wraps is no instance). */
    static A4Options options() {
        A4Options o = new A4Options();
        o.solver = SATFactory.get("sat4j");
        o.noOverflow = false;
        o.skolemDepth = 1;
        // the partial-instance inference resolves bounds over and over (Pardinus
        // TemporalInstance): seconds per command, and nothing to infer here
        o.inferPartialInstance = false;
        return o;
    }

    /**
     * Options for a module whose facts pin every relation to one value (a
     * translated state): symmetry breaking only costs there.
     */
    static A4Options pinnedOptions() {
        A4Options o = options();
        o.symmetry = 0;
        return o;
    }

    /** Runs one command of {@code module}; the time is translation plus solving. */
    public static Outcome execute(CompModule module, Command cmd) {
        return execute(module, cmd, options());
    }

    static Outcome execute(CompModule module, Command cmd, A4Options opts) {
        long t0 = System.nanoTime();
        try {
            A4Solution sol = TranslateAlloyToKodkod.execute_command(A4Reporter.NOP, module.getAllReachableSigs(), cmd,
                    opts);
            return new Outcome(cmd, sol, module, System.nanoTime() - t0);
        } catch (Err e) {
            throw new AlloyException("Alloy: " + cmd.label + ": " + e.getMessage().trim());
        }
    }

    /** Runs every command of {@code module}, in file order. */
    public static List<Outcome> executeAll(CompModule module) {
        return List.ofAll(module.getAllCommands()).map(c -> execute(module, c));
    }

    public static Command command(CompModule module, String label) {
        return List.ofAll(module.getAllCommands()).find(c -> c.label.equals(label))
                .getOrElseThrow(() -> new AlloyException("no command " + label + " in the model"));
    }

    /** Evaluates an expression (or formula) written in the module's terms on a solution. */
    public static Object eval(CompModule module, A4Solution sol, String expr) {
        try {
            Expr e = CompUtil.parseOneExpression_fromString(module, expr);
            return sol.eval(e);
        } catch (Err e) {
            throw new AlloyException("Alloy: cannot evaluate " + expr + ": " + e.getMessage().trim());
        }
    }

    /** A formula's truth on a solution. */
    public static boolean holds(CompModule module, A4Solution sol, String formula) {
        Object v = eval(module, sol, formula);
        if (!(v instanceof Boolean b)) {
            throw new AlloyException("Alloy: " + formula + " is not a formula");
        }
        return b;
    }

    /** An Alloy error as one line. */
    public static final class AlloyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AlloyException(String message) {
            super(message);
        }
    }
}
