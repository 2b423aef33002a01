package multilink.x86;

import io.vavr.collection.List;

/** The per-kind ordered program lists (tlinks[BPF_TRAMP_FENTRY], [BPF_TRAMP_FEXIT], [BPF_TRAMP_MODIFY_RETURN]). */
public record TrampLinks(List<BpfTrampLink> fentry, List<BpfTrampLink> fexit, List<BpfTrampLink> fmodRet) {
    public static final TrampLinks NONE = new TrampLinks(List.empty(), List.empty(), List.empty());

    public int total() {
        return fentry.size() + fexit.size() + fmodRet.size();
    }

    /** Programs in emission order: fentry, then fmod_ret, then fexit. */
    public List<BpfTrampLink> inEmissionOrder() {
        return fentry.appendAll(fmodRet).appendAll(fexit);
    }
}
