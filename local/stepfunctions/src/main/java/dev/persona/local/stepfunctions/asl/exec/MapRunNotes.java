package dev.persona.local.stepfunctions.asl.exec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * The journal notes of a Map Run (its start, each child's outcome, a redrive, its end) and how they are read
 * back into a {@link MapRun} after a restart.
 */
public final class MapRunNotes {

    static final String KIND = "kind";
    private static final String STARTED = "mapRunStarted";
    private static final String CHILD = "mapRunChild";
    private static final String REDRIVEN = "mapRunRedriven";
    private static final String ENDED = "mapRunEnded";

    private MapRunNotes() {
    }

    static ObjectNode started(MapRun mapRun) {
        ObjectNode note = note(STARTED, mapRun);
        note.put("executionArn", mapRun.executionArn());
        note.put("stateMachineArn", mapRun.stateMachineArn());
        note.put("executionType", mapRun.executionType());
        note.put("startDate", mapRun.startDate().toString());
        note.put("maxConcurrency", mapRun.maxConcurrency());
        note.put("toleratedFailureCount", mapRun.toleratedFailureCount());
        note.put("toleratedFailurePercentage", mapRun.toleratedFailurePercentage());
        ArrayNode items = note.putArray("itemsPerChild");
        for (int i = 0; i < mapRun.size(); i++) {
            items.add(mapRun.itemsOf(i));
        }
        return note;
    }

    static ObjectNode child(MapRun mapRun, MapRun.Child child) {
        ObjectNode note = note(CHILD, mapRun);
        note.put("index", child.index());
        note.put("name", child.name());
        note.put("executionArn", child.executionArn());
        note.put("status", child.status().name());
        note.set("input", child.input());
        if (child.output() != null) {
            note.set("output", child.output());
        }
        note.put("error", child.error());
        note.put("cause", child.cause());
        note.put("startDate", child.startDate().toString());
        note.put("stopDate", child.stopDate().toString());
        note.put("itemCount", child.itemCount());
        return note;
    }

    static ObjectNode redriven(MapRun mapRun) {
        ObjectNode note = note(REDRIVEN, mapRun);
        note.put("redriveCount", mapRun.redriveCount());
        note.put("redriveDate", mapRun.redriveDate().toString());
        return note;
    }

    static ObjectNode ended(MapRun mapRun) {
        ObjectNode note = note(ENDED, mapRun);
        note.put("status", mapRun.status().name());
        note.put("stopDate", mapRun.stopDate().toString());
        return note;
    }

    private static ObjectNode note(String kind, MapRun mapRun) {
        ObjectNode note = Json.object();
        note.put(KIND, kind);
        note.put("mapRunArn", mapRun.arn());
        return note;
    }

    /** Applies one note read back from a journal to {@code registry}; notes of other kinds are ignored. */
    public static void replay(JsonNode note, MapRuns registry) {
        String arn = note.path("mapRunArn").asText();
        String kind = note.path(KIND).asText();
        if (kind.equals(STARTED)) {
            ArrayNode items = (ArrayNode) note.get("itemsPerChild");
            int[] itemsPerChild = new int[items.size()];
            for (int i = 0; i < itemsPerChild.length; i++) {
                itemsPerChild[i] = items.get(i).asInt();
            }
            registry.register(new MapRun(arn, note.path("executionArn").asText(),
                    note.path("stateMachineArn").asText(), note.path("executionType").asText(),
                    Instant.parse(note.path("startDate").asText()), note.path("maxConcurrency").asLong(),
                    note.path("toleratedFailureCount").asLong(),
                    new BigDecimal(note.path("toleratedFailurePercentage").asText("0")), itemsPerChild));
            return;
        }
        Optional<MapRun> found = registry.find(arn);
        if (found.isEmpty()) {
            return;
        }
        MapRun mapRun = found.get();
        switch (kind) {
            case CHILD -> mapRun.record(new MapRun.Child(note.path("index").asInt(), note.path("name").asText(),
                    note.path("executionArn").asText(), ExecutionStatus.valueOf(note.path("status").asText()),
                    note.get("input"), note.get("output"), note.path("error").textValue(),
                    note.path("cause").textValue(), Instant.parse(note.path("startDate").asText()),
                    Instant.parse(note.path("stopDate").asText()), note.path("itemCount").asInt(1)));
            case REDRIVEN -> {
                mapRun.forgetUnsuccessful(Instant.parse(note.path("redriveDate").asText()));
                mapRun.restoreRedrives(note.path("redriveCount").asInt(), Instant.parse(note.path("redriveDate")
                        .asText()));
            }
            case ENDED -> mapRun.finish(MapRun.Status.valueOf(note.path("status").asText()),
                    Instant.parse(note.path("stopDate").asText()));
            default -> {
            }
        }
    }
}
