package multilink.model.state;

import io.vavr.control.Option;
import multilink.model.world.Target;

/**
 * A loaded {@code struct bpf_prog}, reduced to what attach and free touch
 * (kernel-facts 1.1).
 *
 * @param id            prog id
 * @param type          type and expected attach type
 * @param attachTarget  the function or subprog it was verified against
 *                      ({@code attach_btf_id} / {@code attach_prog_fd}); for
 *                      olsa-v3/upstream multi progs the BTF's placeholder, named
 *                      by any function of that BTF
 * @param sleepable     {@code prog->sleepable}
 * @param fdOpen        the user's fd is still open (one reference)
 * @param refcnt        {@code aux->refcnt}
 * @param attachBtf     {@code aux->attach_btf}: one BTF reference, put at free
 * @param mod           {@code aux->mod}: one module reference, put at free
 * @param dstProg       {@code aux->dst_prog}: one prog reference until consumed
 * @param dstTrampoline {@code aux->dst_trampoline}: one trampoline reference until consumed
 * @param attachTracingProg {@code aux->attach_tracing_prog}: it traces a tracing prog, so no
 *                      tracing prog may attach to it ("Cannot nest tracing program attach more
 *                      than once", kernel/bpf/verifier.c:22621-22630 in 6.12)
 */
public record Prog(int id, ProgType type, Option<Target> attachTarget, boolean sleepable, boolean fdOpen,
                   int refcnt, Option<String> attachBtf, Option<String> mod, Option<Integer> dstProg,
                   Option<Target> dstTrampoline, boolean attachTracingProg) {

    public Prog(int id, ProgType type, Option<Target> attachTarget, boolean sleepable, boolean fdOpen,
                int refcnt, Option<String> attachBtf, Option<String> mod, Option<Integer> dstProg,
                Option<Target> dstTrampoline) {
        this(id, type, attachTarget, sleepable, fdOpen, refcnt, attachBtf, mod, dstProg, dstTrampoline, false);
    }

    public Prog withRefcnt(int r) {
        return new Prog(id, type, attachTarget, sleepable, fdOpen, r, attachBtf, mod, dstProg, dstTrampoline,
                attachTracingProg);
    }

    public Prog withFdOpen(boolean open) {
        return new Prog(id, type, attachTarget, sleepable, open, refcnt, attachBtf, mod, dstProg, dstTrampoline,
                attachTracingProg);
    }

    public Prog withMod(Option<String> m) {
        return new Prog(id, type, attachTarget, sleepable, fdOpen, refcnt, attachBtf, m, dstProg, dstTrampoline,
                attachTracingProg);
    }

    public Prog withDst(Option<Integer> prog, Option<Target> tramp) {
        return new Prog(id, type, attachTarget, sleepable, fdOpen, refcnt, attachBtf, mod, prog, tramp,
                attachTracingProg);
    }

    public Prog withAttachTracingProg(boolean b) {
        return new Prog(id, type, attachTarget, sleepable, fdOpen, refcnt, attachBtf, mod, dstProg, dstTrampoline, b);
    }
}
