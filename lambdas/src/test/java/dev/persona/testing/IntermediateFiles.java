package dev.persona.testing;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.domain.Activity;
import dev.persona.json.Json;
import dev.persona.pipeline.blocks.ActivityBlocks;
import dev.persona.pipeline.io.IsoInstant;

/** The pipeline's intermediate files as JSON objects (one per activity, absent values left out), for assertions. */
public final class IntermediateFiles {

    private IntermediateFiles() {
    }

    public static List<JsonNode> activities(byte[] file) {
        List<JsonNode> nodes = new ArrayList<>();
        ActivityBlocks.read(new ByteArrayInputStream(file), categorized -> {
            Activity a = categorized.activity();
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("time", IsoInstant.format(a.time()));
            if (a.dateOnly()) {
                node.put("dateOnly", true);
            }
            put(node, "source", a.source());
            put(node, "kind", a.kind());
            put(node, "text", a.text());
            put(node, "context", a.context());
            put(node, "url", a.url());
            put(node, "domain", a.domain());
            if (a.value() != null) {
                node.put("value", a.value());
            }
            if (a.durationSeconds() != null) {
                node.put("durationSeconds", a.durationSeconds());
            }
            put(node, "userCategory", a.userCategory());
            put(node, "medium", a.medium());
            put(node, "season", a.season());
            put(node, "profile", a.profile());
            if (categorized.category() != null) {
                node.put("category", categorized.category());
                node.put("confidence", categorized.confidence());
                node.put("signal", categorized.signal());
            }
            nodes.add(node);
        });
        return nodes;
    }

    private static void put(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
