package multilink.x86;

import io.vavr.collection.List;

import java.util.Random;

/**
 * Throughput of the generator and of the reference check, outside the test suite:
 * {@code java -cp <classpath> multilink.x86.X86Bench [seconds]}. Configurations are drawn from a fixed-seed
 * random source over all profiles, 0..12 arguments and 0..3 programs per kind, so runs are comparable.
 */
public final class X86Bench {
    private static final int BATCH = 200;

    private X86Bench() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Random rnd = new Random(42);
        List<TrampolineConfig> pool = List.fill(4096, () -> randomConfig(rnd));
        System.out.printf("x86gen benchmark: %d distinct configurations, fixed seed 42, %d cores, %s%n",
                pool.size(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        long warm = System.nanoTime() + 2_000_000_000L;
        int sink = 0;
        for (int i = 0; System.nanoTime() < warm; i++) {
            sink += X86Gen.generate(pool.get(i % pool.size())).map(TrampolineImage::size).getOrElse(0);
        }
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long images = 0;
        long bytes = 0;
        while (System.nanoTime() < deadline) {
            TrampolineImage img = X86Gen.generate(pool.get((int) (images % pool.size()))).get();
            bytes += img.size();
            images++;
        }
        double genSecs = (System.nanoTime() - start) / 1e9;
        System.out.printf("generate: %d images (%d bytes) in %.2f s single-threaded after 2 s warm-up = %.0f images/s%n",
                images, bytes, genSecs, images / genSecs);

        long checked = 0;
        int batches = 0;
        long refStart = System.nanoTime();
        long refDeadline = refStart + (long) (seconds * 1e9);
        while (System.nanoTime() < refDeadline || batches == 0) {
            List<TrampolineImage> batch = pool.drop(batches * BATCH % pool.size()).take(BATCH)
                    .map(c -> X86Gen.generate(c).get());
            CheckReport r = ReferenceEncoders.checkAll(batch).getOrElseThrow(s -> new IllegalStateException(s));
            if (!r.ok()) {
                throw new IllegalStateException(r.toString());
            }
            checked += r.instructions();
            batches++;
        }
        double refSecs = (System.nanoTime() - refStart) / 1e9;
        System.out.printf("reference check: %d batches of %d images, %d instructions, each compared with GNU as, "
                        + "llvm-mc and objdump, in %.2f s (wall clock, including generation and process start) "
                        + "= %.0f instructions/s, %.0f images/s%n",
                batches, BATCH, checked, refSecs, checked / refSecs, batches * BATCH / refSecs);
        System.out.println("(checksum " + sink + ")");
    }

    private static TrampolineConfig randomConfig(Random rnd) {
        KernelProfile p = KernelProfile.values()[rnd.nextInt(3)];
        int maxSlots = p == KernelProfile.V6_1 ? 6 : 12;
        List<Integer> sizes = List.empty();
        int slots = 0;
        int n = rnd.nextInt(13);
        for (int i = 0; i < n; i++) {
            int size = new int[] {1, 2, 4, 8, 8, 8, 16}[rnd.nextInt(7)];
            if (slots + (size + 7) / 8 > maxSlots) {
                break;
            }
            slots += (size + 7) / 8;
            sizes = sizes.append(size);
        }
        FuncModel m = new FuncModel(sizes.size(), sizes, sizes.map(s -> s > 8 ? FuncModel.BTF_FMODEL_STRUCT_ARG : 0), 8, 0);
        TrampLinks links = new TrampLinks(progs(rnd), progs(rnd), progs(rnd));
        if (links.total() == 0) {
            links = new TrampLinks(progs(rnd).append(BpfTrampLink.unlinked(0, false)), List.empty(), List.empty());
        }
        boolean callOrig = !links.fexit().isEmpty() || !links.fmodRet().isEmpty();
        int flags = callOrig ? TrampFlag.CALL_ORIG.mask() | TrampFlag.SKIP_FRAME.mask() : TrampFlag.RESTORE_REGS.mask();
        if (rnd.nextBoolean()) {
            flags |= TrampFlag.IP_ARG.mask();
        }
        CpuFeatures cpu = new CpuFeatures(rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean());
        return new TrampolineConfig(p, cpu, TrampolineKind.TRACING, m, flags, links, Addresses.NONE);
    }

    private static List<BpfTrampLink> progs(Random rnd) {
        return List.fill(rnd.nextInt(4), () -> BpfTrampLink.unlinked(rnd.nextInt(3) == 0 ? rnd.nextLong() : 0, rnd.nextBoolean()));
    }
}
