package multilink.live;

import io.vavr.control.Option;
import multilink.x86.TrampolineImage;

/** How one configuration's image compared: the kernel and x86gen built the same bytes, refused alike, or differ. */
public sealed interface ImageOutcome {
    LiveConfig config();

    /** Byte for byte the same image at the same addresses. */
    record Identical(LiveConfig config, int size) implements ImageOutcome { }

    /** Both refused, with the same errno. */
    record RefusedAlike(LiveConfig config, String stage, int errno) implements ImageOutcome { }

    /**
     * A difference. {@code what} says in one line what differs (bytes, flags, model, a refusal), {@code first}
     * the first differing instruction when bytes were compared; the images when there were any.
     */
    record Differing(LiveConfig config, String what, Option<Disasm.FirstDifference> first, Option<TrampDump> kernel,
                     Option<TrampolineImage> x86gen) implements ImageOutcome { }

    /** The guest gave no answer for this configuration (it stopped, or the harness could not read it). */
    record NotRun(LiveConfig config, String why) implements ImageOutcome { }
}
