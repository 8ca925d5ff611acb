package dev.persona.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import dev.persona.json.Json;
import dev.persona.logging.LogContext;
import dev.persona.logging.StructuredLogger;
import dev.persona.pipeline.errors.PipelineException;

/**
 * The common shape of a pipeline step handler: read the state machine's JSON payload, run the step with
 * the job and user in every log line, write the JSON result. Named failures are logged as warnings and
 * rethrown for the state machine to route; anything else is logged as an error and rethrown.
 */
public final class StepInvocation {

    private StepInvocation() {
    }

    /** A step request: every one names the user and the job. */
    public interface StepRequest {
        String userId();

        String jobId();
    }

    public static <I extends StepRequest, O> void handle(InputStream input, OutputStream output, Context context,
                                                          Class<I> requestType, Function<I, O> step,
                                                          StructuredLogger log) throws IOException {
        I request = Json.MAPPER.readValue(input, requestType);
        try (LogContext scope = LogContext.with("requestId", context == null ? null : context.getAwsRequestId(),
                "jobId", request.jobId(), "userId", request.userId())) {
            long started = System.nanoTime();
            try {
                O result = step.apply(request);
                log.info("Step succeeded", "durationMs", (System.nanoTime() - started) / 1_000_000, "result", result);
                Json.MAPPER.writeValue(output, result);
            } catch (PipelineException e) {
                log.warn("Step failed", "errorCode", e.code(), "durationMs", (System.nanoTime() - started) / 1_000_000);
                throw e;
            } catch (RuntimeException e) {
                log.error("Step failed unexpectedly", e);
                throw e;
            }
        }
    }
}
