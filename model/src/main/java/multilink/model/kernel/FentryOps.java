package multilink.model.kernel;

import multilink.model.Errno;
import multilink.model.state.Image;
import multilink.model.state.Trampoline;

/**
 * {@code struct bpf_trampoline_ops}: how {@code bpf_trampoline_update} installs
 * an image. The plain ops touch ftrace (or poke text) at once; the multi ops
 * of the single-ops designs only record what to do in the link's hashes.
 */
public interface FentryOps {
    /** First image for the trampoline ({@code register_fentry}). */
    Errno register(Tx tx, Trampoline tr, Image im);

    /** Replace the installed image ({@code modify_fentry}). */
    Errno modify(Tx tx, Trampoline tr, Image im);

    /** The last prog left ({@code unregister_fentry}). */
    Errno unregister(Tx tx, Trampoline tr);
}
