package dev.persona.local.stepfunctions.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.states.StateType;
import dev.persona.local.stepfunctions.tasks.ResourceArn;

/** The event types and details AWS records for states and tasks. */
final class HistoryEvents {

    private HistoryEvents() {
    }

    static HistoryEventType entered(StateType type) {
        return switch (type) {
            case PASS -> HistoryEventType.PASS_STATE_ENTERED;
            case TASK -> HistoryEventType.TASK_STATE_ENTERED;
            case CHOICE -> HistoryEventType.CHOICE_STATE_ENTERED;
            case WAIT -> HistoryEventType.WAIT_STATE_ENTERED;
            case SUCCEED -> HistoryEventType.SUCCEED_STATE_ENTERED;
            case FAIL -> HistoryEventType.FAIL_STATE_ENTERED;
            case PARALLEL -> HistoryEventType.PARALLEL_STATE_ENTERED;
            case MAP -> HistoryEventType.MAP_STATE_ENTERED;
        };
    }

    static HistoryEventType exited(StateType type) {
        return switch (type) {
            case PASS -> HistoryEventType.PASS_STATE_EXITED;
            case TASK -> HistoryEventType.TASK_STATE_EXITED;
            case CHOICE -> HistoryEventType.CHOICE_STATE_EXITED;
            case WAIT -> HistoryEventType.WAIT_STATE_EXITED;
            case SUCCEED -> HistoryEventType.SUCCEED_STATE_EXITED;
            case PARALLEL -> HistoryEventType.PARALLEL_STATE_EXITED;
            case MAP -> HistoryEventType.MAP_STATE_EXITED;
            case FAIL -> throw new IllegalArgumentException("a Fail state never exits");
        };
    }

    static ObjectNode stateEntered(String name, JsonNode input) {
        ObjectNode details = Json.object();
        details.put("name", name);
        details.set("input", input);
        details.set("inputDetails", notTruncated());
        return details;
    }

    static ObjectNode task(ResourceArn resource) {
        ObjectNode details = Json.object();
        details.put("resourceType", resource.resourceType());
        details.put("resource", resource.resourceName());
        return details;
    }

    static ObjectNode taskScheduled(ResourceArn resource, String region, JsonNode parameters, Long timeoutSeconds,
                                    Long heartbeatSeconds) {
        ObjectNode details = task(resource);
        details.put("region", resource.region() != null ? resource.region() : region);
        details.set("parameters", parameters);
        if (timeoutSeconds != null) {
            details.put("timeoutInSeconds", timeoutSeconds);
        }
        if (heartbeatSeconds != null) {
            details.put("heartbeatInSeconds", heartbeatSeconds);
        }
        return details;
    }

    static ObjectNode lambdaScheduled(ResourceArn resource, JsonNode input, Long timeoutSeconds) {
        ObjectNode details = Json.object();
        details.put("resource", resource.arn());
        details.set("input", input);
        details.set("inputDetails", notTruncated());
        if (timeoutSeconds != null) {
            details.put("timeoutInSeconds", timeoutSeconds);
        }
        return details;
    }

    static ObjectNode notTruncated() {
        ObjectNode details = Json.object();
        details.put("truncated", false);
        return details;
    }
}
