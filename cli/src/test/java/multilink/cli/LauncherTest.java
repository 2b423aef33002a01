package multilink.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ./multilink} launcher, run as a process in two copies of this
 * checkout: each runs its own classes, whatever the other builds. Slow for a
 * unit test: two full Maven compiles of the five modules and one of the cli
 * (79 to 154 s measured on this project's 2-core machine while other builds
 * kept it busy), so it is one test that shares its builds; a failing build
 * uses a stand-in mvn. Needs mvn on PATH.
 */
class LauncherTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final String MAIN = "cli/src/main/java/multilink/cli/Main.java";
    static final String[] MODULES = {"cli", "model", "spec", "x86gen", "properties"};
    static final long BUILD_S = 300;

    @TempDir
    Path tmp;

    @Test
    void eachCheckoutRunsItsOwnClassesAndRebuildsWhenItsSourcesChange() throws Exception {
        Path a = copyOfCheckout(tmp.resolve("a"));
        Path b = copyOfCheckout(tmp.resolve("b"));
        Path cwd = Files.createDirectories(tmp.resolve("elsewhere"));
        edit(b, MAIN, "VERSION = \"" + Main.VERSION + "\"", "VERSION = \"clone-b-marker\"");

        Proc a1 = launch(a, cwd, "--version");
        assertEquals(0, a1.exit(), a1.toString());
        assertTrue(a1.err().contains("multilink: building"), "the first run builds: " + a1);
        assertRunsFrom(a, a1);
        assertTrue(a1.out().startsWith("multilink " + Main.VERSION + "\n"), a1.out());

        Proc b1 = launch(b, cwd, "--version");
        assertEquals(0, b1.exit(), b1.toString());
        assertRunsFrom(b, b1);
        assertTrue(b1.out().startsWith("multilink clone-b-marker\n"), b1.out());

        Proc a2 = launch(a, cwd, "--version");
        assertEquals(0, a2.exit(), a2.toString());
        assertEquals("", a2.err(), "nothing changed in a: no build");
        assertEquals(a1.out(), a2.out(), "a still runs a's classes after b was built");
        assertFalse(a2.out().contains("clone-b-marker"));

        // a changed source: the next run rebuilds and runs the new classes
        edit(a, MAIN, "VERSION = \"" + Main.VERSION + "\"", "VERSION = \"clone-a-changed\"");
        Proc a3 = launch(a, cwd, "--version");
        assertEquals(0, a3.exit(), a3.toString());
        assertTrue(a3.err().contains("multilink: building"), "Main.java changed: " + a3);
        assertTrue(a3.out().startsWith("multilink clone-a-changed\n"), a3.out());
        assertRunsFrom(a, a3);

        // a change in another module is seen too; a build that fails is one line naming the log, exit 3
        // (a stand-in mvn that fails at once, rather than a real failing build)
        edit(a, "model/src/main/java/multilink/model/state/KState.java", "public record KState",
                "// changed by LauncherTest\npublic record KState");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path fakeMvn = bin.resolve("mvn");
        Files.writeString(fakeMvn, "#!/bin/sh\necho 'stand-in mvn: KState.java does not compile' >&2\nexit 1\n");
        assertTrue(fakeMvn.toFile().setExecutable(true));
        Proc a4 = Proc.run(cwd, BUILD_S, List.of("env", "PATH=" + bin + ":" + System.getenv("PATH"),
                a.resolve("multilink").toString(), "--version").toArray(String[]::new));
        assertEquals(3, a4.exit(), a4.toString());
        List<String> lines = a4.errLines();
        assertEquals(2, lines.size(), a4.toString());
        assertTrue(lines.get(0).startsWith("multilink: building"), a4.toString());
        String failed = lines.get(1);
        assertTrue(failed.startsWith("multilink: build failed; the Maven output is in "), failed);
        Path log = Path.of(failed.substring(failed.lastIndexOf(' ') + 1));
        assertTrue(Files.readString(log).contains("KState.java does not compile"), "the log is mvn's output");
        Files.delete(log);
    }

    private static void assertRunsFrom(Path checkout, Proc p) {
        for (String m : MODULES) {
            String want = m + " ".repeat(12 - m.length()) + checkout.resolve(m).resolve("target/classes");
            assertTrue(p.out().lines().anyMatch(l -> l.strip().equals(want)), "expected '" + want + "' in\n"
                    + p.out());
        }
    }

    private static Proc launch(Path checkout, Path cwd, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = checkout.resolve("multilink").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        return Proc.run(cwd, BUILD_S, cmd);
    }

    private static void edit(Path checkout, String file, String from, String to) throws IOException {
        Path f = checkout.resolve(file);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), file + " has no '" + from + "'");
        Files.writeString(f, text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** The files git knows of (tracked, or new and not ignored) as they are in the work tree: no target/. */
    private static Path copyOfCheckout(Path dest) throws IOException, InterruptedException {
        Proc ls;
        try {
            ls = Proc.run(ROOT, 60, "git", "ls-files", "--cached", "--others", "--exclude-standard");
        } catch (IOException e) {
            Assumptions.abort("git is not available: " + e.getMessage());
            throw e;
        }
        Assumptions.assumeTrue(ls.exit() == 0, "not a git checkout: " + ls.err());
        for (String name : ls.out().lines().toList()) {
            Path from = ROOT.resolve(name);
            if (Files.isRegularFile(from)) {
                Path to = dest.resolve(name);
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        assertTrue(Files.isExecutable(dest.resolve("multilink")));
        return dest;
    }
}
