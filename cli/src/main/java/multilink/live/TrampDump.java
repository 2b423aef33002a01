package multilink.live;

import io.vavr.collection.List;

/**
 * One trampoline as the guest's link iterator read it from kernel memory.
 *
 * @param flags     bpf_trampoline.flags: the BPF_TRAMP_F_* set the JIT was last called with
 * @param funcAddr  tr->func.addr, the traced function
 * @param im        the bpf_tramp_image, whose address the image passes to __bpf_tramp_enter/exit
 * @param image     where the image is mapped
 * @param size      im->size (6.12); 0 where the kernel has no such field (6.1: the image is a page)
 * @param thunk     the value of x86_return_thunk, the target of the image's return jmp under RETHUNK
 * @param progs     fentry, fexit, fmod_ret lists (the kernel's BPF_TRAMP_* order), each in invocation order
 * @param bytes     the image: im->size bytes, or (6.1) the page up to its last non-zero byte
 */
public record TrampDump(long tr, long key, int flags, long funcAddr, long im, long image, int size, long thunk,
                        int retSize, int retFlags, int nrArgs, List<Integer> argSize, List<Integer> argFlags,
                        List<List<ProgDump>> progs, byte[] bytes) {

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
