package dev.persona.local.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import dev.persona.local.servers.LocalS3Server;
import dev.persona.local.stepfunctions.cli.SfnCommand;
import software.amazon.awssdk.services.s3.S3Client;

/** The {@code persona-local} command line: the commands of the local runtime. */
public final class PersonaLocal {

    static final int OK = SfnCommand.OK;
    static final int FAILED = SfnCommand.FAILED;
    static final int USAGE = SfnCommand.USAGE;

    /** Where a running stack leaves its endpoints; the launcher points it at the repository's .persona-local. */
    static final String STATE_DIRECTORY_PROPERTY = "persona.local.state";

    static final String HELP = """
            Usage: persona-local <command> [options]

            The local runtime of persona-pipeline: the whole backend on this machine, wired as in the cloud.

            Commands:
              demo    start everything in memory, upload an activity file through the API, print the persona
              up      serve the API, S3, DynamoDB, Step Functions, the identity issuer and STS until Ctrl-C
              token   print an ID token of the running stack's identity issuer
              invoke  invoke one function with an event, like 'sam local invoke'
              redrive redrive the execution of a job that failed on our side, from the step that failed
              rotate-signing-key  rotate the key that signs download URLs, as its rotation schedule does
              metrics summarize the business metrics (EMF) the functions of the running or last stack wrote
              sfn     the local AWS Step Functions: run a state machine definition, check conformance

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
            return USAGE;
        }
        String command = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        return switch (command) {
            case "--help", "-h" -> {
                out.print(HELP);
                yield OK;
            }
            case "demo" -> new DemoCommand(out, err).execute(rest);
            case "up" -> new UpCommand(out, err, endpointsFile()).execute(rest);
            case "token" -> new TokenCommand(out, err, endpointsFile()).execute(rest);
            case "invoke" -> new InvokeCommand(out, err, endpointsFile()).execute(rest);
            case "redrive" -> new RedriveCommand(out, err, endpointsFile()).execute(rest);
            case "rotate-signing-key" -> new RotateSigningKeyCommand(out, err, endpointsFile()).execute(rest);
            case "metrics" -> new MetricsCommand(out, err, endpointsFile()).execute(rest);
            case "sfn" -> new SfnCommand(out, err, PersonaLocal::s3ForCases).execute(rest);
            default -> usage(err, "unknown command '" + command + "'", HELP);
        };
    }

    /** An in-memory S3 for the conformance cases that read or write objects (ItemReader, ResultWriter). */
    private static SfnCommand.S3ForCases s3ForCases() {
        LocalS3Server server = LocalS3Server.builder().build().start();
        S3Client client = server.client();
        return new SfnCommand.S3ForCases() {
            @Override
            public S3Client client() {
                return client;
            }

            @Override
            public void close() {
                client.close();
                server.close();
            }
        };
    }

    /** {@code .persona-local/endpoints.json} in the repository (or the working directory, outside the launcher). */
    static Path endpointsFile() {
        return Path.of(System.getProperty(STATE_DIRECTORY_PROPERTY, ".persona-local")).resolve("endpoints.json");
    }

    /** Where the stacks of the commands keep DynamoDB Local's SQLite library: beside the endpoints file. */
    static Path nativeLibraryDirectory() {
        return endpointsFile().toAbsolutePath().getParent().resolve("native");
    }

    /** Prints the error and the command's help on standard error; returns the usage exit status. */
    static int usage(PrintStream err, String message, String help) {
        err.println("error: " + message);
        err.println();
        err.print(help);
        return USAGE;
    }
}
