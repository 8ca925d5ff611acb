package dev.persona.local.cli;

import java.io.PrintStream;
import java.util.List;

import dev.persona.local.stepfunctions.cli.SfnCommand;

/** The {@code persona-local} command line: the commands of the local runtime. */
public final class PersonaLocal {

    static final String HELP = """
            Usage: persona-local <command> [options]

            The local runtime of persona-pipeline.

            Commands:
              sfn   the local AWS Step Functions: run a state machine definition, check conformance

            Run 'persona-local <command> --help' for a command's options.
            """;

    private PersonaLocal() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(HELP);
            return SfnCommand.USAGE;
        }
        String command = args.getFirst();
        if (command.equals("--help") || command.equals("-h")) {
            out.print(HELP);
            return SfnCommand.OK;
        }
        if (command.equals("sfn")) {
            return new SfnCommand(out, err).execute(args.subList(1, args.size()));
        }
        err.println("error: unknown command '" + command + "'");
        err.println();
        err.print(HELP);
        return SfnCommand.USAGE;
    }
}
