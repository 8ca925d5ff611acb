package dev.persona.local.stepfunctions.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.StepFunctionsException;

/**
 * The actions of the Step Functions API (AWS JSON 1.0): each takes the request body and returns the response
 * body, with AWS's member names, epoch-second timestamps and payloads as JSON strings. Actions the local service
 * does not implement (activities, UpdateMapRun) are refused by name, and so is every parameter it does not
 * implement.
 */
final class StepFunctionsApi {

    /** AWS actions without a local implementation. */
    private static final Set<String> NOT_IMPLEMENTED = Set.of("CreateActivity", "DeleteActivity",
            "DescribeActivity", "GetActivityTask", "ListActivities", "UpdateMapRun");

    private final Map<String, Function<JsonNode, JsonNode>> actions = new HashMap<>();

    StepFunctionsApi(LocalStepFunctions service) {
        new StateMachineActions(service).register(actions);
        new ExecutionActions(service).register(actions);
    }

    /** Runs {@code action}; throws {@link StepFunctionsException} for API errors. */
    JsonNode handle(String action, JsonNode request) {
        Function<JsonNode, JsonNode> handler = actions.get(action);
        if (handler == null) {
            throw new StepFunctionsException("UnknownOperationException", NOT_IMPLEMENTED.contains(action)
                    ? action + " is not implemented by the local Step Functions" : "Unknown operation " + action);
        }
        return handler.apply(request);
    }
}
