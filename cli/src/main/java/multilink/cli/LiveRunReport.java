package multilink.cli;

import multilink.live.Errnos;

/** The report of {@code live run}: per scenario the steps compared, and each step where kernel and model part. */
final class LiveRunReport {
    private LiveRunReport() {
    }

    static String render(LiveRun.Result r, String header) {
        StringBuilder sb = new StringBuilder();
        var played = r.played();
        int steps = played.map(p -> p.steps().size()).sum().intValue();
        int differing = played.map(p -> p.steps().count(s -> !s.agrees())).sum().intValue();
        int faults = played.map(LiveRun.Played::faultsStripped).sum().intValue();
        int other = played.map(p -> p.steps().count(s -> s.model() != s.kernel() && s.agrees())).sum().intValue();
        int skipped = r.outcomes().size() - played.size();
        sb.append("live run: kernel ").append(r.line().describe()).append(header).append('\n');
        if (r.bootMillis() > 0) {
            sb.append(String.format("  boot: %s, %.1f s%n", r.accel(), r.bootMillis() / 1000.0));
        }
        sb.append(String.format("  scenarios %d played, %d agree, %d differ; %d not playable on this guest%n",
                played.size(), played.count(LiveRun.Played::agrees), played.count(p -> !p.agrees()), skipped));
        sb.append(String.format("  errnos compared %d, differing %d%s%s%n", steps, differing,
                other > 0 ? "; " + other + " answered the other errno a freed module's text allows (EINVAL for "
                        + "the model's EBUSY: nothing had taken the page)" : "",
                faults > 0 ? "; " + faults + " injected faults left out (a stock kernel has no fault injection there)"
                        : ""));
        sb.append(String.format("  links read back with bpf_link_get_info_by_fd %d, not the attached prog's %d%n",
                played.map(LiveRun.Played::linksChecked).sum().intValue(),
                played.map(p -> p.linkProblems().size()).sum().intValue()));
        for (LiveRun.Outcome o : r.outcomes()) {
            if (o instanceof LiveRun.Skipped s) {
                sb.append("  SKIPPED ").append(s.item().name()).append(": ").append(s.why()).append('\n');
            } else if (o instanceof LiveRun.Played p) {
                p.modelStopped().forEach(m -> sb.append("  NOTE ").append(p.item().name()).append(": ").append(m)
                        .append('\n'));
                if (!p.agrees()) {
                    sb.append("  DIFFERS ").append(p.item().name()).append('\n');
                    for (LiveRun.StepCompare st : p.steps()) {
                        if (!st.agrees()) {
                            sb.append(String.format("    step %d %s: model %s, kernel %s%n", st.step(), st.syscall(),
                                    Errnos.name(st.model()), st.kernel() < 0 ? "no answer" : Errnos.name(st.kernel())));
                        }
                    }
                    p.linkProblems().forEach(l -> sb.append("    ").append(l).append('\n'));
                }
            }
        }
        return sb.toString();
    }
}
