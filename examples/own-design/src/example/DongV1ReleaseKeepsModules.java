package example;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import multilink.model.design.DongV1;
import multilink.model.kernel.Tx;
import multilink.model.state.LinkEntry;

/**
 * A reviewer's own variant of seed 001, as a design in a jar of their own:
 * the patch under review moved the module_put of __bpf_tracing_multi_link_release
 * out of the release path (and forgot it). Load it with
 * ./multilink check --design-jar own.jar --design dong-v1-release-keeps-modules.
 */
public final class DongV1ReleaseKeepsModules extends DongV1 {
    public DongV1ReleaseKeepsModules() {
        super(HashSet.empty());
    }

    @Override
    public String name() {
        return "dong-v1-release-keeps-modules";
    }

    @Override
    protected void release(Tx tx, List<String> mods, List<Integer> progs, List<String> btfs,
                           List<LinkEntry> entries) {
        super.release(tx, List.empty(), progs, btfs, entries);
    }
}
