package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The global caller entry bpf_global_caller_n (seed 003 v2 02/18): hand-checked bytes, every variant and build
 * setting against GNU as, llvm-mc and objdump and the facts, the variant a function model selects (v2 10/18, 05/18),
 * the origin-ip rule, the configuration line, and the two seeded bugs each caught by the check meant for it.
 */
class GlobalCallerTest {
    private static final CpuFeatures IBT_SLS = new CpuFeatures(false, true, true);
    private static final CpuFeatures THUNK = new CpuFeatures(true, false, false);

    private static GlobalCallerImage image(GlobalCallerConfig c) {
        return GlobalCaller.generate(c).getOrElseThrow(e -> new AssertionError(e.toString()));
    }

    private static List<GlobalCallerConfig> everyVariantAndSetting() {
        List<CpuFeatures> cpus = List.range(0, 8).map(b -> new CpuFeatures((b & 1) != 0, (b & 2) != 0, (b & 4) != 0));
        return List.rangeClosed(0, GlobalCaller.MAX_VARIANT).flatMap(n -> cpus.flatMap(cpu ->
                List.of(NakedCompiler.values()).map(cc -> GlobalCallerConfig.unlinked(n, cpu, cc))));
    }

    /**
     * Six arguments, IBT and SLS, gcc: the bytes gcc 12.2.0 -O2 -fcf-protection=branch gave on 2026-12-01 for a naked
     * function with the entry's four asm statements written out for n = 6 (objdump -d of the object; its call rel32
     * was 0, a relocation, here the placeholder run address 0xffffffff81210600 from 0xffffffff81200635). By hand:
     * 48/4c 89 /r with ModRM 01 reg 100, SIB 24 (base rsp) and disp8; jne rel8 0x24 over six 5-byte loads, add, ret,
     * int3.
     */
    @Test
    void sixArgumentsWithIbtAndSlsAreTheBytesGccMakes() {
        GlobalCallerImage img = image(GlobalCallerConfig.unlinked(6, IBT_SLS, NakedCompiler.GCC));
        assertEquals("f30f1efa4883ec4848897c24104889742418488954242048894c24284c894424304c894c2438"
                + "488d7c2410488d742448e8cbff00004885c07524488b7c2410488b742418488b542420488b4c24284c8b4424304c8b4c2438"
                + "4883c448c3cc488b4424404883c450c3cc0f0b", img.hex());
        assertEquals("bpf_global_caller_6", img.symbol());
        assertEquals(List.of("bpf_global_caller_6", "bpf_global_caller_6_run"), img.placeholders());
        Relocation run = img.relocations().find(r -> r.kind() == Relocation.Kind.GLOBAL_CALLER_RUN).get();
        assertEquals(0x31, run.offset());
        assertEquals("bpf_global_caller_6_run", run.symbol());
    }

    /**
     * No arguments, return thunk, clang: clang 14.0.6 -O2 made the same bytes but the two jmp rel32 and the call
     * rel32 (relocations in its object) on 2026-12-01; the origin path loads args[0] (FUNC_ARGS_0 + 8 = 0x10).
     */
    @Test
    void noArgumentsWithReturnThunkAreTheBytesClangMakes() {
        GlobalCallerImage img = image(GlobalCallerConfig.unlinked(0, THUNK, NakedCompiler.CLANG));
        assertEquals(String.join("\n",
                "; UNLINKED: placeholder addresses for bpf_global_caller_0, bpf_global_caller_0_run, __x86_return_thunk",
                "0000: 48 83 ec 48                      sub rsp,0x48",
                "0004: 48 8d 7c 24 10                   lea rdi,[rsp+0x10]",
                "0009: 48 8d 74 24 48                   lea rsi,[rsp+0x48]",
                "000e: e8 ed ff 00 00                   call 0xffffffff81210000",
                "0013: 48 85 c0                         test rax,rax",
                "0016: 75 09                            jne 0xffffffff81200021",
                "0018: 48 83 c4 48                      add rsp,0x48",
                "001c: e9 df 09 f0 ff                   jmp 0xffffffff81100a00",
                "0021: 48 8b 44 24 10                   mov rax,qword ptr [rsp+0x10]",
                "0026: 48 83 c4 50                      add rsp,0x50",
                "002a: e9 d1 09 f0 ff                   jmp 0xffffffff81100a00", ""), img.listing());
    }

    /** 7 variants x 8 build settings x 2 compilers = 112 images, one batch; each instruction by all three tools. */
    @Test
    void everyVariantAgreesWithTheReferenceEncodersAndKeepsTheFacts() {
        List<GlobalCallerImage> images = everyVariantAndSetting().map(GlobalCallerTest::image);
        images.forEach(img -> assertEquals(List.empty(), GlobalCallerFacts.violations(img), img.listing()));
        assertEquals(112, ReferenceAgreement.assertAllAgree(images).images());
        // size: 4 sub + 5 per save and restore + 10 leas + 5 call + 3 test + 2 jne + 5 mov rax + 4 + 4 adds
        // + two returns (1, 2 or 5 bytes) + endbr 4 + ud2 2
        images.forEach(img -> {
            GlobalCallerConfig c = img.config();
            int ret = c.cpu().returnThunk() ? 5 : c.cpu().sls() ? 2 : 1;
            int expected = 4 + 10 * c.nrArgs() + 10 + 5 + 3 + 2 + 5 + 8 + 2 * ret + (c.cpu().ibt() ? 4 : 0)
                    + (c.compiler().trapAfterBody() ? 2 : 0);
            assertEquals(expected, img.size(), img.listing());
        });
    }

    /**
     * arch_bpf_get_regs_nr() (v2 10/18) counts the extra registers of struct arguments only; v2 05/18 refuses a
     * count with no global caller (7..12: stack arguments) or above MAX_BPF_FUNC_ARGS with -EOPNOTSUPP.
     */
    @Test
    void theFunctionModelSelectsTheVariantByRegisterCount() {
        assertEquals(Either.right(0), GlobalCaller.variantFor(FuncModel.ofSizes()));
        assertEquals(Either.right(3), GlobalCaller.variantFor(FuncModel.ofSizes(1, 4, 8)));
        assertEquals(Either.right(5), GlobalCaller.variantFor(FuncModel.ofSizes(8, 16, 12)));
        assertEquals(Either.right(6), GlobalCaller.variantFor(FuncModel.ofSizes(8, 8, 8, 8, 8, 8)));
        Either<KernelError, Integer> seven = GlobalCaller.variantFor(FuncModel.ofSizes(8, 8, 8, 8, 8, 16));
        assertEquals(Errno.EOPNOTSUPP, seven.getLeft().errno());
        assertTrue(seven.getLeft().reason().contains("global_tr_array[7].image is NULL"), seven.getLeft().reason());
        Either<KernelError, Integer> thirteen = GlobalCaller.variantFor(
                FuncModel.ofSizes(8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 16));
        assertEquals(Errno.EOPNOTSUPP, thirteen.getLeft().errno());
        assertTrue(thirteen.getLeft().reason().contains("> MAX_BPF_FUNC_ARGS"), thirteen.getLeft().reason());
        assertEquals(Errno.EOPNOTSUPP,
                GlobalCaller.generate(GlobalCallerConfig.unlinked(7, IBT_SLS, NakedCompiler.GCC)).getLeft().errno());
        assertEquals(Errno.EINVAL,
                GlobalCaller.generate(GlobalCallerConfig.unlinked(-1, IBT_SLS, NakedCompiler.GCC)).getLeft().errno());
    }

    /** origin_ip = *ip & ~0xf: the fentry call's return address (+5, +9 after endbr64) rounded down to 16. */
    @Test
    void originIpIsTheReturnAddressRoundedDownTo16() {
        long func = 0xffffffff81234560L;
        assertEquals(func, GlobalCaller.originIp(func + 5));
        assertEquals(func, GlobalCaller.originIp(func + 9));
        // a function that is not 16-byte aligned is looked up under another address (the patch's assumption)
        assertEquals(func, GlobalCaller.originIp(func + 8 + 5));
    }

    @Test
    void theConfigurationLineReadsBack() {
        everyVariantAndSetting().forEach(c -> assertEquals(Either.right(c), GlobalCaller.parseLine(c.line())));
        GlobalCallerConfig linked = GlobalCallerConfig.unlinked(4, THUNK, NakedCompiler.CLANG)
                .linkedAt(0xffffffff81300000L, 0xffffffff812fff00L, 0xffffffff81e00000L);
        assertEquals(Either.right(linked), GlobalCaller.parseLine(linked.line()));
        assertTrue(image(linked).linked());
        assertEquals(Either.left("nr_args: expected a number, got 'x'"), GlobalCaller.parseLine("global_caller nr_args=x"));
        assertEquals(Either.left("nr_args missing"), GlobalCaller.parseLine("global_caller sls=true"));
        assertEquals(Either.left("sls: expected true or false, got '1'"),
                GlobalCaller.parseLine("global_caller nr_args=1 sls=1"));
        assertEquals(Either.left("compiler: expected gcc or clang, got 'icc'"),
                GlobalCaller.parseLine("global_caller nr_args=1 compiler=icc"));
        assertTrue(GlobalCaller.parseLine("global_caller nr_args=1 colour=red").getLeft().startsWith("unknown field 'colour'"));
        assertTrue(GlobalCaller.parseLine("global_caller nr_args=1 image=81").getLeft().startsWith("image: expected 0x"));
    }

    /** A missing SIB byte leaves the listing text right and the bytes wrong: only the reference encoders see it. */
    @Test
    void theSibBugIsCaughtByTheReferenceEncodersNotByTheFacts() {
        X86Mutant m = X86Mutants.byName("CALLER_DEFINE/rsp-base-without-sib").get();
        GlobalCallerImage img = X86Mutants.generateGlobalCaller(m, GlobalCallerConfig.unlinked(2, IBT_SLS,
                NakedCompiler.GCC)).get();
        assertEquals(List.empty(), GlobalCallerFacts.violations(img));
        CheckReport r = ReferenceEncoders.check(img).getOrElseThrow((String s) -> new AssertionError(s));
        assertFalse(r.ok());
        assertTrue(r.mismatches().exists(s -> s.startsWith("GNU as") && s.contains("[48 89 7c 10] mov qword ptr [rsp+0x10],rdi")
                && s.contains("reference bytes 48 89 7c 24")), r::toString);
        assertTrue(r.mismatches().exists(s -> s.startsWith("llvm-mc")), r::toString);
    }

    /** Dropping REX.R for r8/r9 shows only in the variants that save them (5 and 6), and only to the encoders. */
    @Test
    void theRexBugShowsOnlyInTheVariantsWithR8AndR9() {
        X86Mutant m = X86Mutants.byName("CALLER_DEFINE/r8-r9-without-rex-r").get();
        List<GlobalCallerImage> images = List.rangeClosed(0, GlobalCaller.MAX_VARIANT).map(n ->
                X86Mutants.generateGlobalCaller(m, GlobalCallerConfig.unlinked(n, IBT_SLS, NakedCompiler.GCC)).get());
        images.forEach(img -> assertEquals(List.empty(), GlobalCallerFacts.violations(img)));
        CheckReport r = ReferenceEncoders.checkAll(images).getOrElseThrow((String s) -> new AssertionError(s));
        assertEquals(List.of(5, 6), r.failedImages(), r::toString);
        assertTrue(r.mismatches().exists(s -> s.contains("[48 89 44 24 30] mov qword ptr [rsp+0x30],r8")), r::toString);
    }

    /** The return value read from the last argument's slot is consistent text and bytes: only the facts see it. */
    @Test
    void theReturnValueSlotBugIsCaughtByTheFactsNotByTheReferenceEncoders() {
        X86Mutant m = X86Mutants.byName("CALLER_DEFINE/retval-at-last-arg").get();
        GlobalCallerImage img = X86Mutants.generateGlobalCaller(m, GlobalCallerConfig.unlinked(3, IBT_SLS,
                NakedCompiler.GCC)).get();
        assertTrue(ReferenceEncoders.check(img).get().ok());
        List<FactViolation> v = GlobalCallerFacts.violations(img);
        assertEquals(List.of(GlobalCallerFacts.RETURN_TO_CALLER), v.map(FactViolation::fact).distinct(), v::toString);
        assertTrue(v.head().detail().contains("rax is arg2"), v::toString);
        // no argument: FUNC_ARGS_0 is args[-1], the count the runner wrote
        GlobalCallerImage none = X86Mutants.generateGlobalCaller(m, GlobalCallerConfig.unlinked(0, IBT_SLS,
                NakedCompiler.GCC)).get();
        assertTrue(GlobalCallerFacts.violations(none).head().detail().contains("rax is nr_args"),
                GlobalCallerFacts.violations(none)::toString);
    }

    /** The facts are not vacuous: an entry that returns without restoring rsp or the arguments breaks them. */
    @Test
    void theFactsRejectAnEntryThatForgetsTheReturnAddressOrTheArguments() {
        GlobalCallerImage good = image(GlobalCallerConfig.unlinked(2, IBT_SLS, NakedCompiler.GCC));
        // drop the restore of rsi: the no-origin path returns with rsi clobbered by the runner
        List<Insn> noRestore = good.insns().filter(i -> !i.text().equals("mov rsi,qword ptr [rsp+0x18]"));
        GlobalCallerImage broken = new GlobalCallerImage(good.config(), noRestore, good.relocations(),
                good.imageAddress(), good.placeholders());
        assertTrue(GlobalCallerFacts.violations(broken).exists(v -> v.fact().equals(GlobalCallerFacts.RETURN_INTO_FUNCTION)
                && v.detail().contains("rsi is clobbered")), GlobalCallerFacts.violations(broken)::toString);
    }
}
