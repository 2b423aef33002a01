package multilink.x86;

/**
 * What an emitted instruction does, in the terms the structural checks need. Memory operands of the trampoline
 * are rbp-relative ({@code disp}); the global caller entry (seed 003 v2 02/18) has no frame pointer and addresses
 * its array rsp-relative ({@code StoreRsp}, {@code LoadRsp}, {@code LeaRsp}).
 */
public sealed interface Op {
    record Push(Reg reg) implements Op { }
    record Pop(Reg reg) implements Op { }
    record MovReg(Reg dst, Reg src) implements Op { }
    record SubRsp(int amount) implements Op { }
    record AddRsp(int amount) implements Op { }
    /** Store of {@code width} bytes of {@code src} to [rbp+disp]. */
    record Store(int width, int disp, Reg src) implements Op { }
    /** Load of {@code width} bytes from [rbp+disp] into {@code dst}, zero-extended. */
    record Load(int width, Reg dst, int disp) implements Op { }
    /** The register holds {@code value} afterwards (xor, mov imm32, sign-extended imm32 or movabs). */
    record LoadImm(Reg dst, long value) implements Op { }
    record Lea(Reg dst, int disp) implements Op { }
    record StoreZero32(int disp) implements Op { }
    record Call(long target, String symbol) implements Op { }
    record CallReg(Reg reg) implements Op { }
    record Jmp(long target, String symbol) implements Op { }
    /** Conditional branch; {@code mnemonic} is je or jne. */
    record Jcc(String mnemonic, long target, boolean near) implements Op { }
    record TestSelf(Reg reg) implements Op { }
    record CmpZero(int disp) implements Op { }
    record Nop(int length) implements Op { }
    record Endbr() implements Op { }
    record Leave() implements Op { }
    record Ret() implements Op { }
    record Int3() implements Op { }
    /** mov qword ptr [rsp+disp], src (global caller entry). */
    record StoreRsp(int disp, Reg src) implements Op { }
    /** mov dst, qword ptr [rsp+disp] (global caller entry). */
    record LoadRsp(Reg dst, int disp) implements Op { }
    /** lea dst, [rsp+disp] (global caller entry). */
    record LeaRsp(Reg dst, int disp) implements Op { }
    /** The trap gcc puts after the body of a naked function (its end is unreachable). */
    record Ud2() implements Op { }
}
