package multilink.cli;

import multilink.x86.GlobalCaller;
import multilink.x86.GlobalCallerImage;
import multilink.x86.Insn;
import multilink.x86.Op;
import multilink.x86.TrampolineImage;
import multilink.x86.X86Gen;

/**
 * A generator with a planted encoding bug: the fmod_ret branches {@code jne rel32} (0f 85) come out as
 * {@code je rel32} (0f 84) while the listing still says jne, so only images with fmod_ret programs are wrong.
 */
final class PlantedX86 {
    static final X86Backend JE_FOR_JNE = new X86Backend(
            c -> X86Gen.generate(c).map(PlantedX86::jeForJne), X86Backend.REAL.globalCaller(),
            X86Backend.REAL.reference(), X86Backend.REAL.missingTool());

    /**
     * A global caller generator with a planted encoding bug: its {@code call} to the C runner comes out as
     * {@code jmp rel32} (e8 -> e9) while the listing still says call; trampolines are right.
     */
    static final X86Backend GLOBAL_CALL_AS_JMP = new X86Backend(X86Backend.REAL.generator(),
            c -> GlobalCaller.generate(c).map(PlantedX86::callAsJmp), X86Backend.REAL.reference(),
            X86Backend.REAL.missingTool());

    private PlantedX86() {
    }

    static TrampolineImage jeForJne(TrampolineImage img) {
        return new TrampolineImage(img.config(), img.insns().map(PlantedX86::flip), img.relocations(), img.layout(),
                img.imageAddress(), img.placeholders());
    }

    static GlobalCallerImage callAsJmp(GlobalCallerImage img) {
        return new GlobalCallerImage(img.config(), img.insns().map(i -> {
            byte[] b = i.bytes();
            if (b.length != 5 || (b[0] & 0xff) != 0xe8) {
                return i;
            }
            b[0] = (byte) 0xe9;
            return new Insn(i.offset(), b, i.op(), i.text(), i.asm(), i.prefixOrderFree());
        }), img.relocations(), img.imageAddress(), img.placeholders());
    }

    private static Insn flip(Insn i) {
        if (!(i.op() instanceof Op.Jcc j && j.mnemonic().equals("jne") && j.near())) {
            return i;
        }
        byte[] b = i.bytes();
        b[1] = (byte) 0x84;
        return new Insn(i.offset(), b, i.op(), i.text(), i.asm(), i.prefixOrderFree());
    }

    /** Every reference tool present but one. */
    static X86Backend missing(String line) {
        return new X86Backend(X86Backend.REAL.generator(), X86Backend.REAL.globalCaller(), X86Backend.REAL.reference(),
                () -> io.vavr.control.Option.some(line));
    }
}
