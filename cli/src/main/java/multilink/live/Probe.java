package multilink.live;

import io.vavr.collection.List;
import io.vavr.control.Either;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The target catalogue of a guest. Which functions ftrace can patch is only known inside the running kernel
 * (available_filter_functions), so the first run boots the guest once in probe mode and keeps the list beside the
 * kernel's files.
 */
public final class Probe {
    private Probe() {
    }

    public static Either<String, TargetCatalogue> catalogue(Guest g, LiveCache cache, PrintWriter err) {
        try {
            if (!Files.isRegularFile(g.traceable())) {
                err.println("live: probing the " + g.line().name() + " guest for traceable functions (once)");
                err.flush();
                var boot = Qemu.boot(g, CpuModel.PLAIN, "probe", "", 0, cache, err).flatMap(b -> GuestOutput.parse(b.output()));
                if (boot.isLeft()) {
                    return Either.left(boot.getLeft());
                }
                if (boot.get().traceable().isEmpty()) {
                    return Either.left("the " + g.line().name() + " guest lists no traceable function "
                            + "(no tracefs at /sys/kernel/tracing?)");
                }
                Path tmp = g.traceable().resolveSibling(".traceable.tmp");
                Files.writeString(tmp, boot.get().traceable().mkString("", "\n", "\n"), StandardCharsets.UTF_8);
                Files.move(tmp, g.traceable(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return Either.right(TargetCatalogue.of(List.ofAll(Files.readAllLines(g.functions())),
                    List.ofAll(Files.readAllLines(g.traceable()))));
        } catch (IOException e) {
            return Either.left("cannot read the guest's function lists in " + g.buildDir() + ": " + e.getMessage());
        }
    }
}
