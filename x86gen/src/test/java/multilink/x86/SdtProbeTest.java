package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BPF_TRAMP_F_SDT_PROBE (seed 004): the trampoline of an SDT probe in a BPF program takes argument k from the x86
 * register the JIT keeps BPF register arg_regs[k] in (6.12 bpf_jit_comp.c:180-196, is_ereg() :216-226), and puts
 * it back there under RESTORE_REGS (the x86 part is this project's assumption, see README.md "SDT probes").
 */
class SdtProbeTest {
    private static final TrampLinks ONE = new TrampLinks(List.of(Golden.prog(0, 0)), List.empty(), List.empty());

    /** R6, R1, R7, R9, R5: rbx, rdi, r13, r15, r8. */
    private static final List<Integer> REGS = List.of(6, 1, 7, 9, 5);

    private static TrampolineConfig sdt(KernelProfile p, FuncModel m, int flags) {
        return Golden.config(p, Golden.PLAIN, TrampolineKind.TRACING, m, flags, ONE);
    }

    private static TrampolineImage image(TrampolineConfig c) {
        return X86Gen.generate(c).getOrElseThrow(e -> new AssertionError(e.toString()));
    }

    private static List<String> lines(TrampolineImage img) {
        return List.of(img.listing().split("\n"));
    }

    /**
     * Five arguments, RESTORE_REGS: no return-value slot, so regs_off = 5 * 8 = 0x28 and slot k at rbp-0x28+8k. The
     * stores and loads, with their bytes worked out by hand (REX.W 48, or 4c when the register is r8..r15 (REX.R);
     * 89 store / 8b load; ModRM 01 reg 101 with a disp8), are what objdump decodes: the reference check compares
     * its decoding with the listing.
     */
    @Test
    void argumentsAreSavedFromAndRestoredToTheRegistersArgRegsNames() {
        TrampolineImage img = image(sdt(KernelProfile.MAINLINE, FuncModel.sdtProbe(REGS), KernelFlags.sdtProbe(false)));
        List<String> saves = List.of(
                "48 89 5d d8                      mov qword ptr [rbp-0x28],rbx",
                "48 89 7d e0                      mov qword ptr [rbp-0x20],rdi",
                "4c 89 6d e8                      mov qword ptr [rbp-0x18],r13",
                "4c 89 7d f0                      mov qword ptr [rbp-0x10],r15",
                "4c 89 45 f8                      mov qword ptr [rbp-0x8],r8");
        List<String> restores = List.of(
                "48 8b 5d d8                      mov rbx,qword ptr [rbp-0x28]",
                "48 8b 7d e0                      mov rdi,qword ptr [rbp-0x20]",
                "4c 8b 6d e8                      mov r13,qword ptr [rbp-0x18]",
                "4c 8b 7d f0                      mov r15,qword ptr [rbp-0x10]",
                "4c 8b 45 f8                      mov r8,qword ptr [rbp-0x8]");
        String listing = img.listing();
        assertTrue(containsInOrder(lines(img), saves), listing);
        assertTrue(containsInOrder(lines(img), restores), listing);
        assertTrue(List.of("rsi", "rdx", "rcx", "r9").forAll(r -> !listing.contains("]," + r + "\n")
                && !listing.contains("mov " + r + ",qword ptr [rbp-0x")), listing);
        CheckReport report = ReferenceEncoders.checkAll(List.of(img)).getOrElseThrow((String s) -> new AssertionError(s));
        assertTrue(report.ok(), report::toString);
        assertTrue(StructuralFacts.violations(img).isEmpty(), () -> StructuralFacts.check(img).mkString("\n"));
    }

    /** Each expected line is the tail of a listing line, in this order and consecutive. */
    private static boolean containsInOrder(List<String> listing, List<String> expected) {
        for (int i = 0; i + expected.size() <= listing.size(); i++) {
            int start = i;
            if (expected.zipWithIndex().forAll(t -> listing.get(start + t._2).endsWith(t._1))) {
                return true;
            }
        }
        return false;
    }

    /** Only the argument moves differ from the function trampoline of the same shape (five 8-byte arguments). */
    @Test
    void everythingButTheArgumentMovesIsTheFunctionTrampolines() {
        FuncModel sdtModel = FuncModel.sdtProbe(REGS);
        for (boolean ipArg : new boolean[] {false, true}) {
            TrampolineImage sdtImg = image(sdt(KernelProfile.MAINLINE, sdtModel, KernelFlags.sdtProbe(ipArg)));
            int plainFlags = KernelFlags.sdtProbe(ipArg) & ~TrampFlag.SDT_PROBE.mask();
            TrampolineImage fnImg = image(sdt(KernelProfile.MAINLINE, FuncModel.ofSizes(8, 8, 8, 8, 8).withRet(0, 0),
                    plainFlags));
            assertEquals(fnImg.bytes().length, sdtImg.bytes().length);
            List<String> a = withoutArgumentMoves(sdtImg);
            List<String> b = withoutArgumentMoves(fnImg);
            assertEquals(b, a);
            assertEquals(lines(fnImg).size() - b.size(), lines(sdtImg).size() - a.size(), "10 moves each");
            assertEquals(10, lines(sdtImg).size() - a.size());
        }
    }

    private static List<String> withoutArgumentMoves(TrampolineImage img) {
        return lines(img).filter(l -> !l.matches(".*mov (qword ptr \\[rbp-0x(28|20|18|10|8)\\],(rbx|rdi|rsi|rdx|rcx|r8|r13|r15)"
                + "|(rbx|rdi|rsi|rdx|rcx|r8|r13|r15),qword ptr \\[rbp-0x(28|20|18|10|8)\\])$"));
    }

    @Test
    void badArgRegsAreEinval() {
        int flags = KernelFlags.sdtProbe(false);
        for (int bad : new int[] {0, 10, 11, -1, 255}) {
            assertEquals(Errno.EINVAL, errno(sdt(KernelProfile.MAINLINE, FuncModel.sdtProbe(List.of(1, bad)), flags)),
                    "arg_regs [1, " + bad + "]");
        }
        FuncModel twoArgsOneReg = new FuncModel(2, List.of(8, 8), List.of(0, 0), 0, 0, List.of(1));
        assertEquals(Errno.EINVAL, errno(sdt(KernelProfile.MAINLINE, twoArgsOneReg, flags)));
        FuncModel narrow = new FuncModel(1, List.of(4), List.of(0), 0, 0, List.of(1));
        assertEquals(Errno.EINVAL, errno(sdt(KernelProfile.MAINLINE, narrow, flags)));
        // arg_regs without the flag, the flag with fexit's CALL_ORIG, and the flag on a line without it
        assertEquals(Errno.EINVAL, errno(sdt(KernelProfile.MAINLINE, FuncModel.sdtProbe(List.of(1)),
                TrampFlag.RESTORE_REGS.mask())));
        assertEquals(Errno.EINVAL, errno(sdt(KernelProfile.MAINLINE, FuncModel.sdtProbe(List.of(1)),
                TrampFlag.SDT_PROBE.mask() | TrampFlag.CALL_ORIG.mask() | TrampFlag.SKIP_FRAME.mask())));
        for (KernelProfile p : List.of(KernelProfile.V6_18, KernelProfile.V6_12, KernelProfile.V6_1)) {
            assertEquals(Errno.EINVAL, errno(sdt(p, FuncModel.sdtProbe(List.of(1)), flags)), p.label());
        }
        // every register R1..R9 and a probe without arguments are accepted
        for (int r = 1; r <= 9; r++) {
            assertTrue(X86Gen.generate(sdt(KernelProfile.MAINLINE, FuncModel.sdtProbe(List.of(r)), flags)).isRight());
        }
        assertTrue(X86Gen.generate(sdt(KernelProfile.MAINLINE, FuncModel.sdtProbe(List.empty()), flags)).isRight());
    }

    private static Errno errno(TrampolineConfig c) {
        Either<KernelError, TrampolineImage> r = X86Gen.generate(c);
        assertTrue(r.isLeft(), () -> "expected a kernel error for " + c);
        return r.getLeft().errno();
    }

    /** The seeded bug that ignores the flag: both fact checkers see the arguments come from the wrong registers. */
    @Test
    void abiOrderDespiteTheFlagIsCaughtByTheFacts() {
        X86Mutant abi = X86Mutants.byName("save_args/sdt-probe-abi-order").get();
        TrampolineImage bugged = X86Mutants.generate(abi, sdt(KernelProfile.MAINLINE, FuncModel.sdtProbe(REGS),
                KernelFlags.sdtProbe(false))).get();
        List<String> facts = StructuralFacts.violations(bugged).map(FactViolation::fact);
        assertTrue(facts.contains(StructuralFacts.ARGS_SAVED), facts::toString);
        List<String> frame = FrameFacts.violations(bugged).map(FactViolation::fact);
        // the program's ctx holds rdi..r8 instead of the probe's values; the registers at return still hold their
        // entry values here (the bug restores rdi..r8 from where it saved them, and rbx, r13, r15 survive the calls)
        assertTrue(frame.contains(FrameFacts.PROGRAM_CTX), frame::toString);
        // arg_regs in ABI order (R1..R5 = rdi, rsi, rdx, rcx, r8) hides the bug: same bytes
        TrampolineConfig abiOrder = sdt(KernelProfile.MAINLINE, FuncModel.sdtProbe(List.of(1, 2, 3, 4, 5)),
                KernelFlags.sdtProbe(false));
        assertEquals(image(abiOrder).hex(), X86Mutants.generate(abi, abiOrder).get().hex());
    }

    @Test
    void jsonCarriesArgRegs() {
        TrampolineConfig c = sdt(KernelProfile.MAINLINE, FuncModel.sdtProbe(REGS), KernelFlags.sdtProbe(true));
        String json = ConfigJson.write(c);
        assertTrue(json.contains("\"arg_regs\""), json);
        assertEquals(c, ConfigJson.parse(json).get());
        assertTrue(!ConfigJson.write(Golden.fentryOneArg()).contains("arg_regs"), "absent for a function trampoline");
        String model = "{\"model\": {\"nr_args\": 2, \"arg_size\": [8, 8], \"arg_flags\": [0, 0], \"ret_size\": 0, "
                + "\"ret_flags\": 0, \"arg_regs\": %s}, \"flags\": \"0x201\"}";
        assertEquals(List.of(6, 7), ConfigJson.parse(String.format(model, "[6, 7]")).get().model().argRegs());
        for (String bad : new String[] {"[6]", "6", "[6, \"r7\"]", "{}"}) {
            Either<String, TrampolineConfig> r = ConfigJson.parse(String.format(model, bad));
            assertTrue(r.isLeft() && r.getLeft().startsWith("model.arg_regs") && !r.getLeft().contains("\n"),
                    () -> bad + " -> " + r);
        }
    }
}
