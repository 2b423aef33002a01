package multilink.properties;

import io.vavr.collection.List;
import multilink.model.Errno;
import multilink.model.step.Op;
import multilink.model.step.Step;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static multilink.model.state.ProgType.FENTRY;
import static multilink.model.state.ProgType.FENTRY_MULTI;
import static multilink.properties.Fx.P1;
import static multilink.properties.Fx.P2;
import static multilink.properties.Fx.attach;
import static multilink.properties.Fx.closeProg;
import static multilink.properties.Fx.design;
import static multilink.properties.Fx.load;
import static multilink.properties.Fx.multi;

/**
 * BPF_LINK_UPDATE on tracing links, classic and multi, in every design:
 * link_update's checks in order (kernel/bpf/syscall.c:5355-5409 in 6.12),
 * then -EINVAL because no tracing link has update_prog; nothing changes.
 */
class LinkUpdateTest {
    static final int REPLACE = Op.UpdateLink.BPF_F_REPLACE;

    static Step update(int link, int newProg, int oldProg, int flags) {
        return Step.of(new Op.UpdateLink(link, newProg, oldProg, flags));
    }

    static List<Fx.Case> cases(List<Step> setup) {
        List<Step> two = setup.append(load(FENTRY, "bpf_fentry_test2"));
        return List.of(
                new Fx.Case("flags other than BPF_F_REPLACE", two, update(1, P2, 0, 1), Errno.EINVAL),
                new Fx.Case("no such link", two, update(7, P2, 0, 0), Errno.EBADF),
                new Fx.Case("new prog fd closed", two.append(closeProg(P2)), update(1, P2, 0, 0), Errno.EBADF),
                new Fx.Case("BPF_F_REPLACE with old_prog_fd 0 (no BPF prog)", two, update(1, P2, 0, REPLACE),
                        Errno.EINVAL),
                new Fx.Case("BPF_F_REPLACE, old prog fd closed", two.append(closeProg(P1)), update(1, P2, P1, REPLACE),
                        Errno.EBADF),
                new Fx.Case("old_prog_fd without BPF_F_REPLACE", two, update(1, P2, P1, 0), Errno.EINVAL),
                new Fx.Case("no update_prog in the link's ops", two, update(1, P2, P1, REPLACE), Errno.EINVAL),
                new Fx.Case("no update_prog, no old prog", two, update(1, P2, 0, 0), Errno.EINVAL));
    }

    @TestFactory
    Stream<DynamicTest> classicLinks() {
        return List.of("classic", "olsa-v3", "upstream", "dong-v1").flatMap(d -> cases(
                List.of(load(FENTRY, "bpf_fentry_test1"), attach(P1))).map(c -> c.test(design(d)))).toJavaStream();
    }

    @TestFactory
    Stream<DynamicTest> multiLinks() {
        return List.of("olsa-v3", "upstream", "dong-v1").flatMap(d -> cases(
                List.of(load(FENTRY_MULTI, "bpf_fentry_test1"), multi(P1, "bpf_fentry_test1")))
                .map(c -> c.test(design(d)))).toJavaStream();
    }

}
