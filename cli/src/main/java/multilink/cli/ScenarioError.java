package multilink.cli;

/**
 * Why a scenario file cannot be run: the 1-based step it is about (0 for the
 * file as a whole) and one line for the user.
 */
public record ScenarioError(int step, String problem) {

    public static ScenarioError file(String problem) {
        return new ScenarioError(0, problem);
    }

    /** {@code multilink: FILE: step N: problem}, the one line users see. */
    public String render(String file) {
        return "multilink: " + file + ": " + (step > 0 ? "step " + step + ": " : "") + problem;
    }
}
