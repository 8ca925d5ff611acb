package dev.persona.local.stepfunctions.tasks.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.persona.local.stepfunctions.time.TimeSource;

/** The Lambda {@link Context} of one local invocation; remaining time counts down to its deadline. */
final class LocalLambdaContext implements Context {

    private static final int MEMORY_MB = 512;

    private final String requestId;
    private final String functionName;
    private final String functionArn;
    private final Instant deadline;
    private final TimeSource time;
    private final LambdaLogger logger;

    LocalLambdaContext(String requestId, String functionName, String functionArn, Instant deadline,
                       TimeSource time, LambdaLogger logger) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.deadline = deadline;
        this.time = time;
        this.logger = logger;
    }

    /** A logger that hands each message, prefixed with the function name, to {@code sink}. */
    static LambdaLogger logger(String functionName, Consumer<String> sink) {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                sink.accept("[" + functionName + "] " + message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + requestId.replace("-", "");
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = Duration.between(time.now(), deadline).toMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return MEMORY_MB;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
