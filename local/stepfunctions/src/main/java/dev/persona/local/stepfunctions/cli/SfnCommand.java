package dev.persona.local.stepfunctions.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem;
import dev.persona.local.stepfunctions.asl.definition.InvalidDefinitionException;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import dev.persona.local.stepfunctions.conformance.CaseResult;
import dev.persona.local.stepfunctions.conformance.ConformanceCase;
import dev.persona.local.stepfunctions.conformance.ConformanceRunner;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code sfn}: run a definition once ({@code sfn run}) or check the interpreter against a corpus
 * ({@code sfn conformance}).
 */
public final class SfnCommand {

    /** Exit status for a run that happened, whatever the execution's status. */
    public static final int OK = 0;
    /** Exit status for an invalid definition or failing conformance cases. */
    public static final int FAILED = 1;
    /** Exit status for bad arguments. */
    public static final int USAGE = 2;

    static final String HELP = """
            Usage: persona-local sfn <command> [options]

            The local AWS Step Functions interpreter.

            Commands:
              run          run one execution of a state machine definition on virtual time
              conformance  run a conformance corpus (AWS-recorded cases) and report the differences

            Run 'persona-local sfn <command> --help' for a command's options.
            """;

    static final String RUN_HELP = """
            Usage: persona-local sfn run --definition FILE [--input JSON|@FILE] [--query-language JSONPath|JSONata]

            Runs one execution of the definition on virtual time (Wait states and retry delays take no real time)
            and prints {"status":...,"output":...,"error":...,"cause":...} as JSON.

            Options:
              --definition FILE   the Amazon States Language definition
              --input JSON|@FILE  the execution input, inline or from a file (default: {})
              --query-language L  sets the definition's top-level QueryLanguage (JSONPath or JSONata)
              --help              show this help

            Task states can call Lambda functions and DynamoDB only where a runtime registers them; here none
            are, so a definition with DynamoDB tasks is rejected and Lambda tasks fail with
            Lambda.ResourceNotFoundException.

            Exit status: 0 when the execution ran (whatever its status), 1 for an invalid definition (each
            problem is listed with its JSON path), 2 for bad arguments.
            """;

    static final String CONFORMANCE_HELP = """
            Usage: persona-local sfn conformance DIR

            Runs every case file of a conformance corpus in DIR (the format of the module's
            src/test/resources/conformance/asl: definition, input, and the status, output, error and cause AWS
            recorded; cases with an "s3" fixture run against an in-memory S3) and compares the results by the
            corpus's rules. Prints one line per failing case and, last, 'N passed, M failed'.

            Options:
              --help  show this help

            Exit status: 0 when every case passed, 1 when any failed, 2 for bad arguments.
            """;

    /** Gives conformance cases over S3 a client, and releases what it started when closed. */
    public interface S3ForCases extends AutoCloseable {

        S3Client client();

        @Override
        void close();
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<S3ForCases> s3;

    /** Without S3: conformance cases over S3 fail, saying they need it. */
    public SfnCommand(PrintStream out, PrintStream err) {
        this(out, err, null);
    }

    /** {@code s3} is asked for an S3 the first time a case needs one. */
    public SfnCommand(PrintStream out, PrintStream err, Supplier<S3ForCases> s3) {
        this.out = out;
        this.err = err;
        this.s3 = s3;
    }

    /** Runs {@code sfn} with the arguments after {@code sfn}; returns the exit status. */
    public int execute(List<String> args) {
        if (args.isEmpty() || isHelp(args.getFirst())) {
            (args.isEmpty() ? err : out).print(HELP);
            return args.isEmpty() ? USAGE : OK;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.getFirst()) {
            case "run" -> run(rest);
            case "conformance" -> conformance(rest);
            default -> usage("unknown command '" + args.getFirst() + "'", HELP);
        };
    }

    private int run(List<String> args) {
        if (args.stream().anyMatch(SfnCommand::isHelp)) {
            out.print(RUN_HELP);
            return OK;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (!List.of("--definition", "--input", "--query-language").contains(option)) {
                return usage("unknown option '" + option + "'", RUN_HELP);
            }
            if (i + 1 >= args.size()) {
                return usage(option + " needs a value", RUN_HELP);
            }
            options.put(option, args.get(++i));
        }
        if (!options.containsKey("--definition")) {
            return usage("--definition is required", RUN_HELP);
        }
        String definition;
        JsonNode input;
        try {
            definition = Files.readString(Path.of(options.get("--definition")));
            input = input(options.getOrDefault("--input", "{}"));
        } catch (IOException e) {
            return usage("cannot read " + e.getMessage(), RUN_HELP);
        } catch (IllegalArgumentException e) {
            return usage("the input is not JSON: " + e.getMessage(), RUN_HELP);
        }
        String language = options.get("--query-language");
        if (language != null) {
            if (QueryLanguage.fromWireName(language).isEmpty()) {
                return usage("--query-language must be JSONPath or JSONata", RUN_HELP);
            }
            try {
                JsonNode parsed = Json.parse(definition);
                if (parsed instanceof ObjectNode object) {
                    object.put("QueryLanguage", language);
                    definition = Json.write(object);
                }
            } catch (IllegalArgumentException notJson) {
                // Left to the validator, which reports it as an invalid definition.
            }
        }
        try (LocalStepFunctions engine = LocalStepFunctions.builder()
                .timeSource(new VirtualTimeSource())
                .executionThreads(1)
                .functionLogs(err::println)
                .build()) {
            ExecutionOutcome outcome = engine.run(definition, input, LocalStepFunctions.RunNames.defaults())
                    .outcome();
            ObjectNode result = Json.object();
            result.put("status", outcome.status().name());
            result.set("output", outcome.output());
            result.put("error", outcome.error());
            result.put("cause", outcome.cause());
            out.println(Json.write(result));
            return OK;
        } catch (InvalidDefinitionException e) {
            err.println("Invalid state machine definition:");
            for (DefinitionProblem problem : e.problems()) {
                err.println("  " + (problem.location().isEmpty() ? "/" : problem.location()) + ": "
                        + problem.code() + ": " + problem.message());
            }
            return FAILED;
        }
    }

    private static JsonNode input(String value) throws IOException {
        String text = value.startsWith("@") ? Files.readString(Path.of(value.substring(1))) : value;
        return Json.parse(text);
    }

    private int conformance(List<String> args) {
        if (args.stream().anyMatch(SfnCommand::isHelp)) {
            out.print(CONFORMANCE_HELP);
            return OK;
        }
        if (args.size() != 1) {
            return usage("expected exactly one corpus directory", CONFORMANCE_HELP);
        }
        Path directory = Path.of(args.getFirst());
        if (!Files.isDirectory(directory)) {
            return usage(directory + " is not a directory", CONFORMANCE_HELP);
        }
        List<CaseResult> failures = new ArrayList<>();
        int passed = 0;
        List<ConformanceCase> cases = ConformanceCase.readAll(directory);
        boolean needsS3 = s3 != null && cases.stream().anyMatch(ConformanceCase::needsS3);
        try (S3ForCases storage = needsS3 ? s3.get() : null;
             ConformanceRunner runner = new ConformanceRunner(storage == null ? null : storage.client())) {
            for (ConformanceCase testCase : cases) {
                CaseResult result = runner.run(testCase);
                if (result.passed()) {
                    passed++;
                } else {
                    failures.add(result);
                    out.println("FAIL " + result.name() + ": " + result.difference());
                }
            }
        }
        out.println(passed + " passed, " + failures.size() + " failed");
        return failures.isEmpty() ? OK : FAILED;
    }

    private int usage(String problem, String help) {
        err.println("error: " + problem);
        err.println();
        err.print(help);
        return USAGE;
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }
}
