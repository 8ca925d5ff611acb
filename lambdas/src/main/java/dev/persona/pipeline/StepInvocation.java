package dev.persona.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.OperationalMetrics;
import dev.persona.json.Json;
import dev.persona.logging.LogContext;
import dev.persona.logging.StructuredLogger;
import dev.persona.metrics.BusinessMetrics;
import dev.persona.metrics.ColdStart;
import dev.persona.pipeline.errors.PipelineException;

/**
 * The common shape of a pipeline step handler: read the state machine's JSON payload, run the step with
 * the Lambda request id, the job, the user and the execution ARN (which every task's payload passes as
 * {@code executionArn}) in every log line, so one job's story reads across the API, the S3 event, the
 * execution and each step; write the JSON result. Named failures are logged as warnings and
 * rethrown for the state machine to route; anything else is logged as an error and rethrown. Each run writes the
 * step's duration and, for results that count records ({@link StepMetrics}), the counts as business metrics.
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

    /**
     * A step function's own measurements: its name as the metrics' {@code Step} dimension, and its cold start.
     *
     * @param step      the step's name ({@code preprocess}, {@code categorize}, …)
     * @param coldStart the handler instance's cold start
     */
    public record Measured(String step, ColdStart coldStart, BusinessMetrics metrics) {

        public Measured(String step) {
            this(step, new ColdStart(), BusinessMetrics.standard());
        }
    }

    public static <I extends StepRequest, O> void handle(InputStream input, OutputStream output, Context context,
                                                          Class<I> requestType, Function<I, O> step,
                                                          StructuredLogger log, Measured measured) throws IOException {
        BusinessMetrics metrics = measured.metrics().during(context);
        measured.coldStart().invoked(metrics, context == null ? null : context.getFunctionName());
        Map<String, String> stepDimension = Map.of(OperationalMetrics.STEP, measured.step());
        JsonNode payload = Json.MAPPER.readTree(input);
        I request = Json.MAPPER.treeToValue(payload, requestType);
        try (LogContext scope = LogContext.with("requestId", context == null ? null : context.getAwsRequestId(),
                "jobId", request.jobId(), "userId", request.userId(),
                "executionArn", payload.path(EXECUTION_ARN).textValue())) {
            long started = System.nanoTime();
            try {
                O result = step.apply(request);
                long durationMs = (System.nanoTime() - started) / 1_000_000;
                log.info("Step succeeded", "durationMs", durationMs, "result", result);
                metrics.milliseconds(OperationalMetrics.STEP_DURATION, durationMs, stepDimension);
                if (result instanceof StepMetrics counts) {
                    counts.write(metrics, stepDimension);
                }
                Json.MAPPER.writeValue(output, result);
            } catch (PipelineException e) {
                long durationMs = (System.nanoTime() - started) / 1_000_000;
                log.warn("Step failed", "errorCode", e.code(), "durationMs", durationMs);
                metrics.milliseconds(OperationalMetrics.STEP_DURATION, durationMs, stepDimension);
                throw e;
            } catch (RuntimeException e) {
                log.error("Step failed unexpectedly", e);
                throw e;
            }
        }
    }
}
