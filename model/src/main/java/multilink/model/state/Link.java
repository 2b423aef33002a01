package multilink.model.state;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * A live link: {@code bpf_tracing_link} (classic, one entry),
 * {@code bpf_tracing_multi_link} (per design) or {@code bpf_sdt_link}. Present
 * from settle until its fd is closed; close runs release and dealloc in the
 * same step.
 *
 * @param id       the link object (its idr id once settled)
 * @param type     link type
 * @param prog     {@code link->prog}: the reference {@code link_create} took
 * @param entries  trampolines joined, with cookies
 * @param tgtProg  classic {@code tgt_prog}: one prog reference
 * @param tgtProgs seed 001 {@code tgt_progs[]}: one reference each
 * @param btfs     seed 001 {@code tgt_btfs[]}: one reference each
 * @param mods     seed 001 {@code mods[]}: one reference each
 */
public record Link(int id, LinkType type, int prog, List<LinkEntry> entries, Option<Integer> tgtProg,
                   List<Integer> tgtProgs, List<String> btfs, List<String> mods) {
}
