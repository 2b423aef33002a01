package multilink.cli;

import io.vavr.collection.List;
import multilink.live.Availability;
import multilink.live.ImageOutcome;
import multilink.live.KernelLine;
import multilink.live.LiveCache;
import multilink.live.LiveX86;
import multilink.live.X86LiveReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounded live check of the README's test command: on Debian's 6.1 kernel under qemu, 20 sampled trampolines
 * byte for byte against x86gen and the classic examples plus 20 random classic chains errno for errno against the
 * model. Fixed seeds, so a failure replays with the command lines it prints. It needs qemu (or root and apt to
 * install it; the first run downloads and builds about 3 minutes' worth into ~/.cache/multilink/live, later runs
 * reuse it); without, it prints one line and is skipped. {@code -Dmultilink.live=off} skips it on purpose.
 */
class LiveCheckTest {
    static final KernelLine KERNEL = KernelLine.byName("6.1").get();
    static final long SEED = 20;
    static final int IMAGES = 20;
    static final int CHAINS = 20;

    @Test
    void boundedLiveCheck() throws Exception {
        var skip = Availability.skipReason();
        if (skip.isDefined()) {
            System.out.println("live check skipped: " + skip.get());
        }
        Assumptions.assumeTrue(skip.isEmpty());
        PrintWriter err = new PrintWriter(System.err, true);
        long start = System.nanoTime();

        var x86 = LiveX86.run(KERNEL, SEED, IMAGES, LiveCache.standard(), err);
        if (x86.isLeft() && x86.getLeft().startsWith("building the guest failed")) {
            System.out.println("live check skipped: " + x86.getLeft());
            Assumptions.abort(x86.getLeft());
        }
        assertTrue(x86.isRight(), () -> x86.getLeft());
        String report = X86LiveReport.render(x86.get());
        System.out.print(report);
        assertEquals(IMAGES, x86.get().outcomes().count(o -> o.config().drawn() >= 0), report);
        assertTrue(x86.get().outcomes().forAll(o -> o instanceof ImageOutcome.Identical
                || o instanceof ImageOutcome.RefusedAlike), "replay: ./multilink live x86 --kernel "
                + KERNEL.name() + " --seed " + SEED + " --count " + IMAGES + "\n" + report);

        DesignCatalogue designs = DesignCatalogue.builtIn();
        List<LiveRun.Item> items = List.empty();
        try (var s = Files.list(Path.of("..", "examples"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                Scenario sc = ScenarioJson.parse(Files.readString(p)).get();
                if (sc.design().equals("classic")) {
                    items = items.append(new LiveRun.Item(p.getFileName().toString(), sc));
                }
            }
        }
        var chains = LiveChains.generate(LiveWorlds.design(KERNEL, designs.byName("classic").get()), "default",
                Scenarios.world("default"), SEED, CHAINS, 12);
        items = items.appendAll(chains.zipWithIndex().map(t -> new LiveRun.Item("chain " + t._2, t._1)));
        var run = LiveRun.run(KERNEL, items, designs, LiveCache.standard(), err);
        assertTrue(run.isRight(), () -> run.getLeft());
        String runReport = LiveRunReport.render(run.get(), ", chains seed " + SEED);
        System.out.print(runReport);
        assertTrue(run.get().played().size() >= CHAINS, runReport);
        assertTrue(run.get().played().forAll(LiveRun.Played::agrees), "replay: ./multilink live run --kernel "
                + KERNEL.name() + " examples --chains " + CHAINS + " --seed " + SEED + "\n" + runReport);
        System.out.printf("live check: %.0f s%n", (System.nanoTime() - start) / 1e9);
    }
}
