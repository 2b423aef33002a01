package multilink.live;

import io.vavr.collection.List;
import io.vavr.control.Option;
import multilink.x86.BpfTrampLink;
import multilink.x86.TrampFlag;
import multilink.x86.TrampolineConfig;

/**
 * One sampled configuration the guest can realise: x86gen's configuration (addresses still unlinked) and the
 * kernel function whose BTF gives its model.
 *
 * @param index  position among the realised configurations of the run (the job id)
 * @param drawn  position among all configurations the sampler drew with the run's seed (for replaying)
 * @param config x86gen's configuration
 * @param target the traced function
 * @param probe  for a probe of a refusal the verifier makes before any trampoline exists (x86gen has no part in
 *               it): the rule and the errno the kernel source gives; none for sampled configurations
 */
public record LiveConfig(int index, int drawn, TrampolineConfig config, String target, Option<VerifierRule> probe) {

    /** A load-time refusal: the rule (with its source) and its errno. */
    public record VerifierRule(String rule, int errno) { }

    public LiveConfig(int index, int drawn, TrampolineConfig config, String target) {
        this(index, drawn, config, target, Option.none());
    }

    /** One program as the loader attaches it. */
    public record Attach(String kind, boolean ipArg, long cookie) { }

    /**
     * The attach order. The kernel puts a new link at the head of its kind's list (hlist_add_head in
     * __bpf_trampoline_link_prog(): 6.1 kernel/bpf/trampoline.c:609, 6.12 :595), so each kind is attached in
     * reverse to be invoked in the configuration's order. Under IP_ARG the first program attached calls
     * bpf_get_func_ip(), which is what makes the kernel set the flag.
     */
    public List<Attach> attachOrder() {
        boolean ip = config.has(TrampFlag.IP_ARG);
        List<Attach> out = List.empty();
        out = out.appendAll(config.links().fentry().reverse().map(l -> attach("fentry", l)));
        out = out.appendAll(config.links().fmodRet().reverse().map(l -> attach("fmod_ret", l)));
        out = out.appendAll(config.links().fexit().reverse().map(l -> attach("fexit", l)));
        return out.isEmpty() || !ip ? out : out.update(0, a -> new Attach(a.kind(), true, a.cookie()));
    }

    private static Attach attach(String kind, BpfTrampLink l) {
        return new Attach(kind, false, l.cookie());
    }

    /** The loader's job: "x86 ID FUNC N" and one "p KIND IP COOKIE" line per program. */
    public String job() {
        List<Attach> a = attachOrder();
        return "x86 " + index + " " + target + " " + a.size() + "\n" + a.map(x -> "p " + x.kind() + " "
                + (x.ipArg() ? 1 : 0) + " " + Long.toHexString(x.cookie()) + "\n").mkString();
    }
}
