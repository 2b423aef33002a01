package multilink.model.state;

import multilink.model.world.Target;

/** One attachment a link holds: the trampoline it joined and its cookie. */
public record LinkEntry(Target tramp, long cookie) {
}
