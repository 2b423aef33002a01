package multilink.live;

import io.vavr.collection.List;

/**
 * One trampoline as the guest's link iterator read it from kernel memory.
 *
 * @param flags     bpf_trampoline.flags: the BPF_TRAMP_F_* set the JIT was last called with
 * @param funcAddr  tr->func.addr, the traced function
 * @param im        the bpf_tramp_image, whose address the image passes to __bpf_tramp_enter/exit
 * @param image     where the image is mapped
 * @param size      im->size (6.12): the code plus BPF_INSN_SAFETY (64) bytes of slack, as
 *                  __arch_prepare_bpf_trampoline() returns prog - rw_image + BPF_INSN_SAFETY (6.12
 *                  arch/x86/net/bpf_jit_comp.c:3197); 0 where the kernel has no such field (6.1: the image is a page)
 * @param funcHead  the traced function's first four bytes (little endian): is_endbr() on them decides whether the
 *                  original call skips an endbr64
 * @param thunk     the value of x86_return_thunk, the target of the image's return jmp under RETHUNK
 * @param progs     fentry, fexit, fmod_ret lists (the kernel's BPF_TRAMP_* order), each in invocation order
 * @param bytes     the image: im->size bytes, or (6.1) the page up to its last non-zero byte
 */
public record TrampDump(long tr, long key, int flags, long funcAddr, long im, long image, int size, int funcHead,
                        long thunk,
                        int retSize, int retFlags, int nrArgs, List<Integer> argSize, List<Integer> argFlags,
                        List<List<ProgDump>> progs, byte[] bytes) {

    /** endbr64 (f3 0f 1e fa) read as a little-endian u32 (6.12 arch/x86/include/asm/ibt.h:44-55). */
    public static final int ENDBR64 = 0xfa1e0ff3;
    /** ENDBR32 differs from ENDBR64 in this bit; is_endbr() accepts both (asm/ibt.h:73). */
    public static final int ENDBR32_BIT = 0x01000000;
    /**
     * The poison apply_seal_endbr() writes over the endbr64 of every function whose address is never taken, at
     * every boot, whatever the CPU (6.12 arch/x86/kernel/alternative.c:1938-1941, :1048-1068): osp nopl (%rax),
     * 66 0f 1f 00 (asm/ibt.h:59-66). is_endbr() accepts it (asm/ibt.h:68-75).
     */
    public static final int ENDBR_POISON = 0x001f0f66;

    /** BPF_INSN_SAFETY, the slack 6.12 counts into im->size (arch/x86/net/bpf_jit_comp.c:323, :3197). */
    public static final int INSN_SAFETY = 64;

    /** is_endbr() of the function's first four bytes (6.12 arch/x86/include/asm/ibt.h:68-75). */
    public boolean startsWithEndbr() {
        return funcHead == ENDBR_POISON || (funcHead & ~ENDBR32_BIT) == ENDBR64;
    }

    /** The JITed code: a 6.12 image without its slack; a 6.1 page up to its last non-zero byte. */
    public byte[] code() {
        return size > 0 ? java.util.Arrays.copyOf(bytes, Math.max(0, Math.min(bytes.length, size - INSN_SAFETY)))
                : bytes;
    }

    /** One program of a trampoline list: its struct bpf_prog, its JITed code, the link's cookie. */
    public record ProgDump(long prog, long bpfFunc, long cookie) { }

    public List<ProgDump> fentry() {
        return progs.get(0);
    }

    public List<ProgDump> fexit() {
        return progs.get(1);
    }

    public List<ProgDump> fmodRet() {
        return progs.get(2);
    }
}
