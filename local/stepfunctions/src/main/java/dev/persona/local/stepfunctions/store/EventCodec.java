package dev.persona.local.stepfunctions.store;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;

/** A history event as one line of a journal, and back. */
final class EventCodec {

    private EventCodec() {
    }

    static ObjectNode write(HistoryEvent event) {
        ObjectNode node = Json.object();
        node.put("id", event.id());
        node.put("previous", event.previousEventId());
        node.put("time", event.timestamp().toString());
        node.put("type", event.type().name());
        if (event.details() != null) {
            node.set("details", event.details());
        }
        if (!event.lane().isEmpty()) {
            node.put("lane", event.lane());
        }
        if (event.internal() != null && !event.internal().isEmpty()) {
            node.set("internal", event.internal());
        }
        return node;
    }

    static HistoryEvent read(JsonNode node) {
        JsonNode details = node.get("details");
        JsonNode internal = node.get("internal");
        return new HistoryEvent(node.path("id").asLong(), node.path("previous").asLong(),
                Instant.parse(node.path("time").asText()), HistoryEventType.valueOf(node.path("type").asText()),
                details instanceof ObjectNode object ? object : null, node.path("lane").asText(""),
                internal instanceof ObjectNode object ? object : null);
    }
}
