package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No tracing trampoline the kernel lets a trampoline hold reaches the image
 * size limit. The JIT counts {@code BPF_INSN_SAFETY} (64) bytes after the
 * code and refuses code past {@code PAGE_SIZE - 64} with a WARN and -EFAULT
 * (6.12 arch/x86/net/bpf_jit_comp.c:3193-3197, 6.1 :2324); 6.12's
 * {@code bpf_trampoline_update} then refuses a size above {@code PAGE_SIZE}
 * with -E2BIG (kernel/bpf/trampoline.c:456-458). {@code BPF_MAX_TRAMP_LINKS}
 * (38 on x86) stops the prog lists first: the largest image of 38 links, over
 * every kernel line, CPU feature set, attach circumstance, prototype and mix
 * of kinds below, stays under the limit, which is why the model has no image
 * size check.
 */
class ImageSizeLimitTest {
    static final int PAGE_SIZE = 4096;
    static final int BPF_INSN_SAFETY = 64;
    static final int BPF_MAX_TRAMP_LINKS = 38;

    /** fentry, fexit, fmod_ret counts adding up to 38. */
    static final List<int[]> SPLITS = List.of(new int[] {38, 0, 0}, new int[] {0, 38, 0}, new int[] {0, 0, 38},
            new int[] {1, 0, 37}, new int[] {1, 1, 36}, new int[] {0, 1, 37}, new int[] {19, 0, 19},
            new int[] {13, 13, 12});

    /** Cookies of each immediate form: none, a sign-extended imm32, a movabs. */
    static final List<Long> COOKIES = List.of(0L, -1L, 0x7eadbeefcafef00dL);

    static final List<TracingAttach> ATTACHES = List.of(TracingAttach.PLAIN,
            new TracingAttach(false, false, false, true, false),
            new TracingAttach(false, false, true, true, false),
            new TracingAttach(false, true, false, true, false),
            new TracingAttach(true, false, false, true, true));

    static List<FuncModel> models(KernelProfile p, boolean toBpfProg) {
        int slots = ModelShapes.maxSlots(p, toBpfProg);
        List<FuncModel> out = List.empty();
        for (int size : new int[] {8, 4, 1}) {
            out = out.append(ModelShapes.fit(List.fill(slots, size), slots, 8));
        }
        // 16-byte structs, and a lone small argument after them (its upper half zeroed on the stack)
        out = out.append(ModelShapes.fit(List.fill(slots / 2, -16).append(4), slots, 8));
        return out;
    }

    static TrampLinks links(int[] split, long cookie, boolean sleepable) {
        return new TrampLinks(List.fill(split[0], BpfTrampLink.unlinked(cookie, sleepable)),
                List.fill(split[1], BpfTrampLink.unlinked(cookie, sleepable)),
                List.fill(split[2], BpfTrampLink.unlinked(cookie, sleepable)));
    }

    @Test
    void thirtyEightLinksOfEveryKindFitTheImage() {
        int largest = 0;
        TrampolineConfig worst = null;
        int built = 0;
        for (KernelProfile p : KernelProfile.values()) {
            for (TracingAttach a : ATTACHES) {
                for (FuncModel m : models(p, a.toBpfProg())) {
                    for (int[] split : SPLITS) {
                        for (long cookie : COOKIES) {
                            for (boolean sleepable : new boolean[] {false, true}) {
                                for (int cpu = 0; cpu < 8; cpu++) {
                                    TrampLinks l = links(split, cookie, sleepable);
                                    TrampolineConfig c = new TrampolineConfig(p, new CpuFeatures((cpu & 1) != 0,
                                            (cpu & 2) != 0, (cpu & 4) != 0), TrampolineKind.TRACING, m,
                                            KernelFlags.tracing(p, l, a), l, Addresses.NONE);
                                    Either<KernelError, TrampolineImage> r = X86Gen.generate(c);
                                    assertTrue(r.isRight(), () -> c + ": " + r.getLeft());
                                    built++;
                                    if (r.get().size() > largest) {
                                        largest = r.get().size();
                                        worst = c;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        TrampolineConfig w = worst;
        int size = largest;
        System.out.printf("image size: %d configurations of %d links, largest code %d bytes (+%d safety = %d of %d)"
                + " for %s%n", built, BPF_MAX_TRAMP_LINKS, size, BPF_INSN_SAFETY, size + BPF_INSN_SAFETY, PAGE_SIZE,
                w.profile().label() + " " + w.model() + " flags 0x" + Integer.toHexString(w.flags()) + " " + w.cpu()
                        + " fentry/fexit/fmod_ret " + w.links().fentry().size() + "/" + w.links().fexit().size() + "/"
                        + w.links().fmodRet().size());
        assertTrue(size + BPF_INSN_SAFETY <= PAGE_SIZE, () -> size + " bytes for " + w);
    }

    /** One more link is what the kernel refuses first: -E2BIG from bpf_trampoline_link_prog, not from the image. */
    @Test
    void theThirtyNinthLinkIsRefusedBeforeAnyImage() {
        TrampLinks l = links(new int[] {0, 0, BPF_MAX_TRAMP_LINKS + 1}, 0, false);
        TrampolineConfig c = new TrampolineConfig(KernelProfile.V6_12, CpuFeatures.DEFAULT, TrampolineKind.TRACING,
                FuncModel.ofSizes(8), KernelFlags.tracing(KernelProfile.V6_12, l, TracingAttach.PLAIN), l,
                Addresses.NONE);
        assertEquals(Errno.E2BIG, X86Gen.generate(c).getLeft().errno());
    }
}
