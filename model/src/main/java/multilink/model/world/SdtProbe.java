package multilink.model.world;

/**
 * A USDT-style probe site compiled into a BPF target program (seed 004,
 * {@code struct bpf_sdt_probe_info}): where in the program it sits and how
 * many arguments it passes. An SDT observer prog is loaded against one probe
 * and attached there.
 *
 * @param name    {@code sdt->val.name}
 * @param origOff {@code sdt->val.orig_off}: the probe's offset in the target
 *                program, which is also the low half of its trampoline key
 * @param nargs   {@code sdt->val.nargs}: each argument 8 bytes, in the BPF
 *                register {@code arg_reg[i]} names (x86gen's concern, not the model's)
 */
public record SdtProbe(String name, int origOff, int nargs) {
}
