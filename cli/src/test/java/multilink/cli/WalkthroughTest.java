package multilink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Checking your own patch" runs as written: every "$ ./multilink"
 * line of that section, in order, with the exit code the prose gives it
 * (the counterexample directory and the jar live in a temporary directory).
 */
class WalkthroughTest {
    @TempDir
    Path dir;

    static List<String> commands() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int from = readme.indexOf("## Checking your own patch");
        int to = readme.indexOf("\n## ", from + 1);
        assertTrue(from >= 0 && to > from, "the README has its walkthrough");
        return readme.substring(from, to).lines().filter(l -> l.startsWith("$ ./multilink "))
                .map(l -> l.substring("$ ./multilink ".length())).collect(Collectors.toList());
    }

    @Test
    void theWalkthroughsCommandsRunAsWritten() throws IOException {
        List<String> cmds = commands();
        // switch variant is clean; the seeded bug is a violation; its replay passes; the user's jar breaks
        List<Integer> exits = List.of(0, 1, 0, 1);
        assertEquals(exits.size(), cmds.size(), "commands in the walkthrough: " + cmds);
        Path jar = DesignJarTest.buildJar(dir);
        for (int i = 0; i < cmds.size(); i++) {
            String[] args = Arrays.stream(cmds.get(i).split(" "))
                    .map(a -> a.replace("review", dir.resolve("review").toString()))
                    .map(a -> a.equals("own.jar") ? jar.toString() : a).toArray(String[]::new);
            Cli cli = Cli.run(args);
            assertEquals(exits.get(i), cli.exit(), cmds.get(i) + "\n" + cli.out() + cli.err());
        }
    }
}
