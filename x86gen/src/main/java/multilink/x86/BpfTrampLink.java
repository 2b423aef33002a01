package multilink.x86;

import io.vavr.control.Option;

/**
 * One attached program as the trampoline sees it (struct bpf_tramp_link / bpf_tramp_node): its struct bpf_prog
 * pointer, its JITed entry, the link cookie and the sleepable bit. Missing addresses are linked later.
 */
public record BpfTrampLink(Option<Long> prog, Option<Long> bpfFunc, long cookie, boolean sleepable) {
    public static BpfTrampLink unlinked(long cookie, boolean sleepable) {
        return new BpfTrampLink(Option.none(), Option.none(), cookie, sleepable);
    }

    public BpfTrampLink at(long progAddr, long bpfFuncAddr) {
        return new BpfTrampLink(Option.some(progAddr), Option.some(bpfFuncAddr), cookie, sleepable);
    }
}
