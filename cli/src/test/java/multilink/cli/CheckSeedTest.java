package multilink.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --seed replays check's random exploration exactly; another seed explores otherwise. */
class CheckSeedTest {

    /** The random rows without the timing column, which is the only thing allowed to vary. */
    private static List<String> randomRows(Cli cli) {
        return cli.out().lines().filter(l -> l.startsWith("random"))
                .map(l -> l.replaceAll("\\s+", " ").replaceAll("^((?:\\S+ ){4})\\S+ ", "$1"))
                .collect(Collectors.toList());
    }

    @Test
    void theSameSeedReplaysTheSameRun() {
        Cli a = Cli.run("check", "--quick", "--design", "dong-v1", "--seed", "11");
        Cli b = Cli.run("check", "--quick", "--design", "dong-v1", "--seed", "11");
        Cli c = Cli.run("check", "--quick", "--design", "dong-v1", "--seed", "12");
        assertEquals(0, a.exit(), a.out() + a.err());
        assertTrue(a.err().contains("replay: ./multilink check --seed 11 --design dong-v1 --quick"), a.err());
        assertEquals(2, randomRows(a).size(), "dong-v1 and dong-v1+fixes: " + a.out());
        assertEquals(randomRows(a), randomRows(b), "same seed, same chains, steps and findings");
        assertNotEquals(randomRows(a), randomRows(c), "another seed explores other chains");
    }
}
