package dev.persona.local.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** One {@code persona-local} command: its help, the options it takes, and what it does with them. */
abstract class Command {

    protected final PrintStream out;
    protected final PrintStream err;
    private final String help;
    private final Set<String> valuedOptions;
    private final Set<String> flags;
    private final int maxPositional;

    Command(PrintStream out, PrintStream err, String help, Set<String> valuedOptions, int maxPositional) {
        this(out, err, help, valuedOptions, Set.of(), maxPositional);
    }

    /** A command taking {@code valuedOptions} with a value, {@code flags} without. */
    Command(PrintStream out, PrintStream err, String help, Set<String> valuedOptions, Set<String> flags,
            int maxPositional) {
        this.out = out;
        this.err = err;
        this.help = help;
        this.valuedOptions = valuedOptions;
        this.flags = flags;
        this.maxPositional = maxPositional;
    }

    /** Prints the help for {@code --help}, a usage error for bad arguments, or runs; returns the exit status. */
    final int execute(List<String> args) {
        if (Options.wantsHelp(args)) {
            out.print(help);
            return PersonaLocal.OK;
        }
        try {
            return run(Options.parse(args, valuedOptions, flags, maxPositional));
        } catch (Options.UsageException e) {
            return PersonaLocal.usage(err, e.getMessage(), help);
        }
    }

    /** Does the command's work; throws {@link Options.UsageException} for arguments that turn out unusable. */
    abstract int run(Options options) throws Options.UsageException;
}
