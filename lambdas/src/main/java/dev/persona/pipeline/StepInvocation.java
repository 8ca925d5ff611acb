package dev.persona.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.json.Json;
import dev.persona.logging.LogContext;
import dev.persona.logging.StructuredLogger;
import dev.persona.pipeline.errors.PipelineException;

/**
 * The common shape of a pipeline step handler: read the state machine's JSON payload, run the step with
 * the Lambda request id, the job, the user and the execution ARN (which every task's payload passes as
 * {@code executionArn}) in every log line, so one job's story reads across the API, the S3 event, the
 * execution and each step; write the JSON result. Named failures are logged as warnings and
 * rethrown for the state machine to route; anything else is logged as an error and rethrown.
 */
public final class StepInvocation {

    /** The payload member every task of the state machine fills from {@code $$.Execution.Id}. */
    public static final String EXECUTION_ARN = "executionArn";

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
        JsonNode payload = Json.MAPPER.readTree(input);
        I request = Json.MAPPER.treeToValue(payload, requestType);
        try (LogContext scope = LogContext.with("requestId", context == null ? null : context.getAwsRequestId(),
                "jobId", request.jobId(), "userId", request.userId(),
                "executionArn", payload.path(EXECUTION_ARN).textValue())) {
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
