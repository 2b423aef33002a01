package multilink.spec.tlc;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a running TLC reports besides its result: progress (message 2200 and
 * the totals), each checkpoint it completes (messages 2195/2196, with the
 * directory a {@code -recover} continues from), and the lines it prints
 * outside its message blocks (PrintT).
 */
public record TlcWatch(Consumer<TlcProgress> progress, Consumer<Path> checkpoint, Consumer<String> raw) {
    public static TlcWatch progress(Consumer<TlcProgress> progress) {
        return new TlcWatch(progress, p -> { }, line -> { });
    }
}
