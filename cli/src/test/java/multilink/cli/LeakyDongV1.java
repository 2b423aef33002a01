package multilink.cli;

import io.vavr.collection.List;
import multilink.model.design.DongV1;
import multilink.model.kernel.Tx;
import multilink.model.state.LinkEntry;

/**
 * A planted bug for the tests: dong-v1's {@code __release} that forgets
 * {@code module_put}, the kind of leak review threads find by reading code.
 */
final class LeakyDongV1 extends DongV1 {
    LeakyDongV1() {
        super(io.vavr.collection.HashSet.empty());
    }

    @Override
    public String name() {
        return "leaky-dong-v1";
    }

    @Override
    protected void release(Tx tx, List<String> mods, List<Integer> progs, List<String> btfs, List<LinkEntry> entries) {
        super.release(tx, List.empty(), progs, btfs, entries);
    }
}
