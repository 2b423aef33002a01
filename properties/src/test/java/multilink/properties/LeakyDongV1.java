package multilink.properties;

import io.vavr.collection.List;
import multilink.model.design.DongV1;
import multilink.model.kernel.Tx;
import multilink.model.state.LinkEntry;

/**
 * A deliberately broken dong-v1: {@code __bpf_tracing_multi_link_release}
 * forgets {@code module_put} on the link's modules, a plausible slip in an
 * error path. It keeps dong-v1's known findings: they need a fault on the
 * unlink path, the leak needs none.
 */
final class LeakyDongV1 extends DongV1 {
    LeakyDongV1() {
        super(io.vavr.collection.HashSet.empty());
    }

    @Override
    public String name() {
        return "dong-v1-leaky";
    }

    @Override
    protected void release(Tx tx, List<String> mods, List<Integer> progs, List<String> btfs,
                           List<LinkEntry> entries) {
        super.release(tx, List.empty(), progs, btfs, entries);
    }
}
