package multilink.spec;

import io.vavr.collection.List;
import io.vavr.control.Either;
import multilink.model.design.Design;
import multilink.spec.tlc.TlcProcess;
import multilink.spec.tlc.TlcResult;
import multilink.spec.tlc.Workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLC's speed on a design's default run, on the checkout's spec and on the
 * spec of an earlier commit, side by side (issue 14's benchmark). The earlier
 * spec is read from the checkout's git history, not kept as a second copy in
 * the tree; it runs with its own MC modules and configs, the bounds of its
 * day, so the figures to compare are rates, not totals. Both run with one
 * worker and are timed from TLC's report of the initial states to the end.
 */
public final class TlcBench {
    /** The spec issue 14 measured its figures on (19-48k states generated/s). */
    public static final String BASELINE = "1ea4121";

    private static final String SPEC_DIR = "spec/src/main/tla/";

    private TlcBench() {
    }

    /** The checkout's spec: the design's default run, with every known finding's fix, as {@code tlc} runs it. */
    public static Either<String, TlcResult> current(Design design) {
        return Tlc.check(design, RunConfig.defaultFor(design), 1, p -> { });
    }

    /** Whether the checkout's history holds {@code commit} (a shallow clone may not). */
    public static boolean has(Path checkout, String commit) {
        return git(checkout, "cat-file", "-e", commit + "^{commit}").isRight();
    }

    /** The spec of {@code commit} written to a new run directory, from the git history of {@code checkout}. */
    public static Either<String, Path> baseline(Path checkout, String commit) {
        Either<String, String> listing = git(checkout, "ls-tree", "--name-only", commit, SPEC_DIR);
        if (listing.isLeft()) {
            return Either.left("spec of " + commit + " not available: " + listing.getLeft());
        }
        List<String> files = List.of(listing.get().split("\n")).map(String::trim)
                .filter(f -> f.endsWith(".tla") || f.endsWith(".cfg"));
        if (files.isEmpty()) {
            return Either.left("spec of " + commit + " not available: no " + SPEC_DIR + " there");
        }
        Either<String, Path> made = Workspace.empty(Workspace.base(), "bench-" + commit);
        if (made.isLeft()) {
            return made;
        }
        Path dir = made.get();
        Either<String, Path> filled = Either.right(dir);
        for (String f : files) {
            Either<String, Path> written = git(checkout, "show", commit + ":" + f)
                    .flatMap(text -> Workspace.write(dir, f.substring(f.lastIndexOf('/') + 1), text));
            if (written.isLeft()) {
                filled = Either.left("spec of " + commit + " not available: " + written.getLeft());
                break;
            }
        }
        return Workspace.discardOnLeft(dir, filled);
    }

    /** The baseline's default run of {@code design} (its MC module and config), if the baseline has the design. */
    public static Either<String, TlcResult> baselineRun(Path dir, Design design) {
        String mc = SpecDesign.of(design).map(SpecDesign::mcModule).getOrElse("");
        if (mc.isEmpty() || !Files.exists(dir.resolve(mc + ".cfg"))) {
            return Either.left("no " + (mc.isEmpty() ? "module" : mc) + " in that spec");
        }
        return TlcProcess.run(dir, mc, mc, 1, io.vavr.collection.List.empty(), p -> { }, line -> { });
    }

    private static Either<String, String> git(Path checkout, String... args) {
        List<String> cmd = List.of("git", "-C", checkout.toString()).appendAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd.asJava()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            return exit == 0 ? Either.right(out)
                    : Either.left("git " + args[0] + " failed: " + out.lines().findFirst().orElse("exit " + exit));
        } catch (IOException e) {
            return Either.left("cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left("interrupted");
        }
    }
}
