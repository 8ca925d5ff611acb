package dev.persona.local.stepfunctions.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.states.StateType;
import dev.persona.local.stepfunctions.tasks.ResourceArn;

/** The event types and details AWS records for states and tasks, and the internal data restarts read back. */
final class HistoryEvents {

    /** Internal member: the state an Exited event transitions to (absent: the lane ended). */
    static final String NEXT = "next";
    /** Internal member: variables a Catch assigned, on the Entered event of its target. */
    static final String ASSIGNED = "assigned";
    /** Internal members of a Parallel or Map state's Failed event: the error that failed it. */
    static final String ERROR = "error";
    static final String CAUSE = "cause";
    /** Internal member of a TaskScheduled event: the task token of a callback task. */
    static final String TOKEN = "token";

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

    /**
     * The event AWS records for a state that was still running when its branch or iteration was abandoned; null
     * for states that take no time (Pass, Choice, Succeed, Fail).
     */
    static HistoryEventType aborted(StateType type) {
        return switch (type) {
            case TASK -> HistoryEventType.TASK_STATE_ABORTED;
            case WAIT -> HistoryEventType.WAIT_STATE_ABORTED;
            case PARALLEL -> HistoryEventType.PARALLEL_STATE_ABORTED;
            case MAP -> HistoryEventType.MAP_STATE_ABORTED;
            case PASS, CHOICE, SUCCEED, FAIL -> null;
        };
    }

    static ObjectNode stateEntered(String name, JsonNode input) {
        ObjectNode details = Json.object();
        details.put("name", name);
        details.set("input", input);
        details.set("inputDetails", notTruncated());
        return details;
    }

    /** The internal data of an Exited event: where the lane goes next. */
    static ObjectNode transition(String next) {
        ObjectNode internal = Json.object();
        if (next != null) {
            internal.put(NEXT, next);
        }
        return internal;
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

    /** {@code {"error": ..., "cause": ...}} without the members that are null. */
    static ObjectNode errorDetails(String error, String cause) {
        ObjectNode details = Json.object();
        if (error != null) {
            details.put(ERROR, error);
        }
        if (cause != null) {
            details.put(CAUSE, cause);
        }
        return details;
    }

    static ObjectNode notTruncated() {
        ObjectNode details = Json.object();
        details.put("truncated", false);
        return details;
    }
}
