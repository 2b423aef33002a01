package multilink.model.state;

import io.vavr.collection.List;
import multilink.model.world.Target;

/**
 * A trampoline image ({@code struct bpf_tramp_image}) as the value it was
 * generated from: the trampoline and its three prog lists at generation time,
 * in invocation order. Two images with equal content are the same value; the
 * model counts live allocations of each value in {@link KState#images()}, so
 * a leak or a free of an image still in use stays visible.
 */
public record Image(Target tramp, List<TrampNode> fentry, List<TrampNode> fexit, List<TrampNode> fmodRet) {

    public boolean names(int prog) {
        return fentry.appendAll(fexit).appendAll(fmodRet).exists(n -> n.prog() == prog);
    }

    public boolean namesLink(int link) {
        return fentry.appendAll(fexit).appendAll(fmodRet).exists(n -> n.link() == link);
    }

    @Override
    public String toString() {
        return "img(" + tramp + ":" + fentry.mkString(",") + "|" + fexit.mkString(",") + "|"
                + fmodRet.mkString(",") + ")";
    }
}
