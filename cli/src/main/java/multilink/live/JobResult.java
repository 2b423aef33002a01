package multilink.live;

import io.vavr.control.Option;

/**
 * What the guest reported for one x86 job: the first refusal (load or attach of the program at that attach
 * position) or the trampoline the attached programs share.
 */
public record JobResult(String id, Option<Refusal> refusal, Option<TrampDump> tramp, Option<String> error) {

    /** @param stage "load" or "attach"; @param index the position in the job's attach order */
    public record Refusal(String stage, int index, int errno) { }
}
