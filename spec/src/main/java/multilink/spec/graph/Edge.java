package multilink.spec.graph;

/**
 * One labelled transition of a state graph: source and target by state index,
 * the step by its index in the run's {@link multilink.spec.bounds.StepSpace},
 * and the errno the syscall returned (kernel name, "ok" for success).
 */
public record Edge(int from, int step, String errno, int to) {
}
