package multilink.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./multilink live}: the stock Debian kernels booted under qemu as the reference (x86 images, scenarios). */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "Hold x86gen and the model against a real kernel booted under qemu (KVM if usable, else TCG).",
        subcommands = {LiveX86Command.class, LiveRunCommand.class})
final class LiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_USAGE;
    }
}
