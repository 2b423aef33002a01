package multilink.model.design;

import io.vavr.collection.List;
import io.vavr.control.Option;

import static multilink.model.design.Switch.Kind.BUG;
import static multilink.model.design.Switch.Kind.FEATURE;
import static multilink.model.design.Switch.Kind.FIX;

/**
 * Every switch the model knows: the features the series differ in, the fix
 * of each known finding and the seeded bugs of the kill matrix. The spec
 * (spec/src/main/tla) implements the same names; README tables are compared
 * with this list by a test.
 */
public final class Switches {
    private Switches() {
    }

    /** The switch family of the shared (mainline) paths: every preset runs them. */
    public static final String EVERY = "every";
    /** Seed 000's single-ops multi attach (SingleOpsMulti): olsa-v3, upstream, and sdt-observer on top. */
    public static final String SINGLE_OPS = "single-ops";
    // a switch of one preset's own code has the preset's name as its family;
    // seed 004 is posted against bpf-next with the merged multi link: upstream's code plus SDT links
    private static final String SDT = "sdt-observer";
    private static final String DONG = "dong-v1";
    /**
     * Seed 001's tracing_multi UAPI code that a later series of the same
     * author posts unchanged (DongV1's user-array check and target resolution:
     * bpf_tracing_multi_link_check, bpf_tracing_get_target); dong-v1 and every
     * preset that calls that code run it.
     */
    public static final String DONG_UAPI = "dong-uapi";
    private static final String CLASSIC = "classic";

    // ---- features: what olsa-v3 and upstream differ in (kernel-facts 2.5) ----
    public static final String COOKIES = "cookies";
    public static final String SORT = "sort";
    // ---- kernel lines: where an older stable kernel's classic paths differ from mainline's ----
    public static final String TRAMPMOD = "trampmod";
    // ---- fixes of known findings ----
    public static final String DEDUP = "dedup";
    public static final String RETIREFIX = "retirefix";
    public static final String DETACHNOFAIL = "detachnofail";
    public static final String UNLINKALL = "unlinkall";
    public static final String KVFREE = "kvfree";
    public static final String FREEENTRIES = "freeentries";
    public static final String DENYCHECK = "denycheck";
    public static final String TRACINGFLAG = "tracingflag";
    public static final String SDTKEY = "sdtkey";
    public static final String UNREGKEEP = "unregkeep";

    private static Switch sw(String name, Switch.Kind kind, String family, String place, String summary) {
        return new Switch(name, kind, family, place, summary);
    }

    private static Switch bug(String name, String family, String place, String summary) {
        return sw(name, BUG, family, place, summary);
    }

    /** Every switch: the built-in ones below, then each preset's own ({@link Preset#ownSwitches()}). */
    public static final List<Switch> ALL;

    private static final List<Switch> BUILT_IN = List.of(
            sw(COOKIES, FEATURE, SINGLE_OPS, "bpf_tracing_multi_attach (merged)",
                    "the UAPI's tracing_multi.cookies: one cookie per id"),
            sw(SORT, FEATURE, SINGLE_OPS, "bpf_tracing_multi_attach (merged)",
                    "ids sorted by trampoline key, cookies with them"),
            sw(TRAMPMOD, FEATURE, CLASSIC, "register_fentry/unregister_fentry (6.1 kernel/bpf/trampoline.c:175-256)",
                    "6.1's module lifetime: a registered trampoline pins its function's module (tr->mod), "
                            + "a prog does not (no aux->mod), so delete_module succeeds under loaded progs"),
            sw(DEDUP, FIX, SINGLE_OPS, "bpf_tracing_multi_attach (merged)",
                    "H7 fix: a duplicate id (key) is -EINVAL before any trampoline is taken"),
            sw(RETIREFIX, FIX, SINGLE_OPS, "bpf_trampoline_multi_attach_free (merged, Aug 2026)",
                    "H8 fix: old_image is put only when it is no longer cur_image"),
            sw(DETACHNOFAIL, FIX, EVERY, "bpf_trampoline_unlink_prog, bpf_trampoline_multi_detach",
                    "H9 fix: the update of a detach or rollback cannot fail (its image and ftrace "
                            + "hash reserved when the prog was linked)"),
            sw(UNLINKALL, FIX, DONG, "bpf_trampoline_multi_unlink_prog (seed 001)",
                    "H5 fix: unlink goes on past a failing entry (WARN) instead of stopping there"),
            sw(KVFREE, FIX, DONG_UAPI, "bpf_tracing_prog_attach_multi (seed 001)",
                    "H1 fix: btf_ids, tgt_fds and cookies are freed with kvfree"),
            sw(FREEENTRIES, FIX, DONG, "__bpf_tracing_multi_link_release (seed 001)",
                    "H3 fix: link.entries is freed on every error path, also before the first entry counts"),
            sw(DENYCHECK, FIX, DONG, "bpf_check_attach_target (seed 003 patch 09)",
                    "H14 fix: every target is checked against btf_id_deny and noreturn_deny, not only the first"),
            sw(TRACINGFLAG, FIX, DONG, "bpf_tracing_prog_attach_multi (seed 001)",
                    "H4 fix: attach_tracing_prog is set once the link exists, from every target, never cleared"),
            sw(UNREGKEEP, FIX, EVERY, "unregister_fentry (merged trampoline.c, 2026)",
                    "H15 fix: a failed unregister keeps cur_image installed instead of putting the image "
                            + "ftrace still calls"),
            sw(SDTKEY, FIX, SDT, "bpf_sdt_link_attach (seed 004), bpf_trampoline_compute_key",
                    "H10 fix: SDT keys carry a tag bit, so orig_off never meets a subprog's BTF id"),

            // ---- seeded bugs in the shared (classic) paths ----
            bug("bug_release_no_tramp_put", EVERY, "bpf_tracing_link_release",
                    "release skips bpf_trampoline_put"),
            bug("bug_release_no_tgt_prog_put", EVERY, "bpf_tracing_link_release",
                    "release skips bpf_prog_put(tgt_prog) of a freplace link"),
            bug("bug_attach_err_no_tramp_put", EVERY, "bpf_tracing_prog_attach (out_unlock)",
                    "error path after bpf_trampoline_get skips the put of tr != dst_trampoline"),
            bug("bug_attach_keeps_dst_prog", EVERY, "bpf_tracing_prog_attach",
                    "success with another target skips bpf_prog_put(dst_prog)"),
            bug("bug_attach_keeps_dst_tramp", EVERY, "bpf_tracing_prog_attach",
                    "success on another trampoline skips bpf_trampoline_put(dst_trampoline)"),
            bug("bug_cleanup_puts_prog", EVERY, "bpf_tracing_prog_attach (bpf_link_cleanup)",
                    "the cleanup path also puts the prog, which link_create puts again"),
            bug("bug_link_err_keeps_node", EVERY, "__bpf_trampoline_link_prog",
                    "a failed update leaves the new node on the list"),
            bug("bug_modify_no_image_put", EVERY, "modify_fentry / bpf_trampoline_update",
                    "a successful modify does not retire the old image"),
            bug("bug_unregister_no_image_put", EVERY, "unregister_fentry / bpf_trampoline_update",
                    "the last prog's unregister does not put cur_image"),
            bug("bug_arch_prepare_leaks_image", EVERY, "bpf_trampoline_update",
                    "arch_prepare_bpf_trampoline failure does not free the new image"),
            bug("bug_ftrace_err_leaks_image", EVERY, "bpf_trampoline_update",
                    "a failed register/modify_fentry does not free the new image"),
            bug("bug_no_tramp_limit", EVERY, "bpf_trampoline_link_prog",
                    "the BPF_MAX_TRAMP_LINKS check (-E2BIG) is dropped"),
            bug("bug_fmodret_any_func", EVERY, "bpf_check_attach_target",
                    "fmod_ret is allowed on functions outside the error-injection allowlist"),
            bug("bug_ext_not_exclusive", EVERY, "__bpf_trampoline_link_prog",
                    "fentry/fexit may join a trampoline that has an extension prog"),
            bug("bug_prog_twice_on_list", EVERY, "bpf_trampoline_link_prog",
                    "the 'prog already on this list' check (-EBUSY) is dropped"),
            bug("bug_prog_free_no_btf_put", EVERY, "__bpf_prog_put_noref",
                    "freeing a prog skips btf_put(attach_btf)"),
            bug("bug_prog_free_no_mod_put", EVERY, "__bpf_prog_put_noref",
                    "freeing a prog skips module_put(aux->mod)"),
            bug("bug_mod_swap_no_put", EVERY, "bpf_tracing_prog_attach",
                    "re-attach swaps prog->aux->mod without putting the old module"),
            bug("bug_unload_ignores_refs", EVERY, "delete_module",
                    "a module goes away while progs or links still pin it"),
            bug("bug_close_prog_no_put", EVERY, "bpf_prog_release",
                    "closing a prog fd does not drop the fd's reference"),
            bug("bug_link_create_no_put", EVERY, "link_create",
                    "a failed attach does not put the prog link_create took"),

            // ---- seeded bugs in seed 000's single-ops multi attach ----
            bug("bug_multi_err_no_tramp_put", SINGLE_OPS, "bpf_trampoline_multi_attach (rollback_put)",
                    "a failing id check skips the puts of the trampolines already taken"),
            bug("bug_multi_no_free_old", SINGLE_OPS, "bpf_trampoline_multi_attach_free",
                    "a successful attach does not retire the old images"),
            bug("bug_rollback_leaks_image", SINGLE_OPS, "bpf_trampoline_multi_attach (rollback_unlink)",
                    "rollback restores old_image without putting the new cur_image"),
            bug("bug_multi_detach_no_del", SINGLE_OPS, "bpf_trampoline_multi_detach",
                    "detach skips update_ftrace_direct_del for trampolines that emptied"),
            bug("bug_multi_detach_no_tramp_put", SINGLE_OPS, "bpf_trampoline_multi_detach",
                    "detach does not put the trampolines"),
            bug("bug_hash_alloc_no_put", SINGLE_OPS, "bpf_trampoline_multi_attach",
                    "a failed ftrace hash allocation skips the trampoline puts"),

            // ---- seeded bugs in seed 001's multi link ----
            bug("bug_dong_err_leaks_link", DONG, "bpf_tracing_prog_attach_multi (err_out)",
                    "the error path does not kfree the link object"),
            bug("bug_dong_dup_btf_no_put", DONG_UAPI, "bpf_tracing_prog_attach_multi",
                    "a BTF already in the ptr_array keeps its extra reference"),
            bug("bug_dong_dup_mod_no_put", DONG, "bpf_tracing_prog_attach_multi",
                    "a module already in the ptr_array keeps its extra reference"),
            bug("bug_dong_keeps_dst_tramp", DONG, "bpf_tracing_prog_attach_multi",
                    "success does not put prog->aux->dst_trampoline"),
            bug("bug_dong_release_no_btf_put", DONG, "__bpf_tracing_multi_link_release",
                    "release skips btf_put of tgt_btfs"),
            bug("bug_dong_prime_err_no_unlink", DONG, "bpf_tracing_prog_attach_multi",
                    "a failed bpf_link_prime does not unlink the entries"),

            // ---- seeded bugs in seed 004's SDT link ----
            bug("bug_sdt_release_no_tramp_put", SDT, "bpf_sdt_link_release",
                    "release skips bpf_trampoline_put"),
            bug("bug_sdt_err_no_tramp_put", SDT, "bpf_sdt_link_attach (err_put_tramp)",
                    "a failed bpf_trampoline_link_prog skips the trampoline put"),
            bug("bug_sdt_release_puts_tgt_prog", SDT, "bpf_sdt_link_release",
                    "release also puts the target prog, as bpf_tracing_link_release does"),
            bug("bug_sdt_attach_consumes_dst_prog", SDT, "bpf_sdt_link_attach",
                    "attach clears prog->aux->dst_prog without a put, as bpf_tracing_prog_attach does"));

    static {
        ALL = BUILT_IN.appendAll(Presets.ALL.flatMap(Preset::ownSwitches));
    }

    public static Option<Switch> byName(String name) {
        return ALL.find(s -> s.name().equals(name));
    }

    public static List<Switch> of(Switch.Kind kind) {
        return ALL.filter(s -> s.kind() == kind);
    }

    /** The switches that change a preset's code paths. */
    public static List<Switch> forPreset(String preset) {
        return ALL.filter(s -> s.appliesTo(preset));
    }
}
