package multilink.model.state;

/**
 * One entry on a trampoline's prog list: {@code struct bpf_tramp_node} (merged),
 * {@code bpf_tramp_link_conn} (seed 001) or the link itself (classic). It
 * names the link object that owns it, the prog it runs and the cookie.
 */
public record TrampNode(int link, int prog, long cookie) {
    @Override
    public String toString() {
        return "L" + link + "/p" + prog + (cookie != 0 ? "#" + cookie : "");
    }
}
