package dev.persona.local.runtime.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.JobAttributes;
import dev.persona.statemachines.StateMachineDefinitions;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The crash points of the pipeline's DynamoDB states: before the state's UpdateItem is sent, and after DynamoDB
 * applied it but before Step Functions gets the answer (and so before it records the state's result). A state is
 * known by its UpdateExpression, each distinct in {@code persona-pipeline.asl.json}.
 *
 * <p>The AWS SDK loads it into every client from {@code software/amazon/awssdk/global/handlers/execution.interceptors}
 * on the test classpath; it does nothing unless {@link CrashPoints#CONTROL_PROPERTY} is set, which only a
 * {@link CrashableStack} process sets.
 */
public final class CrashPointInterceptor implements ExecutionInterceptor {

    private static final Map<String, String> STATES = states();

    private static Map<String, String> states() {
        Map<String, String> states = new HashMap<>();
        try {
            JsonNode definition = new ObjectMapper().readTree(StateMachineDefinitions.pipelineTemplate());
            definition.path("States").properties().forEach(state -> {
                JsonNode expression = state.getValue().at("/Parameters/UpdateExpression");
                if (expression.isTextual()) {
                    states.put(expression.textValue(), state.getKey());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(states);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        crashPoint(context.request(), "before");
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        crashPoint(context.request(), "after");
    }

    private static void crashPoint(SdkRequest request, String phase) {
        if (CrashPoints.control().isEmpty() || !(request instanceof UpdateItemRequest update)) {
            return;
        }
        String state = STATES.get(update.updateExpression());
        AttributeValue jobId = update.key().get(JobAttributes.JOB_ID);
        if (state != null && jobId != null) {
            CrashPoints.at(jobId.s(), state, phase);
        }
    }
}
