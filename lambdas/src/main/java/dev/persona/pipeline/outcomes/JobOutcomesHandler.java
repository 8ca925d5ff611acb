package dev.persona.pipeline.outcomes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.config.Environment;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.json.Json;
import dev.persona.logging.LogContext;
import dev.persona.logging.StructuredLogger;
import dev.persona.metrics.BusinessMetrics;
import dev.persona.metrics.ColdStart;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import dev.persona.snapstart.StepPriming;

/**
 * The target of the pipeline's execution status rule: counts each job's outcome (success, the user's error, or ours)
 * and the time from upload to persona ({@link ExecutionOutcomes}). It touches no data: the job was recorded by the
 * state machine itself. An event it cannot read fails the invocation, and EventBridge retries it.
 */
public final class JobOutcomesHandler implements RequestStreamHandler {

    private static final StructuredLogger LOG = StructuredLogger.of(JobOutcomesHandler.class);

    private final BusinessMetrics metrics;
    private final ColdStart coldStart = new ColdStart();
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public JobOutcomesHandler() {
        this(Environment.system());
    }

    /** The function's composition; its SnapStart priming classifies sample events of every status. */
    public JobOutcomesHandler(Environment environment) {
        this.metrics = BusinessMetrics.standard();
        this.priming = Priming.register(LambdaFunctions.JOB_OUTCOMES.id(), environment, clients -> {
            JobOutcomesHandler twin = new JobOutcomesHandler(metrics);
            for (JsonNode event : PrimingEvents.executionStatusChanges()) {
                StepPriming.run(twin, event);
            }
        });
    }

    /** A handler writing to these metrics (tests). */
    public JobOutcomesHandler(BusinessMetrics metrics) {
        this.metrics = metrics;
        this.priming = null;
    }

    /** The SnapStart priming registered by the composition constructor (null otherwise). */
    public Priming priming() {
        return priming;
    }

    @Override
    @SuppressWarnings("try")
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        BusinessMetrics invocation = metrics.during(context);
        coldStart.invoked(invocation, context == null ? null : context.getFunctionName());
        try (LogContext scope = LogContext.with("requestId", context == null ? null : context.getAwsRequestId(),
                "executionArn", event.at("/detail/executionArn").asText(null))) {
            Optional<JobOutcome> outcome = ExecutionOutcomes.of(event);
            outcome.ifPresent(ended -> {
                ended.write(invocation);
                LOG.info("job outcome", "status", event.at("/detail/status").asText(), "outcomeClass",
                        ended.outcomeClass().wireName(), "code", ended.code(), "error",
                        event.at("/detail/error").asText(null));
            });
            Json.MAPPER.writeValue(output, Json.MAPPER.createObjectNode()
                    .put("outcome", outcome.map(JobOutcome::code).orElse(null)));
        }
    }
}
