package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.Timestamps;

/** Builds the context object ({@code $$}, {@code $states.context}) of a state. */
final class ContextObject {

    private ContextObject() {
    }

    /**
     * @param retryCount null for states that cannot retry (AWS shows RetryCount only where Retry applies)
     * @param taskToken  null unless the state waits for a task token
     * @param mapItem    {@code {"Index":..., "Value":...}} inside a Map's ItemSelector, else null
     */
    static ObjectNode build(ExecutionRun run, String stateName, Instant enteredTime, Integer retryCount,
                            String taskToken, JsonNode mapItem) {
        ObjectNode context = Json.object();
        context.set("Execution", run.executionContext());
        context.set("StateMachine", run.stateMachineContext());
        ObjectNode state = context.putObject("State");
        state.put("Name", stateName);
        state.put("EnteredTime", Timestamps.format(enteredTime));
        if (retryCount != null) {
            state.put("RetryCount", retryCount);
        }
        if (taskToken != null) {
            context.putObject("Task").put("Token", taskToken);
        }
        if (mapItem != null) {
            context.putObject("Map").set("Item", mapItem);
        }
        return context;
    }
}
