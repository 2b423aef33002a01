package multilink.x86;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;

/**
 * The x86-64 encoder for the handful of instruction forms the kernel's trampoline generator uses, with the same
 * form choices (disp8 when is_imm8(), the emit_mov_imm64() immediate ladder, REX only where needed). Each method
 * records one instruction with its bytes, meaning, listing text and assembler source line.
 */
final class Emitter {
    private final long imageAddr;
    private final int nopMax;
    private final boolean signExtendedImm32;
    private final Mutation mutation;
    /** What internal branch targets are named after in the relocations: the image's symbol. */
    private final String label;
    private final ArrayList<Insn> insns = new ArrayList<>();
    private final ArrayList<Relocation> relocations = new ArrayList<>();
    private int offset;
    private Option<KernelError> failure = Option.none();

    Emitter(long imageAddr, KernelProfile p, Mutation mutation) {
        this(imageAddr, p, mutation, "tramp");
    }

    Emitter(long imageAddr, KernelProfile p, Mutation mutation, String label) {
        this.label = label;
        this.imageAddr = imageAddr;
        this.nopMax = p.asmNopMax();
        this.signExtendedImm32 = p.signExtendedImm32();
        this.mutation = mutation;
    }

    int offset() {
        return offset;
    }

    long addressOf(int off) {
        return imageAddr + off;
    }

    Option<KernelError> failure() {
        return failure;
    }

    List<Insn> insns() {
        return List.ofAll(insns);
    }

    List<Relocation> relocations() {
        return List.ofAll(relocations).sortBy(Relocation::offset);
    }

    private static boolean isImm8(long v) {
        return v >= -128 && v <= 127;
    }

    private static int rex(boolean w, Reg r, Reg b) {
        return 0x40 | (w ? 8 : 0) | (r != null && r.extended() ? 4 : 0) | (b != null && b.extended() ? 1 : 0);
    }

    private Insn add(Op op, String text, String asm, int... bytes) {
        return add(op, text, asm, false, bytes);
    }

    private Insn add(Op op, String text, String asm, boolean prefixOrderFree, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        Insn insn = new Insn(offset, b, op, text, asm, prefixOrderFree);
        insns.add(insn);
        offset += b.length;
        return insn;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] le32(long v) {
        return new int[] {(int) (v & 0xff), (int) ((v >> 8) & 0xff), (int) ((v >> 16) & 0xff), (int) ((v >> 24) & 0xff)};
    }

    private static int[] le64(long v) {
        return concat(le32(v), le32(v >>> 32));
    }

    /** ModRM (+ displacement) for [rbp+disp] with {@code reg} in the reg field: emit_insn_suffix(). */
    private int[] rbpOperand(int regField, int disp) {
        boolean disp8 = isImm8(disp) || mutation == Mutation.DISP8_WHERE_DISP32_NEEDED;
        if (disp8) {
            return new int[] {0x40 | (regField << 3) | 5, disp & 0xff};
        }
        return concat(new int[] {0x80 | (regField << 3) | 5}, le32(disp));
    }

    private static String mem(String ptr, int disp) {
        return ptr + " ptr [rbp" + Hex.disp(disp) + "]";
    }

    /**
     * ModRM + SIB (+ displacement) for [rsp+disp]: rm = 100 selects a SIB byte, and SIB 0x24 is base rsp without an
     * index. GNU as picks disp8 when the displacement fits, as it does for the global caller entry's operands.
     */
    private int[] rspOperand(int regField, int disp) {
        int[] sib = mutation == Mutation.GC_RSP_BASE_WITHOUT_SIB ? new int[0] : new int[] {0x24};
        int[] modrm = isImm8(disp) ? new int[] {0x40 | (regField << 3) | 4} : new int[] {0x80 | (regField << 3) | 4};
        int[] d = isImm8(disp) ? new int[] {disp & 0xff} : le32(disp);
        return concat(concat(modrm, sib), d);
    }

    private static String rspMem(int disp) {
        return "qword ptr [rsp" + Hex.disp(disp) + "]";
    }

    /** movq %src, disp(%rsp): the global caller's SAVE_ARGS_n (seed 003 v2 02/18). */
    void storeRsp(Reg src, int disp) {
        String t = "mov " + rspMem(disp) + "," + src;
        add(new Op.StoreRsp(disp, src), t, t, concat(new int[] {rspRex(src), 0x89}, rspOperand(src.low3(), disp)));
    }

    /** movq disp(%rsp), %dst: RESTORE_ARGS_n and the return-value load (seed 003 v2 02/18). */
    void loadRsp(Reg dst, int disp) {
        String t = "mov " + dst + "," + rspMem(disp);
        add(new Op.LoadRsp(dst, disp), t, t, concat(new int[] {rspRex(dst), 0x8B}, rspOperand(dst.low3(), disp)));
    }

    /** REX.W, and REX.R for r8..r15 in the ModRM reg field. */
    private int rspRex(Reg reg) {
        return mutation == Mutation.GC_R8_R9_WITHOUT_REX_R ? rex(true, null, null) : rex(true, reg, null);
    }

    /** leaq disp(%rsp), %dst (seed 003 v2 02/18). */
    void leaRsp(Reg dst, int disp) {
        String t = "lea " + dst + ",[rsp" + Hex.disp(disp) + "]";
        add(new Op.LeaRsp(dst, disp), t, t, concat(new int[] {rex(true, dst, null), 0x8D}, rspOperand(dst.low3(), disp)));
    }

    /** addq $amount, %rsp: 83 /0 ib when it fits a signed byte, else 81 /0 id (the assembler's choice). */
    void addRsp(int amount) {
        rspArith(new Op.AddRsp(amount), "add", 0xC4, amount);
    }

    /** add/sub rsp, imm: REX.W 83 ModRM ib, or 81 ModRM id; {@code modrm} selects the operation (/0 add, /5 sub). */
    private void rspArith(Op op, String mnemonic, int modrm, int amount) {
        String t = mnemonic + " rsp," + Hex.imm(amount);
        add(op, t, t, isImm8(amount) ? new int[] {0x48, 0x83, modrm, amount & 0xff}
                : concat(new int[] {0x48, 0x81, modrm}, le32(amount)));
    }

    /**
     * The return sequence: jmp __x86_return_thunk under return thunks, else ret and, with SLS, int3. The JIT's
     * emit_return() (6.1 :486-499, 6.12 :663-676) and the compiled ASM_RET macro (6.12
     * arch/x86/include/asm/linkage.h:55-62) choose alike.
     */
    void returnSequence(CpuFeatures cpu, long thunk) {
        if (cpu.returnThunk()) {
            jmp(thunk, Relocation.Kind.RETURN_THUNK, KernelSymbol.X86_RETURN_THUNK.symbol());
        } else {
            ret();
            if (cpu.sls()) {
                int3();
            }
        }
    }

    void ud2() {
        add(new Op.Ud2(), "ud2", "ud2", 0x0F, 0x0B);
    }

    void push(Reg r) {
        int[] b = r.extended() ? new int[] {0x41, 0x50 + r.low3()} : new int[] {0x50 + r.low3()};
        String t = "push " + r;
        add(new Op.Push(r), t, t, b);
    }

    void pop(Reg r) {
        int[] b = r.extended() ? new int[] {0x41, 0x58 + r.low3()} : new int[] {0x58 + r.low3()};
        String t = "pop " + r;
        add(new Op.Pop(r), t, t, b);
    }

    /** EMIT_mov(dst, src): the 89 /r form. */
    void movReg(Reg dst, Reg src) {
        String t = "mov " + dst + "," + src;
        add(new Op.MovReg(dst, src), t, t, rex(true, src, dst), 0x89, 0xC0 | (src.low3() << 3) | dst.low3());
    }

    void subRsp(int amount) {
        rspArith(new Op.SubRsp(amount), "sub", 0xEC, amount);
    }

    void addRsp8() {
        addRsp(8);
    }

    /**
     * emit_stx(BPF_DW, BPF_REG_FP, src, disp): REX.W (plus REX.R for r8/r9), 89, then emit_insn_suffix(). Every store
     * the trampoline code of 6.1 and 6.12 makes is BPF_DW (6.1 bpf_jit_comp.c:828-859, 6.12 :1136-1167).
     */
    void store(Reg src, int disp) {
        String t = "mov " + mem("qword", disp) + "," + src;
        boolean rexR = src.extended();
        int rexByte = mutation == Mutation.WRONG_REX_BIT_FOR_EXTENDED_REG && rexR ? 0x41 : (rexR ? 0x44 : 0x40);
        add(new Op.Store(8, disp, src), t, t, concat(new int[] {rexByte | 0x08, 0x89}, rbpOperand(src.low3(), disp)));
    }

    /** emit_ldx(BPF_DW, dst, BPF_REG_FP, disp): REX.W 8B (6.1 :798-825, 6.12 :1052-1079); BPF_DW only, as above. */
    void load(Reg dst, int disp) {
        load(dst, disp, false);
    }

    /**
     * The tail-call counter load: always the disp32 form (6.1 RESTORE_TAIL_CALL_CNT :953-954, 6.12 __LOAD_TCC_PTR
     * :1414-1415).
     */
    void loadDisp32(Reg dst, int disp) {
        load(dst, disp, true);
    }

    private void load(Reg dst, int disp, boolean forceDisp32) {
        String t = "mov " + dst + "," + mem("qword", disp);
        int[] operand = forceDisp32
                ? concat(new int[] {0x80 | (dst.low3() << 3) | 5}, le32(disp))
                : rbpOperand(dst.low3(), disp);
        String asm = forceDisp32 && isImm8(disp) ? "{disp32} " + t : t;
        add(new Op.Load(8, dst, disp), t, asm, concat(new int[] {rex(true, dst, null), 0x8B}, operand));
    }

    /**
     * emit_mov_imm64(): xor for 0, mov r32 for other u32 (emit_mov_imm32() without sign propagation), the
     * sign-extended imm32 form for other s32 where the kernel line has it ({@link KernelProfile#signExtendedImm32}),
     * else movabs (6.1 :669-730, 6.12 :876-940).
     */
    Insn movImm64(Reg dst, long value) {
        Op op = new Op.LoadImm(dst, value);
        if (value >= 0 && value <= 0xffffffffL) {
            if (value == 0) {
                String t = "xor " + dst.name(4) + "," + dst.name(4);
                int[] x = {0x31, 0xC0 | (dst.low3() << 3) | dst.low3()};
                return add(op, t, t, dst.extended() ? concat(new int[] {0x45}, x) : x);
            }
            String t = "mov " + dst.name(4) + "," + Hex.imm(value);
            int[] m = concat(new int[] {0xB8 + dst.low3()}, le32(value));
            return add(op, t, t, dst.extended() ? concat(new int[] {0x41}, m) : m);
        }
        if (signExtendedImm32 && value == (long) (int) value) {
            String t = "mov " + dst + "," + Hex.imm(value);
            String asm = "mov " + dst + ",-" + Hex.imm(-value);
            return add(op, t, asm, concat(new int[] {rex(true, null, dst), 0xC7, 0xC0 | dst.low3()}, le32(value)));
        }
        String t = "movabs " + dst + "," + Hex.imm(value);
        return add(op, t, t, concat(new int[] {rex(true, null, dst), 0xB8 + dst.low3()}, le64(value)));
    }

    /** emit_mov_imm64() of an address, recorded as a relocation of the immediate. */
    void movAddress(Reg dst, long value, Relocation.Kind kind, String symbol) {
        Insn insn = movImm64(dst, value);
        int width = insn.length() >= 10 ? 8 : 4;
        if (insn.length() > 2) {
            relocations.add(new Relocation(insn.end() - width, width, kind, symbol, value));
        }
    }

    /** lea dst, [rbp+disp] with the kernel's EMIT4 / EMIT3_off32 choice. */
    void lea(Reg dst, int disp) {
        String t = "lea " + dst + ",[rbp" + Hex.disp(disp) + "]";
        add(new Op.Lea(dst, disp), t, t, concat(new int[] {rex(true, dst, null), 0x8D}, rbpOperand(dst.low3(), disp)));
    }

    void test(Reg r) {
        String t = "test " + r + "," + r;
        add(new Op.TestSelf(r), t, t, rex(true, r, r), 0x85, 0xC0 | (r.low3() << 3) | r.low3());
    }

    /** cmp qword ptr [rbp+disp], 0 (the kernel emits it for [rbp-0x8] only). */
    void cmpZero(int disp) {
        String t = "cmp " + mem("qword", disp) + ",0x0";
        add(new Op.CmpZero(disp), t, t, concat(concat(new int[] {0x48, 0x83}, rbpOperand(7, disp)), new int[] {0x00}));
    }

    /** clean_stack_garbage(): mov dword ptr [rbp+disp], 0. */
    void storeZero32(int disp) {
        String t = "mov " + mem("dword", disp) + ",0x0";
        add(new Op.StoreZero32(disp), t, t, concat(concat(new int[] {0xC7}, rbpOperand(0, disp)), le32(0)));
    }

    private boolean rel32(long target, int insnLength) {
        long rel = target - (addressOf(offset) + insnLength);
        if (rel != (long) (int) rel) {
            fail(KernelError.of(Errno.EINVAL, "target " + Hex.imm(target) + " out of rel32 reach (emit_patch -ERANGE)"));
            return false;
        }
        return true;
    }

    private void fail(KernelError e) {
        if (failure.isEmpty()) {
            failure = Option.some(e);
        }
    }

    /** emit_rsb_call() / emit_call(): call rel32; no call-depth accounting is emitted (see README). */
    void call(long target, Relocation.Kind kind, String symbol) {
        rel32Branch(0xE8, target, kind, symbol, new Op.Call(target, symbol), "call {T}");
    }

    /** emit_jump(): jmp rel32 (the return thunk). */
    void jmp(long target, Relocation.Kind kind, String symbol) {
        rel32Branch(0xE9, target, kind, symbol, new Op.Jmp(target, symbol), "{disp32} jmp {T}");
    }

    private void rel32Branch(int opcode, long target, Relocation.Kind kind, String symbol, Op op, String asm) {
        if (!rel32(target, 5)) {
            return;
        }
        long rel = target - (addressOf(offset) + 5);
        relocations.add(new Relocation(offset + 1, 4, kind, symbol, target));
        String mnemonic = opcode == 0xE8 ? "call " : "jmp ";
        add(op, mnemonic + Hex.imm(target), asm, concat(new int[] {opcode}, le32(rel)));
    }

    void callReg(Reg r) {
        String t = "call " + r;
        int[] b = {0xFF, 0xD0 | r.low3()};
        add(new Op.CallReg(r), t, t, r.extended() ? concat(new int[] {0x41}, b) : b);
    }

    void endbr() {
        add(new Op.Endbr(), "endbr64", "endbr64", 0xF3, 0x0F, 0x1E, 0xFA);
    }

    void leave() {
        add(new Op.Leave(), "leave", "leave", 0xC9);
    }

    void ret() {
        add(new Op.Ret(), "ret", "ret", 0xC3);
    }

    void int3() {
        add(new Op.Int3(), "int3", "int3", 0xCC);
    }

    /** emit_nops(): chunks of at most ASM_NOP_MAX bytes from x86_nops[]. */
    void nops(int len) {
        while (len > 0) {
            int n = Math.min(len, nopMax);
            nop(n);
            len -= n;
        }
    }

    /** emit_align(): NOPs up to the next multiple of {@code align} in the image. */
    void align(int align) {
        int pad = (align - offset % align) % align;
        nops(pad);
    }

    private static final String NOP_MEM = "[rax+rax*1+0x0]";

    private void nop(int n) {
        Op op = new Op.Nop(n);
        switch (n) {
            case 1: add(op, "nop", "nop", 0x90); break;
            case 2: add(op, "xchg ax,ax", "xchg ax,ax", 0x66, 0x90); break;
            case 3: add(op, "nop dword ptr [rax]", "nop dword ptr [rax]", 0x0F, 0x1F, 0x00); break;
            case 4: add(op, "nop dword ptr [rax+0x0]", "{disp8} nop dword ptr [rax]", 0x0F, 0x1F, 0x40, 0x00); break;
            case 5: add(op, "nop dword ptr " + NOP_MEM, "{disp8} nop dword ptr [rax+rax*1]", 0x0F, 0x1F, 0x44, 0, 0); break;
            case 6: add(op, "nop word ptr " + NOP_MEM, "{disp8} nop word ptr [rax+rax*1]", 0x66, 0x0F, 0x1F, 0x44, 0, 0); break;
            case 7: add(op, "nop dword ptr [rax+0x0]", "{disp32} nop dword ptr [rax]", 0x0F, 0x1F, 0x80, 0, 0, 0, 0); break;
            case 8: add(op, "nop dword ptr " + NOP_MEM, "{disp32} nop dword ptr [rax+rax*1]", 0x0F, 0x1F, 0x84, 0, 0, 0, 0, 0); break;
            case 9: add(op, "cs nop dword ptr " + NOP_MEM, "{disp32} nop dword ptr cs:[rax+rax*1]",
                    0x2E, 0x0F, 0x1F, 0x84, 0, 0, 0, 0, 0); break;
            case 10: add(op, "cs nop word ptr " + NOP_MEM, "{disp32} nop word ptr cs:[rax+rax*1]", true,
                    0x66, 0x2E, 0x0F, 0x1F, 0x84, 0, 0, 0, 0, 0); break;
            case 11: add(op, "data16 cs nop word ptr " + NOP_MEM, ".byte 0x66\n{disp32} nop word ptr cs:[rax+rax*1]", true,
                    0x66, 0x66, 0x2E, 0x0F, 0x1F, 0x84, 0, 0, 0, 0, 0); break;
            default: throw new IllegalArgumentException("nop" + n);
        }
    }

    /** Reserve a patch site: NOPs now, {@link #patchJcc} once the target is known. Returns the instruction index. */
    int reserve(int len) {
        int index = insns.size();
        nop(len);
        return index;
    }

    /** Turn a reserved site into je rel8 (2 bytes) or jne rel32 (6 bytes) to {@code targetOffset}. */
    void patchJcc(int index, String mnemonic, int targetOffset) {
        Insn site = insns.get(index);
        long target = addressOf(targetOffset);
        boolean near = site.length() == 6;
        int rel = targetOffset - site.end();
        int[] b = near
                ? concat(new int[] {0x0F, mnemonic.equals("je") ? 0x84 : 0x85}, le32(rel))
                : new int[] {mnemonic.equals("je") ? 0x74 : 0x75, rel & 0xff};
        byte[] bytes = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            bytes[i] = (byte) b[i];
        }
        String asm = (near ? "{disp32} " : "") + mnemonic + " {T}";
        insns.set(index, new Insn(site.offset(), bytes, new Op.Jcc(mnemonic, target, near),
                mnemonic + " " + Hex.imm(target), asm, false));
        relocations.add(new Relocation(site.offset() + (near ? 2 : 1), near ? 4 : 1,
                Relocation.Kind.INTERNAL_JUMP, String.format("%s+0x%x", label, targetOffset), target));
    }
}
