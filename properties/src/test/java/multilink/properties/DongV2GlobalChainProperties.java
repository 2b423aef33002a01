package multilink.properties;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.statistics.Statistics;

import static multilink.properties.ModelChainProperties.ChainState;

/**
 * jqwik action chains for dong-v2-global (seed 003 v2), judged after every
 * step like every design's ({@link ModelChainProperties}): the preset may show
 * its known findings (H2, H6a-c, H1, and the shared H9/H15) and nothing else;
 * the design with every fix on must keep every invariant, its own
 * (KFUNC_MD_*, GTRAMP_*) included. Both must reach multi links and the
 * global trampolines' errnos.
 */
class DongV2GlobalChainProperties {

    @Provide
    Arbitrary<ActionChain<ChainState>> preset() {
        return ModelChainProperties.chains("dong-v2-global");
    }

    @Provide
    Arbitrary<ActionChain<ChainState>> fixed() {
        return ModelChainProperties.chains("dong-v2-global+fixes");
    }

    /** Multi links were made, and the attach path returned its own errnos (EEXIST, EOPNOTSUPP). */
    static void coveredMulti() {
        ModelChainProperties.covered();
        Statistics.label("link created").coverage(c -> c.check("TRACING_MULTI").count(n -> n >= 100));
        Statistics.label("errno").coverage(c -> {
            c.check("EEXIST").count(n -> n > 0);
            c.check("EOPNOTSUPP").count(n -> n > 0);
        });
    }

    @Property(tries = 1000)
    void dongV2GlobalKeepsEveryInvariantButItsFindings(@ForAll("preset") ActionChain<ChainState> chain) {
        chain.run();
        coveredMulti();
        Statistics.label("known finding").coverage(c -> c.check("H6c").count(n -> n > 0));
    }

    @Property(tries = 500)
    void dongV2GlobalWithEveryFixKeepsEveryInvariant(@ForAll("fixed") ActionChain<ChainState> chain) {
        chain.run();
        // with every fix on nothing is known: a finding's violation fails the chain
        coveredMulti();
    }
}
