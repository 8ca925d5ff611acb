package dev.persona.local.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.PersonaLocalRuntime;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions.Failed;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions.Invocation;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions.Returned;

/** {@code persona-local invoke FUNCTION --event FILE}: one invocation of one function, like {@code sam local invoke}. */
final class InvokeCommand extends Command {

    static final String HELP = """
            Usage: persona-local invoke FUNCTION --event FILE

            Invokes one function once with the event in FILE ('-' reads standard input) and prints what it
            returned, like 'sam local invoke'. With a stack running ('persona-local up'), the function runs inside
            that stack (through its Lambda Invoke endpoint) and its log lines are the stack's; otherwise an
            in-memory stack is started for the call. Either way the handler is built as in the cloud: the same
            class, the environment its definition lists, and calls signed with its own execution role.

              FUNCTION  %s

            Options:
              --event FILE  the event, as JSON (for example an API Gateway proxy event, or a pipeline step's input)
              --help        show this help

            The function's log lines go to standard error.

            Exit status: 0 when the function returned (its response on standard output); 1 when it failed
            (Lambda's error document on standard output) or could not run; 2 for bad arguments.
            """.formatted(LambdaFunctions.ALL.stream().map(FunctionDefinition::id).collect(Collectors.joining(", ")));

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path endpointsFile;

    InvokeCommand(PrintStream out, PrintStream err, Path endpointsFile) {
        super(out, err, HELP, Set.of("--event"), 1);
        this.endpointsFile = endpointsFile;
    }

    @Override
    int run(Options options) throws Options.UsageException {
        if (options.positional().isEmpty()) {
            throw new Options.UsageException("FUNCTION is required");
        }
        String id = options.positional().getFirst();
        FunctionDefinition function = LambdaFunctions.ALL.stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new Options.UsageException("no function '" + id + "'"));
        String file = options.value("--event").orElseThrow(() -> new Options.UsageException("--event is required"));
        JsonNode event;
        try {
            event = JSON.readTree(file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new Options.UsageException("cannot read the event: " + e.getMessage());
        }
        // Handlers log on standard output, which carries the response here: their lines go to standard error.
        PrintStream console = System.out;
        System.setOut(err);
        try {
            Optional<Endpoints> running = Endpoints.read(endpointsFile).filter(Endpoints::isLive);
            Invocation invocation = running.isPresent() ? invokeOn(running.get(), function, event)
                    : invokeInMemory(function, event);
            return print(invocation);
        } catch (IOException | RuntimeException e) {
            err.println("persona-local invoke: " + e.getMessage());
            return PersonaLocal.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PersonaLocal.FAILED;
        } finally {
            System.setOut(console);
        }
    }

    /** The function inside the running stack, through its Lambda Invoke endpoint, signed as the account. */
    private Invocation invokeOn(Endpoints stack, FunctionDefinition function, JsonNode event)
            throws IOException, InterruptedException {
        err.println("Invoking " + function.id() + " in the running stack (" + stack.lambda() + "); its log lines "
                + "are the stack's");
        byte[] body = JSON.writeValueAsBytes(event);
        URI uri = stack.lambda().resolve("/2015-03-31/functions/" + function.id() + "/invocations");
        HttpResponse<String> response = SignedCall.post(stack, uri, "lambda", Map.of("Content-Type", "application/json"),
                body);
        String requestId = response.headers().firstValue("X-Amz-Request-Id").orElse("");
        if (response.statusCode() != 200) {
            throw new IOException("Lambda answered " + response.statusCode() + ": " + response.body());
        }
        if (response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            return new Failed(requestId, JSON.readTree(response.body()).path("errorType").asText(), response.body());
        }
        return new Returned(requestId, JSON.readTree(response.body()));
    }

    private Invocation invokeInMemory(FunctionDefinition function, JsonNode event) throws InterruptedException {
        err.println("No stack is running: invoking " + function.id() + " on an in-memory stack");
        try (PersonaLocalRuntime runtime = PersonaLocalRuntime.builder().logs(err)
                .nativeLibraryDirectory(PersonaLocal.nativeLibraryDirectory()).build().start()) {
            return runtime.invoke(function.id(), event);
        }
    }

    private int print(Invocation invocation) throws IOException {
        return switch (invocation) {
            case Returned returned -> {
                out.println(JSON.writeValueAsString(returned.payload()));
                yield PersonaLocal.OK;
            }
            case Failed failed -> {
                out.println(JSON.writeValueAsString(JSON.readTree(failed.errorPayload())));
                yield PersonaLocal.FAILED;
            }
        };
    }
}
