package multilink.spec;

import io.vavr.collection.List;
import multilink.model.design.DongV1;
import multilink.model.kernel.Tx;
import multilink.model.state.LinkEntry;

/** dong-v1 with a planted bug: the link release drops its last btf_put. */
final class LeakyBtfDongV1 extends DongV1 {
    LeakyBtfDongV1() {
        // with its fixes on: the known findings' leaks would make the graph infinite
        super(io.vavr.collection.HashSet.of("kvfree", "freeentries", "unlinkall", "detachnofail", "denycheck"));
    }

    /** The same bug planted in the spec: DongV1Ops' Release puts all but the last BTF. */
    static String patchSpec(String file, String text) {
        if (!file.equals("DongV1Ops.tla")) {
            return text;
        }
        String from = "ELSE ForEach(BtfPut, T1, btfs)";
        if (!text.contains(from)) {
            throw new IllegalStateException("DongV1Ops.tla no longer has the line the test patches");
        }
        return text.replace(from, "ELSE ForEach(BtfPut, T1, SubSeq(btfs, 1, Len(btfs) - 1))");
    }

    @Override
    protected void release(Tx tx, List<String> mods, List<Integer> progs, List<String> btfs,
                           List<LinkEntry> entries) {
        super.release(tx, mods, progs, btfs.isEmpty() ? btfs : btfs.init(), entries);
    }
}
