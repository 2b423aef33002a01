package multilink.spec.alloy;

import io.vavr.collection.List;
import multilink.model.design.Design;
import multilink.model.world.World;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything the Alloy side checks, in one call: keys.als's commands,
 * refs.als's commands, and the Java link (states the model reaches on random
 * steps of the given designs, judged by refs.als). What check's Alloy phase
 * and the tests run.
 */
public final class AlloyChecks {
    /** The link's default sample: chains x steps per design, states judged. */
    public static final int CHAINS = 30;
    public static final int LENGTH = 20;
    public static final int STATES = 40;

    private AlloyChecks() {
    }

    /**
     * @param designs  the designs whose reached states the link judges
     * @param steps    how the link draws syscalls (check passes its own generator)
     * @param progress told the name of each part as it starts
     */
    public static List<AlloyResult> run(List<Design> designs, World world, Function<Design, JavaLink.StepSource> steps,
                                        long seed, Consumer<String> progress) {
        progress.accept("keys.als");
        List<AlloyResult> keys = KeysModel.run();
        progress.accept("refs.als");
        List<AlloyResult> refs = RefsModel.run();
        progress.accept("the Java link");
        long t0 = System.nanoTime();
        List<JavaLink.Reached> reached = JavaLink.reach(designs, world, steps, seed, CHAINS, LENGTH);
        JavaLink.Report link = JavaLink.run(JavaLink.pick(reached, STATES), reached.size(), designs.size());
        // the link's time includes reaching the states
        JavaLink.Report timed = new JavaLink.Report(link.judged(), link.reachedStates(), link.designs(),
                (System.nanoTime() - t0) / 1e9);
        return keys.appendAll(refs).append(timed.result(seed));
    }
}
