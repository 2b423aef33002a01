package multilink.x86;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-checked listings (offsets and frame slots worked out from the kernel's rules, see README.md), each also
 * assembled by GNU as and llvm-mc and decoded by objdump.
 */
class GoldenListingTest {
    private static void golden(Supplier<TrampolineConfig> config, String expected) {
        TrampolineImage img = X86Gen.generate(config.get()).getOrElseThrow(e -> new AssertionError(e.toString()));
        assertEquals(expected, img.listing());
        assertTrue(img.linked(), "golden configurations give every address");
        assertTrue(StructuralFacts.check(img).isEmpty(), () -> StructuralFacts.check(img).mkString("\n"));
        CheckReport report = ReferenceEncoders.checkAll(List.of(img)).getOrElseThrow((String s) -> new AssertionError(s));
        assertTrue(report.ok(), report::toString);
    }

    /** 1 fentry program on a 1-argument function (mainline, RESTORE_REGS). */
    @Test
    void fentryOneArg() {
        golden(Golden::fentryOneArg, """
            0000: 55                               push rbp
            0001: 48 89 e5                         mov rbp,rsp
            0004: 48 83 ec 28                      sub rsp,0x28
            0008: 48 89 5d e8                      mov qword ptr [rbp-0x18],rbx
            000c: b8 01 00 00 00                   mov eax,0x1
            0011: 48 89 45 f0                      mov qword ptr [rbp-0x10],rax
            0015: 48 89 7d f8                      mov qword ptr [rbp-0x8],rdi
            0019: 31 ff                            xor edi,edi
            001b: 48 89 7d d8                      mov qword ptr [rbp-0x28],rdi
            001f: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0029: 48 8d 75 d8                      lea rsi,[rbp-0x28]
            002d: e8 be be 03 c1                   call 0xffffffff8123eef0
            0032: 48 89 c3                         mov rbx,rax
            0035: 48 85 c0                         test rax,rax
            0038: 74 09                            je 0xffffffffc0203043
            003a: 48 8d 7d f8                      lea rdi,[rbp-0x8]
            003e: e8 49 e4 df ff                   call 0xffffffffc000148c
            0043: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            004d: 48 89 de                         mov rsi,rbx
            0050: 48 8d 55 d8                      lea rdx,[rbp-0x28]
            0054: e8 47 c0 03 c1                   call 0xffffffff8123f0a0
            0059: 48 8b 7d f8                      mov rdi,qword ptr [rbp-0x8]
            005d: 48 8b 5d e8                      mov rbx,qword ptr [rbp-0x18]
            0061: c9                               leave
            0062: c3                               ret
            """);
    }

    /** fentry + fexit on a 6-argument function: __bpf_tramp_enter, the original call past the fentry site, SLS int3. */
    @Test
    void fentryFexitSixArgs() {
        golden(Golden::fentryFexitSixArgs, """
            0000: 55                               push rbp
            0001: 48 89 e5                         mov rbp,rsp
            0004: 48 83 ec 58                      sub rsp,0x58
            0008: 48 89 5d b8                      mov qword ptr [rbp-0x48],rbx
            000c: b8 06 00 00 00                   mov eax,0x6
            0011: 48 89 45 c0                      mov qword ptr [rbp-0x40],rax
            0015: 48 89 7d c8                      mov qword ptr [rbp-0x38],rdi
            0019: 48 89 75 d0                      mov qword ptr [rbp-0x30],rsi
            001d: 48 89 55 d8                      mov qword ptr [rbp-0x28],rdx
            0021: 48 89 4d e0                      mov qword ptr [rbp-0x20],rcx
            0025: 4c 89 45 e8                      mov qword ptr [rbp-0x18],r8
            0029: 4c 89 4d f0                      mov qword ptr [rbp-0x10],r9
            002d: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            0037: e8 c4 c5 03 c1                   call 0xffffffff8123f600
            003c: 31 ff                            xor edi,edi
            003e: 48 89 7d a8                      mov qword ptr [rbp-0x58],rdi
            0042: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            004c: 48 8d 75 a8                      lea rsi,[rbp-0x58]
            0050: e8 9b be 03 c1                   call 0xffffffff8123eef0
            0055: 48 89 c3                         mov rbx,rax
            0058: 48 85 c0                         test rax,rax
            005b: 74 09                            je 0xffffffffc0203066
            005d: 48 8d 7d c8                      lea rdi,[rbp-0x38]
            0061: e8 26 e4 df ff                   call 0xffffffffc000148c
            0066: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0070: 48 89 de                         mov rsi,rbx
            0073: 48 8d 55 a8                      lea rdx,[rbp-0x58]
            0077: e8 24 c0 03 c1                   call 0xffffffff8123f0a0
            007c: 48 8b 7d c8                      mov rdi,qword ptr [rbp-0x38]
            0080: 48 8b 75 d0                      mov rsi,qword ptr [rbp-0x30]
            0084: 48 8b 55 d8                      mov rdx,qword ptr [rbp-0x28]
            0088: 48 8b 4d e0                      mov rcx,qword ptr [rbp-0x20]
            008c: 4c 8b 45 e8                      mov r8,qword ptr [rbp-0x18]
            0090: 4c 8b 4d f0                      mov r9,qword ptr [rbp-0x10]
            0094: e8 cc 3a 65 c1                   call 0xffffffff81856b65
            0099: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            009d: 0f 1f 44 00 00                   nop dword ptr [rax+rax*1+0x0]
            00a2: 31 ff                            xor edi,edi
            00a4: 48 89 7d a8                      mov qword ptr [rbp-0x58],rdi
            00a8: 48 bf 00 e0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056e000
            00b2: 48 8d 75 a8                      lea rsi,[rbp-0x58]
            00b6: e8 35 be 03 c1                   call 0xffffffff8123eef0
            00bb: 48 89 c3                         mov rbx,rax
            00be: 48 85 c0                         test rax,rax
            00c1: 74 09                            je 0xffffffffc02030cc
            00c3: 48 8d 7d c8                      lea rdi,[rbp-0x38]
            00c7: e8 c0 eb df ff                   call 0xffffffffc0001c8c
            00cc: 48 bf 00 e0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056e000
            00d6: 48 89 de                         mov rsi,rbx
            00d9: 48 8d 55 a8                      lea rdx,[rbp-0x58]
            00dd: e8 be bf 03 c1                   call 0xffffffff8123f0a0
            00e2: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            00ec: e8 0f c6 03 c1                   call 0xffffffff8123f700
            00f1: 48 8b 45 f8                      mov rax,qword ptr [rbp-0x8]
            00f5: 48 8b 5d b8                      mov rbx,qword ptr [rbp-0x48]
            00f9: c9                               leave
            00fa: 48 83 c4 08                      add rsp,0x8
            00fe: c3                               ret
            00ff: cc                               int3
            """);
    }

    /** fmod_ret + fexit: the fmod_ret hole became jne to the 16-byte aligned fexit part (nop5 + nop9), return thunk. */
    @Test
    void fmodRetFexit() {
        golden(Golden::fmodRetFexit, """
            0000: 55                               push rbp
            0001: 48 89 e5                         mov rbp,rsp
            0004: 48 83 ec 38                      sub rsp,0x38
            0008: 48 89 5d d8                      mov qword ptr [rbp-0x28],rbx
            000c: b8 02 00 00 00                   mov eax,0x2
            0011: 48 89 45 e0                      mov qword ptr [rbp-0x20],rax
            0015: 48 89 7d e8                      mov qword ptr [rbp-0x18],rdi
            0019: 48 89 75 f0                      mov qword ptr [rbp-0x10],rsi
            001d: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            0027: e8 d4 c5 03 c1                   call 0xffffffff8123f600
            002c: 31 c0                            xor eax,eax
            002e: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            0032: 31 ff                            xor edi,edi
            0034: 48 89 7d c8                      mov qword ptr [rbp-0x38],rdi
            0038: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0042: 48 8d 75 c8                      lea rsi,[rbp-0x38]
            0046: e8 a5 be 03 c1                   call 0xffffffff8123eef0
            004b: 48 89 c3                         mov rbx,rax
            004e: 48 85 c0                         test rax,rax
            0051: 74 0d                            je 0xffffffffc0203060
            0053: 48 8d 7d e8                      lea rdi,[rbp-0x18]
            0057: e8 30 e4 df ff                   call 0xffffffffc000148c
            005c: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            0060: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            006a: 48 89 de                         mov rsi,rbx
            006d: 48 8d 55 c8                      lea rdx,[rbp-0x38]
            0071: e8 2a c0 03 c1                   call 0xffffffff8123f0a0
            0076: 48 83 7d f8 00                   cmp qword ptr [rbp-0x8],0x0
            007b: 0f 85 1f 00 00 00                jne 0xffffffffc02030a0
            0081: 48 8b 7d e8                      mov rdi,qword ptr [rbp-0x18]
            0085: 48 8b 75 f0                      mov rsi,qword ptr [rbp-0x10]
            0089: e8 d7 3a 65 c1                   call 0xffffffff81856b65
            008e: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            0092: 0f 1f 44 00 00                   nop dword ptr [rax+rax*1+0x0]
            0097: 2e 0f 1f 84 00 00 00 00 00       cs nop dword ptr [rax+rax*1+0x0]
            00a0: 31 ff                            xor edi,edi
            00a2: 48 89 7d c8                      mov qword ptr [rbp-0x38],rdi
            00a6: 48 bf 00 e0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056e000
            00b0: 48 8d 75 c8                      lea rsi,[rbp-0x38]
            00b4: e8 37 be 03 c1                   call 0xffffffff8123eef0
            00b9: 48 89 c3                         mov rbx,rax
            00bc: 48 85 c0                         test rax,rax
            00bf: 74 09                            je 0xffffffffc02030ca
            00c1: 48 8d 7d e8                      lea rdi,[rbp-0x18]
            00c5: e8 c2 eb df ff                   call 0xffffffffc0001c8c
            00ca: 48 bf 00 e0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056e000
            00d4: 48 89 de                         mov rsi,rbx
            00d7: 48 8d 55 c8                      lea rdx,[rbp-0x38]
            00db: e8 c0 bf 03 c1                   call 0xffffffff8123f0a0
            00e0: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            00ea: e8 11 c6 03 c1                   call 0xffffffff8123f700
            00ef: 48 8b 45 f8                      mov rax,qword ptr [rbp-0x8]
            00f3: 48 8b 5d d8                      mov rbx,qword ptr [rbp-0x28]
            00f7: c9                               leave
            00f8: 48 83 c4 08                      add rsp,0x8
            00fc: e9 ff 2c 00 c2                   jmp 0xffffffff82205e00
            """);
    }

    /** 8 arguments: the 7th and 8th are copied from rbp+0x18/+0x20 into the frame and again to the outgoing stack area. */
    @Test
    void eightArgs() {
        golden(Golden::eightArgs, """
            0000: 55                               push rbp
            0001: 48 89 e5                         mov rbp,rsp
            0004: 48 83 ec 78                      sub rsp,0x78
            0008: 48 89 5d a8                      mov qword ptr [rbp-0x58],rbx
            000c: b8 08 00 00 00                   mov eax,0x8
            0011: 48 89 45 b0                      mov qword ptr [rbp-0x50],rax
            0015: 48 89 7d b8                      mov qword ptr [rbp-0x48],rdi
            0019: 48 89 75 c0                      mov qword ptr [rbp-0x40],rsi
            001d: 48 89 55 c8                      mov qword ptr [rbp-0x38],rdx
            0021: 48 89 4d d0                      mov qword ptr [rbp-0x30],rcx
            0025: 4c 89 45 d8                      mov qword ptr [rbp-0x28],r8
            0029: 4c 89 4d e0                      mov qword ptr [rbp-0x20],r9
            002d: 48 8b 45 18                      mov rax,qword ptr [rbp+0x18]
            0031: 48 89 45 e8                      mov qword ptr [rbp-0x18],rax
            0035: 48 8b 45 20                      mov rax,qword ptr [rbp+0x20]
            0039: 48 89 45 f0                      mov qword ptr [rbp-0x10],rax
            003d: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            0047: e8 b4 c5 03 c1                   call 0xffffffff8123f600
            004c: 48 8b 7d b8                      mov rdi,qword ptr [rbp-0x48]
            0050: 48 8b 75 c0                      mov rsi,qword ptr [rbp-0x40]
            0054: 48 8b 55 c8                      mov rdx,qword ptr [rbp-0x38]
            0058: 48 8b 4d d0                      mov rcx,qword ptr [rbp-0x30]
            005c: 4c 8b 45 d8                      mov r8,qword ptr [rbp-0x28]
            0060: 4c 8b 4d e0                      mov r9,qword ptr [rbp-0x20]
            0064: 48 8b 45 18                      mov rax,qword ptr [rbp+0x18]
            0068: 48 89 45 88                      mov qword ptr [rbp-0x78],rax
            006c: 48 8b 45 20                      mov rax,qword ptr [rbp+0x20]
            0070: 48 89 45 90                      mov qword ptr [rbp-0x70],rax
            0074: e8 ec 3a 65 c1                   call 0xffffffff81856b65
            0079: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            007d: 0f 1f 44 00 00                   nop dword ptr [rax+rax*1+0x0]
            0082: 31 ff                            xor edi,edi
            0084: 48 89 7d 98                      mov qword ptr [rbp-0x68],rdi
            0088: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0092: 48 8d 75 98                      lea rsi,[rbp-0x68]
            0096: e8 55 be 03 c1                   call 0xffffffff8123eef0
            009b: 48 89 c3                         mov rbx,rax
            009e: 48 85 c0                         test rax,rax
            00a1: 74 09                            je 0xffffffffc02030ac
            00a3: 48 8d 7d b8                      lea rdi,[rbp-0x48]
            00a7: e8 e0 e3 df ff                   call 0xffffffffc000148c
            00ac: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            00b6: 48 89 de                         mov rsi,rbx
            00b9: 48 8d 55 98                      lea rdx,[rbp-0x68]
            00bd: e8 de bf 03 c1                   call 0xffffffff8123f0a0
            00c2: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            00cc: e8 2f c6 03 c1                   call 0xffffffff8123f700
            00d1: 48 8b 45 f8                      mov rax,qword ptr [rbp-0x8]
            00d5: 48 8b 5d a8                      mov rbx,qword ptr [rbp-0x58]
            00d9: c9                               leave
            00da: 48 83 c4 08                      add rsp,0x8
            00de: c3                               ret
            """);
    }

    /** cookies in the three immediate forms: mov r32, sign-extended imm32, movabs; IP_ARG stores func_addr. */
    @Test
    void cookies() {
        golden(Golden::cookies, """
            0000: 55                               push rbp
            0001: 48 89 e5                         mov rbp,rsp
            0004: 48 83 ec 30                      sub rsp,0x30
            0008: 48 89 5d e0                      mov qword ptr [rbp-0x20],rbx
            000c: b8 01 00 00 00                   mov eax,0x1
            0011: 48 89 45 f0                      mov qword ptr [rbp-0x10],rax
            0015: 48 c7 c0 60 6b 85 81             mov rax,0xffffffff81856b60
            001c: 48 89 45 e8                      mov qword ptr [rbp-0x18],rax
            0020: 48 89 7d f8                      mov qword ptr [rbp-0x8],rdi
            0024: bf 2a 00 00 00                   mov edi,0x2a
            0029: 48 89 7d d0                      mov qword ptr [rbp-0x30],rdi
            002d: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0037: 48 8d 75 d0                      lea rsi,[rbp-0x30]
            003b: e8 b0 be 03 c1                   call 0xffffffff8123eef0
            0040: 48 89 c3                         mov rbx,rax
            0043: 48 85 c0                         test rax,rax
            0046: 74 09                            je 0xffffffffc0203051
            0048: 48 8d 7d f8                      lea rdi,[rbp-0x8]
            004c: e8 3b e4 df ff                   call 0xffffffffc000148c
            0051: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            005b: 48 89 de                         mov rsi,rbx
            005e: 48 8d 55 d0                      lea rdx,[rbp-0x30]
            0062: e8 39 c0 03 c1                   call 0xffffffff8123f0a0
            0067: 48 c7 c7 00 00 00 80             mov rdi,0xffffffff80000000
            006e: 48 89 7d d0                      mov qword ptr [rbp-0x30],rdi
            0072: 48 bf 00 e0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056e000
            007c: 48 8d 75 d0                      lea rsi,[rbp-0x30]
            0080: e8 6b be 03 c1                   call 0xffffffff8123eef0
            0085: 48 89 c3                         mov rbx,rax
            0088: 48 85 c0                         test rax,rax
            008b: 74 09                            je 0xffffffffc0203096
            008d: 48 8d 7d f8                      lea rdi,[rbp-0x8]
            0091: e8 f6 eb df ff                   call 0xffffffffc0001c8c
            0096: 48 bf 00 e0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056e000
            00a0: 48 89 de                         mov rsi,rbx
            00a3: 48 8d 55 d0                      lea rdx,[rbp-0x30]
            00a7: e8 f4 bf 03 c1                   call 0xffffffff8123f0a0
            00ac: 48 bf 88 77 66 55 44 33 22 11    movabs rdi,0x1122334455667788
            00b6: 48 89 7d d0                      mov qword ptr [rbp-0x30],rdi
            00ba: 48 bf 00 f0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056f000
            00c4: 48 8d 75 d0                      lea rsi,[rbp-0x30]
            00c8: e8 23 be 03 c1                   call 0xffffffff8123eef0
            00cd: 48 89 c3                         mov rbx,rax
            00d0: 48 85 c0                         test rax,rax
            00d3: 74 09                            je 0xffffffffc02030de
            00d5: 48 8d 7d f8                      lea rdi,[rbp-0x8]
            00d9: e8 ae f3 df ff                   call 0xffffffffc000248c
            00de: 48 bf 00 f0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056f000
            00e8: 48 89 de                         mov rsi,rbx
            00eb: 48 8d 55 d0                      lea rdx,[rbp-0x30]
            00ef: e8 ac bf 03 c1                   call 0xffffffff8123f0a0
            00f4: 48 8b 7d f8                      mov rdi,qword ptr [rbp-0x8]
            00f8: 48 8b 5d e0                      mov rbx,qword ptr [rbp-0x20]
            00fc: c9                               leave
            00fd: c3                               ret
            """);
    }

    /** struct_ops member with 4 arguments returning int: ENDBR (INDIRECT + IBT), plain helpers, [rbp-8] returned. */
    @Test
    void structOpsFourArgs() {
        golden(Golden::structOpsFourArgs, """
            0000: f3 0f 1e fa                      endbr64
            0004: 55                               push rbp
            0005: 48 89 e5                         mov rbp,rsp
            0008: 48 83 ec 48                      sub rsp,0x48
            000c: 48 89 5d c8                      mov qword ptr [rbp-0x38],rbx
            0010: b8 04 00 00 00                   mov eax,0x4
            0015: 48 89 45 d0                      mov qword ptr [rbp-0x30],rax
            0019: 48 89 7d d8                      mov qword ptr [rbp-0x28],rdi
            001d: 48 89 75 e0                      mov qword ptr [rbp-0x20],rsi
            0021: 48 89 55 e8                      mov qword ptr [rbp-0x18],rdx
            0025: 48 89 4d f0                      mov qword ptr [rbp-0x10],rcx
            0029: 31 ff                            xor edi,edi
            002b: 48 89 7d b8                      mov qword ptr [rbp-0x48],rdi
            002f: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0039: 48 8d 75 b8                      lea rsi,[rbp-0x48]
            003d: e8 be c1 03 c1                   call 0xffffffff8123f200
            0042: 48 89 c3                         mov rbx,rax
            0045: 48 85 c0                         test rax,rax
            0048: 74 0d                            je 0xffffffffc0203057
            004a: 48 8d 7d d8                      lea rdi,[rbp-0x28]
            004e: e8 39 e4 df ff                   call 0xffffffffc000148c
            0053: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            0057: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0061: 48 89 de                         mov rsi,rbx
            0064: 48 8d 55 b8                      lea rdx,[rbp-0x48]
            0068: e8 93 c2 03 c1                   call 0xffffffff8123f300
            006d: 48 8b 45 f8                      mov rax,qword ptr [rbp-0x8]
            0071: 48 8b 5d c8                      mov rbx,qword ptr [rbp-0x38]
            0075: c9                               leave
            0076: c3                               ret
            0077: cc                               int3
            """);
    }

    /**
     * 6.1 (linux-source-6.1 6.1.192-2, bpf_jit_comp.c): EMIT_ENDBR() in a tracing trampoline (:2192), push rbx after
     * the frame set-up (:2198), 8-byte stores and loads of the u8 and u16 arguments (save_regs()/restore_regs()
     * :1869-1900, BPF_DW), pop rbx before leave (:2317).
     */
    @Test
    void debian12Fentry() {
        golden(Golden::debian12Fentry, """
            0000: f3 0f 1e fa                      endbr64
            0004: 55                               push rbp
            0005: 48 89 e5                         mov rbp,rsp
            0008: 48 83 ec 28                      sub rsp,0x28
            000c: 53                               push rbx
            000d: b8 02 00 00 00                   mov eax,0x2
            0012: 48 89 45 e8                      mov qword ptr [rbp-0x18],rax
            0016: 48 89 7d f0                      mov qword ptr [rbp-0x10],rdi
            001a: 48 89 75 f8                      mov qword ptr [rbp-0x8],rsi
            001e: 31 ff                            xor edi,edi
            0020: 48 89 7d d8                      mov qword ptr [rbp-0x28],rdi
            0024: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            002e: 48 8d 75 d8                      lea rsi,[rbp-0x28]
            0032: e8 b9 be 03 c1                   call 0xffffffff8123eef0
            0037: 48 89 c3                         mov rbx,rax
            003a: 48 85 c0                         test rax,rax
            003d: 74 09                            je 0xffffffffc0203048
            003f: 48 8d 7d f0                      lea rdi,[rbp-0x10]
            0043: e8 44 e4 df ff                   call 0xffffffffc000148c
            0048: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0052: 48 89 de                         mov rsi,rbx
            0055: 48 8d 55 d8                      lea rdx,[rbp-0x28]
            0059: e8 42 c0 03 c1                   call 0xffffffff8123f0a0
            005e: 48 8b 7d f0                      mov rdi,qword ptr [rbp-0x10]
            0062: 48 8b 75 f8                      mov rsi,qword ptr [rbp-0x8]
            0066: 5b                               pop rbx
            0067: c9                               leave
            0068: c3                               ret
            0069: cc                               int3
            """);
    }

    /**
     * 6.1: IP_ARG is func_addr through emit_mov_imm64(), a movabs since 6.1 has no sign-extended imm32 form
     * (:2207-2214, :709-730), as is the cookie -2 (:1913); the 16-byte struct takes rdi and rsi (nr_regs 3, :2134-2135);
     * ORIG_STACK calls through rbx (:2254-2256); 13 bytes to the 16-byte aligned do_fexit are nop8 + nop5
     * (ASM_NOP_MAX 8, emit_nops() :931-948); the return thunk (:486-498).
     */
    @Test
    void debian12OrigStackIpArg() {
        golden(Golden::debian12OrigStackIpArg, """
            0000: 55                               push rbp
            0001: 48 89 e5                         mov rbp,rsp
            0004: 48 83 ec 40                      sub rsp,0x40
            0008: 53                               push rbx
            0009: b8 03 00 00 00                   mov eax,0x3
            000e: 48 89 45 d8                      mov qword ptr [rbp-0x28],rax
            0012: 48 b8 60 6b 85 81 ff ff ff ff    movabs rax,0xffffffff81856b60
            001c: 48 89 45 d0                      mov qword ptr [rbp-0x30],rax
            0020: 48 89 7d e0                      mov qword ptr [rbp-0x20],rdi
            0024: 48 89 75 e8                      mov qword ptr [rbp-0x18],rsi
            0028: 48 89 55 f0                      mov qword ptr [rbp-0x10],rdx
            002c: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            0036: e8 c5 c5 03 c1                   call 0xffffffff8123f600
            003b: 31 c0                            xor eax,eax
            003d: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            0041: 48 bf fe ff ff ff ff ff ff ff    movabs rdi,0xfffffffffffffffe
            004b: 48 89 7d c0                      mov qword ptr [rbp-0x40],rdi
            004f: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0059: 48 8d 75 c0                      lea rsi,[rbp-0x40]
            005d: e8 8e be 03 c1                   call 0xffffffff8123eef0
            0062: 48 89 c3                         mov rbx,rax
            0065: 48 85 c0                         test rax,rax
            0068: 74 0d                            je 0xffffffffc0203077
            006a: 48 8d 7d e0                      lea rdi,[rbp-0x20]
            006e: e8 19 e4 df ff                   call 0xffffffffc000148c
            0073: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            0077: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0081: 48 89 de                         mov rsi,rbx
            0084: 48 8d 55 c0                      lea rdx,[rbp-0x40]
            0088: e8 13 c0 03 c1                   call 0xffffffff8123f0a0
            008d: 48 83 7d f8 00                   cmp qword ptr [rbp-0x8],0x0
            0092: 0f 85 28 00 00 00                jne 0xffffffffc02030c0
            0098: 48 8b 7d e0                      mov rdi,qword ptr [rbp-0x20]
            009c: 48 8b 75 e8                      mov rsi,qword ptr [rbp-0x18]
            00a0: 48 8b 55 f0                      mov rdx,qword ptr [rbp-0x10]
            00a4: 48 8b 5d 08                      mov rbx,qword ptr [rbp+0x8]
            00a8: ff d3                            call rbx
            00aa: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            00ae: 0f 1f 44 00 00                   nop dword ptr [rax+rax*1+0x0]
            00b3: 0f 1f 84 00 00 00 00 00          nop dword ptr [rax+rax*1+0x0]
            00bb: 0f 1f 44 00 00                   nop dword ptr [rax+rax*1+0x0]
            00c0: bf 2a 00 00 00                   mov edi,0x2a
            00c5: 48 89 7d c0                      mov qword ptr [rbp-0x40],rdi
            00c9: 48 bf 00 e0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056e000
            00d3: 48 8d 75 c0                      lea rsi,[rbp-0x40]
            00d7: e8 14 be 03 c1                   call 0xffffffff8123eef0
            00dc: 48 89 c3                         mov rbx,rax
            00df: 48 85 c0                         test rax,rax
            00e2: 74 09                            je 0xffffffffc02030ed
            00e4: 48 8d 7d e0                      lea rdi,[rbp-0x20]
            00e8: e8 9f eb df ff                   call 0xffffffffc0001c8c
            00ed: 48 bf 00 e0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056e000
            00f7: 48 89 de                         mov rsi,rbx
            00fa: 48 8d 55 c0                      lea rdx,[rbp-0x40]
            00fe: e8 9d bf 03 c1                   call 0xffffffff8123f0a0
            0103: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            010d: e8 ee c5 03 c1                   call 0xffffffff8123f700
            0112: 48 8b 45 f8                      mov rax,qword ptr [rbp-0x8]
            0116: 5b                               pop rbx
            0117: c9                               leave
            0118: 48 83 c4 08                      add rsp,0x8
            011c: e9 df 2c 00 c2                   jmp 0xffffffff82205e00
            """);
    }

    /**
     * 6.1: TAIL_CALL_CTX (bpf.h:872) pushes rax before rbx (:2196-2198) and reloads it before the original call with
     * RESTORE_TAIL_CALL_CNT(stack_size), [rbp - 0x30 - 8] in the disp32 form (:953-954, :2248-2252).
     */
    @Test
    void debian12TailCall() {
        golden(Golden::debian12TailCall, """
            0000: 55                               push rbp
            0001: 48 89 e5                         mov rbp,rsp
            0004: 48 83 ec 30                      sub rsp,0x30
            0008: 50                               push rax
            0009: 53                               push rbx
            000a: b8 02 00 00 00                   mov eax,0x2
            000f: 48 89 45 e0                      mov qword ptr [rbp-0x20],rax
            0013: 48 89 7d e8                      mov qword ptr [rbp-0x18],rdi
            0017: 48 89 75 f0                      mov qword ptr [rbp-0x10],rsi
            001b: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            0025: e8 d6 c5 03 c1                   call 0xffffffff8123f600
            002a: 48 8b 7d e8                      mov rdi,qword ptr [rbp-0x18]
            002e: 48 8b 75 f0                      mov rsi,qword ptr [rbp-0x10]
            0032: 48 8b 85 c8 ff ff ff             mov rax,qword ptr [rbp-0x38]
            0039: e8 27 3b 65 c1                   call 0xffffffff81856b65
            003e: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            0042: 0f 1f 44 00 00                   nop dword ptr [rax+rax*1+0x0]
            0047: 31 ff                            xor edi,edi
            0049: 48 89 7d d0                      mov qword ptr [rbp-0x30],rdi
            004d: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0057: 48 8d 75 d0                      lea rsi,[rbp-0x30]
            005b: e8 90 be 03 c1                   call 0xffffffff8123eef0
            0060: 48 89 c3                         mov rbx,rax
            0063: 48 85 c0                         test rax,rax
            0066: 74 09                            je 0xffffffffc0203071
            0068: 48 8d 7d e8                      lea rdi,[rbp-0x18]
            006c: e8 1b e4 df ff                   call 0xffffffffc000148c
            0071: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            007b: 48 89 de                         mov rsi,rbx
            007e: 48 8d 55 d0                      lea rdx,[rbp-0x30]
            0082: e8 19 c0 03 c1                   call 0xffffffff8123f0a0
            0087: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            0091: e8 6a c6 03 c1                   call 0xffffffff8123f700
            0096: 48 8b 45 f8                      mov rax,qword ptr [rbp-0x8]
            009a: 5b                               pop rbx
            009b: c9                               leave
            009c: 48 83 c4 08                      add rsp,0x8
            00a0: c3                               ret
            00a1: cc                               int3
            """);
    }

    /**
     * 6.12 (linux-source-6.12 6.12.117-1~deb12u1): INDIRECT struct_ops member with 8 arguments: ENDBR from emit_cfi()
     * (:3036-3040), rbx in its slot (:3059), arguments 7 and 8 read at rbp+0x18 and rbp+0x20 like a call entry
     * (save_args() :2627-2628; mainline reads them at rbp+0x10), plain enter/exit helpers, [rbp-8] returned.
     */
    @Test
    void bookwormBackportsStructOpsEightArgs() {
        golden(Golden::bookwormBackportsStructOpsEightArgs, """
            0000: f3 0f 1e fa                      endbr64
            0004: 55                               push rbp
            0005: 48 89 e5                         mov rbp,rsp
            0008: 48 83 ec 68                      sub rsp,0x68
            000c: 48 89 5d a8                      mov qword ptr [rbp-0x58],rbx
            0010: b8 08 00 00 00                   mov eax,0x8
            0015: 48 89 45 b0                      mov qword ptr [rbp-0x50],rax
            0019: 48 89 7d b8                      mov qword ptr [rbp-0x48],rdi
            001d: 48 89 75 c0                      mov qword ptr [rbp-0x40],rsi
            0021: 48 89 55 c8                      mov qword ptr [rbp-0x38],rdx
            0025: 48 89 4d d0                      mov qword ptr [rbp-0x30],rcx
            0029: 4c 89 45 d8                      mov qword ptr [rbp-0x28],r8
            002d: 4c 89 4d e0                      mov qword ptr [rbp-0x20],r9
            0031: 48 8b 45 18                      mov rax,qword ptr [rbp+0x18]
            0035: 48 89 45 e8                      mov qword ptr [rbp-0x18],rax
            0039: 48 8b 45 20                      mov rax,qword ptr [rbp+0x20]
            003d: 48 89 45 f0                      mov qword ptr [rbp-0x10],rax
            0041: 31 ff                            xor edi,edi
            0043: 48 89 7d 98                      mov qword ptr [rbp-0x68],rdi
            0047: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0051: 48 8d 75 98                      lea rsi,[rbp-0x68]
            0055: e8 a6 c1 03 c1                   call 0xffffffff8123f200
            005a: 48 89 c3                         mov rbx,rax
            005d: 48 85 c0                         test rax,rax
            0060: 74 0d                            je 0xffffffffc020306f
            0062: 48 8d 7d b8                      lea rdi,[rbp-0x48]
            0066: e8 21 e4 df ff                   call 0xffffffffc000148c
            006b: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            006f: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0079: 48 89 de                         mov rsi,rbx
            007c: 48 8d 55 98                      lea rdx,[rbp-0x68]
            0080: e8 7b c2 03 c1                   call 0xffffffff8123f300
            0085: 48 8b 45 f8                      mov rax,qword ptr [rbp-0x8]
            0089: 48 8b 5d a8                      mov rbx,qword ptr [rbp-0x58]
            008d: c9                               leave
            008e: c3                               ret
            008f: cc                               int3
            """);
    }

    /**
     * 6.12: 7 arguments, the last a lone u32 on the caller's stack: copied to the frame and to the outgoing area with
     * its upper half zeroed each time (clean_stack_garbage() :2519-2565), the frame padded so rsp is 16-aligned at the
     * original call (:3010-3020), 11 bytes to do_fexit in one nop11 (ASM_NOP_MAX 11).
     */
    @Test
    void bookwormBackportsSevenArgs() {
        golden(Golden::bookwormBackportsSevenArgs, """
            0000: 55                               push rbp
            0001: 48 89 e5                         mov rbp,rsp
            0004: 48 83 ec 68                      sub rsp,0x68
            0008: 48 89 5d b0                      mov qword ptr [rbp-0x50],rbx
            000c: b8 07 00 00 00                   mov eax,0x7
            0011: 48 89 45 b8                      mov qword ptr [rbp-0x48],rax
            0015: 48 89 7d c0                      mov qword ptr [rbp-0x40],rdi
            0019: 48 89 75 c8                      mov qword ptr [rbp-0x38],rsi
            001d: 48 89 55 d0                      mov qword ptr [rbp-0x30],rdx
            0021: 48 89 4d d8                      mov qword ptr [rbp-0x28],rcx
            0025: 4c 89 45 e0                      mov qword ptr [rbp-0x20],r8
            0029: 4c 89 4d e8                      mov qword ptr [rbp-0x18],r9
            002d: 48 8b 45 18                      mov rax,qword ptr [rbp+0x18]
            0031: 48 89 45 f0                      mov qword ptr [rbp-0x10],rax
            0035: c7 45 f4 00 00 00 00             mov dword ptr [rbp-0xc],0x0
            003c: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            0046: e8 b5 c5 03 c1                   call 0xffffffff8123f600
            004b: 31 c0                            xor eax,eax
            004d: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            0051: 31 ff                            xor edi,edi
            0053: 48 89 7d a0                      mov qword ptr [rbp-0x60],rdi
            0057: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0061: 48 8d 75 a0                      lea rsi,[rbp-0x60]
            0065: e8 86 be 03 c1                   call 0xffffffff8123eef0
            006a: 48 89 c3                         mov rbx,rax
            006d: 48 85 c0                         test rax,rax
            0070: 74 0d                            je 0xffffffffc020307f
            0072: 48 8d 7d c0                      lea rdi,[rbp-0x40]
            0076: e8 11 e4 df ff                   call 0xffffffffc000148c
            007b: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            007f: 48 bf 00 d0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056d000
            0089: 48 89 de                         mov rsi,rbx
            008c: 48 8d 55 a0                      lea rdx,[rbp-0x60]
            0090: e8 0b c0 03 c1                   call 0xffffffff8123f0a0
            0095: 48 83 7d f8 00                   cmp qword ptr [rbp-0x8],0x0
            009a: 0f 85 40 00 00 00                jne 0xffffffffc02030e0
            00a0: 48 8b 7d c0                      mov rdi,qword ptr [rbp-0x40]
            00a4: 48 8b 75 c8                      mov rsi,qword ptr [rbp-0x38]
            00a8: 48 8b 55 d0                      mov rdx,qword ptr [rbp-0x30]
            00ac: 48 8b 4d d8                      mov rcx,qword ptr [rbp-0x28]
            00b0: 4c 8b 45 e0                      mov r8,qword ptr [rbp-0x20]
            00b4: 4c 8b 4d e8                      mov r9,qword ptr [rbp-0x18]
            00b8: 48 8b 45 18                      mov rax,qword ptr [rbp+0x18]
            00bc: 48 89 45 98                      mov qword ptr [rbp-0x68],rax
            00c0: c7 45 9c 00 00 00 00             mov dword ptr [rbp-0x64],0x0
            00c7: e8 99 3a 65 c1                   call 0xffffffff81856b65
            00cc: 48 89 45 f8                      mov qword ptr [rbp-0x8],rax
            00d0: 0f 1f 44 00 00                   nop dword ptr [rax+rax*1+0x0]
            00d5: 66 66 2e 0f 1f 84 00 00 00 00 00 data16 cs nop word ptr [rax+rax*1+0x0]
            00e0: 31 ff                            xor edi,edi
            00e2: 48 89 7d a0                      mov qword ptr [rbp-0x60],rdi
            00e6: 48 bf 00 e0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056e000
            00f0: 48 8d 75 a0                      lea rsi,[rbp-0x60]
            00f4: e8 f7 bd 03 c1                   call 0xffffffff8123eef0
            00f9: 48 89 c3                         mov rbx,rax
            00fc: 48 85 c0                         test rax,rax
            00ff: 74 09                            je 0xffffffffc020310a
            0101: 48 8d 7d c0                      lea rdi,[rbp-0x40]
            0105: e8 82 eb df ff                   call 0xffffffffc0001c8c
            010a: 48 bf 00 e0 56 00 00 c9 ff ff    movabs rdi,0xffffc9000056e000
            0114: 48 89 de                         mov rsi,rbx
            0117: 48 8d 55 a0                      lea rdx,[rbp-0x60]
            011b: e8 80 bf 03 c1                   call 0xffffffff8123f0a0
            0120: 48 bf 00 44 06 06 80 88 ff ff    movabs rdi,0xffff888006064400
            012a: e8 d1 c5 03 c1                   call 0xffffffff8123f700
            012f: 48 8b 45 f8                      mov rax,qword ptr [rbp-0x8]
            0133: 48 8b 5d b0                      mov rbx,qword ptr [rbp-0x50]
            0137: c9                               leave
            0138: 48 83 c4 08                      add rsp,0x8
            013c: c3                               ret
            """);
    }
}
