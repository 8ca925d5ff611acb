package dev.persona.local.stepfunctions.asl.exec;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * How far one lane got, from its recorded events: not started, ended (with its output), between two states
 * (the next one and its input), or inside a state (its Entered event and the events of that visit so far).
 */
record LaneProgress(Kind kind, String state, JsonNode input, HistoryEvent entered, List<HistoryEvent> visitEvents,
                    JsonNode output, List<HistoryEvent> events) {

    enum Kind {
        NOT_STARTED, ENDED, AT_STATE, IN_STATE
    }

    static LaneProgress of(List<HistoryEvent> laneEvents) {
        int lastEntered = -1;
        int lastExited = -1;
        for (int i = 0; i < laneEvents.size(); i++) {
            HistoryEventType type = laneEvents.get(i).type();
            if (type.entersState()) {
                lastEntered = i;
            } else if (type.exitsState()) {
                lastExited = i;
            }
        }
        if (lastEntered < 0) {
            return new LaneProgress(Kind.NOT_STARTED, null, null, null, List.of(), null, laneEvents);
        }
        if (lastExited > lastEntered) {
            HistoryEvent exited = laneEvents.get(lastExited);
            JsonNode output = exited.details().get("output");
            JsonNode next = exited.internal() == null ? null : exited.internal().get(HistoryEvents.NEXT);
            return next == null
                    ? new LaneProgress(Kind.ENDED, null, null, null, List.of(), output, laneEvents)
                    : new LaneProgress(Kind.AT_STATE, next.textValue(), output, null, List.of(), null, laneEvents);
        }
        HistoryEvent entered = laneEvents.get(lastEntered);
        List<HistoryEvent> visit = laneEvents.subList(lastEntered + 1, laneEvents.size()).stream()
                .filter(event -> !event.type().name().startsWith("EXECUTION_")).toList();
        return new LaneProgress(Kind.IN_STATE, entered.details().path("name").asText(), entered.details().get("input"),
                entered, visit, null, laneEvents);
    }

    /** Gives {@code scope} the variables the lane assigned: on each exit, and by each Catch it took. */
    void restoreVariables(VariableScope scope) {
        for (HistoryEvent event : events) {
            if (event.type().exitsState()) {
                JsonNode assigned = event.details().get("assignedVariables");
                if (assigned != null) {
                    ObjectNode values = Json.object();
                    for (Map.Entry<String, JsonNode> variable : assigned.properties()) {
                        values.set(variable.getKey(), Json.parse(variable.getValue().textValue()));
                    }
                    scope.assign(values);
                }
            } else if (event.type().entersState() && event.internal() != null
                    && event.internal().get(HistoryEvents.ASSIGNED) instanceof ObjectNode assigned) {
                scope.assign(assigned);
            }
        }
    }

    /** The id of the lane's last event, or {@code fallback} when it recorded none. */
    long lastEventId(long fallback) {
        return events.isEmpty() ? fallback : events.getLast().id();
    }
}
