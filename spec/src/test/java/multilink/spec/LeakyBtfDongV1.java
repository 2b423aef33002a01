package multilink.spec;

import io.vavr.collection.List;
import multilink.model.design.DongV1;
import multilink.model.kernel.Tx;
import multilink.model.state.LinkEntry;

/** dong-v1 with a planted bug: the link release drops its last btf_put. */
final class LeakyBtfDongV1 extends DongV1 {
    LeakyBtfDongV1() {
        super(io.vavr.collection.HashSet.empty());
    }

    /** The same bug planted in the spec: DongV1Ops' Release puts all but the last BTF. */
    static String patchSpec(String file, String text) {
        if (!file.equals("DongV1Ops.tla")) {
            return text;
        }
        String from = "ForEach(BtfPut, ForEach(ProgPut, ForEach(ModulePut, T, mods), progs), btfs)";
        if (!text.contains(from)) {
            throw new IllegalStateException("DongV1Ops.tla no longer has the line the test patches");
        }
        return text.replace(from,
                "ForEach(BtfPut, ForEach(ProgPut, ForEach(ModulePut, T, mods), progs), SubSeq(btfs, 1, Len(btfs) - 1))");
    }

    @Override
    protected void release(Tx tx, List<String> mods, List<Integer> progs, List<String> btfs,
                           List<LinkEntry> entries) {
        super.release(tx, mods, progs, btfs.isEmpty() ? btfs : btfs.init(), entries);
    }
}
