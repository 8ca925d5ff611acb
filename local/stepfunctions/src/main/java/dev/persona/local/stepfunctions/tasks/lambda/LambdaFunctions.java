package dev.persona.local.stepfunctions.tasks.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.time.TimeSource;

/**
 * The Lambda functions the local Step Functions can invoke, registered by name and run in-process. Each
 * invocation gets a Lambda context with a fresh request id and a deadline from the function's timeout.
 */
public final class LambdaFunctions {

    /** Lambda's longest timeout; functions registered without a timeout get it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    private static final Pattern REFERENCE = Pattern.compile(
            "(?:arn:[a-z-]+:lambda:[a-z0-9-]+:)?(?:[0-9]{12}:function:)?([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?");

    private final String accountId;
    private final String region;
    private final Consumer<String> logSink;
    private final Map<String, LocalFunction> functions = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public LambdaFunctions(String accountId, String region, Consumer<String> logSink) {
        this.accountId = accountId;
        this.region = region;
        this.logSink = logSink;
    }

    /** Registers a {@code RequestHandler} or {@code RequestStreamHandler} instance. */
    public void register(String name, Object handler) {
        register(name, handler, DEFAULT_TIMEOUT);
    }

    public void register(String name, Object handler, Duration timeout) {
        functions.put(name, LocalFunction.ofHandler(name, timeout, handler));
    }

    /** Registers a handler class, created by {@code factory} on the first invocation. */
    public void register(String name, String handlerClassName, HandlerFactory factory) {
        register(name, handlerClassName, factory, DEFAULT_TIMEOUT);
    }

    public void register(String name, String handlerClassName, HandlerFactory factory, Duration timeout) {
        functions.put(name, LocalFunction.ofClass(name, timeout, handlerClassName, factory));
    }

    /** Registers a plain Java function, typically a mock in a test. */
    public void registerFunction(String name, JsonFunction function) {
        functions.put(name, LocalFunction.ofHandler(name, DEFAULT_TIMEOUT, function));
    }

    public boolean contains(String name) {
        return functions.containsKey(name);
    }

    /** {@code arn:aws:lambda:<region>:<account>:function:<name>}. */
    public String functionArn(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    /** The function name in a FunctionName value: a name, a partial ARN or an ARN, with or without qualifier. */
    static Optional<String> functionName(String reference) {
        Matcher matcher = REFERENCE.matcher(reference);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * The ARN IAM checks {@code lambda:InvokeFunction} on for a FunctionName value: the function's ARN, with the
     * version or alias it names; the reference itself when it is not a function reference.
     */
    public String qualifiedArn(String reference) {
        Matcher matcher = REFERENCE.matcher(reference);
        if (!matcher.matches()) {
            return reference;
        }
        return functionArn(matcher.group(1)) + (matcher.group(2) == null ? "" : ":" + matcher.group(2));
    }

    /** What an invocation gave: the function's payload or its error, and the request id. */
    public sealed interface Invocation {
        String requestId();
    }

    /** The function returned {@code payload}. */
    public record Returned(String requestId, JsonNode payload) implements Invocation {
    }

    /**
     * The function failed: {@code errorPayload} is Lambda's error document
     * ({@code {"errorMessage", "errorType", "stackTrace"}}).
     */
    public record Failed(String requestId, String errorType, String errorPayload) implements Invocation {
    }

    /**
     * Invokes the function named by {@code reference} with {@code payload} (null for none), synchronously as
     * Lambda's RequestResponse invocation does: Step Functions tasks and the local API gateway call functions
     * through here. A missing function or a simulated service failure throws {@link StatesFailure} named
     * {@code Lambda.*}.
     */
    public Invocation invoke(String reference, JsonNode payload, TimeSource time) throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        LocalFunction function = functionName(reference).map(functions::get).orElseThrow(() -> serviceFailure(
                "ResourceNotFoundException", 404, "Function not found: " + (reference.startsWith("arn:")
                        ? reference : functionArn(reference)), requestId));
        Instant deadline = time.now().plus(function.timeout());
        LocalLambdaContext context = new LocalLambdaContext(requestId, function.name(),
                functionArn(function.name()), deadline, time, LocalLambdaContext.logger(function.name(), logSink));
        FutureTask<JsonNode> call = new FutureTask<>(() -> function.call(payload, context));
        CompletableFuture<Void> finished = new CompletableFuture<>();
        threads.execute(() -> {
            call.run();
            finished.complete(null);
        });
        try {
            // On virtual time a handler can pass its deadline without blocking (it advanced the clock itself).
            if (!time.await(finished, deadline) || !time.now().isBefore(deadline)) {
                call.cancel(true);
                return new Failed(requestId, "Sandbox.Timedout", timedOutPayload(requestId, function.timeout()));
            }
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
        try {
            return new Returned(requestId, call.get());
        } catch (ExecutionException e) {
            Throwable thrown = e.getCause();
            if (thrown instanceof LambdaServiceException service) {
                throw serviceFailure(service.errorCode(), service.statusCode(), service.getMessage(), requestId);
            }
            FunctionError error = FunctionError.of(thrown, LocalFunction.class);
            return new Failed(requestId, error.errorType(), error.payload());
        }
    }

    /** A Lambda service error as Step Functions names it, with the AWS SDK's message format as cause. */
    static StatesFailure serviceFailure(String errorCode, int statusCode, String message, String requestId) {
        return new StatesFailure("Lambda." + errorCode, message + " (Service: AWSLambda; Status Code: " + statusCode
                + "; Error Code: " + errorCode + "; Request ID: " + requestId + "; Proxy: null)");
    }

    private static String timedOutPayload(String requestId, Duration timeout) {
        ObjectNode payload = Json.object();
        payload.put("errorType", "Sandbox.Timedout");
        payload.put("errorMessage", "RequestId: " + requestId + " Error: Task timed out after "
                + String.format(Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0) + " seconds");
        return Json.write(payload);
    }
}
