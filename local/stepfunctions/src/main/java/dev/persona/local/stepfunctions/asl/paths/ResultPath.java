package dev.persona.local.stepfunctions.asl.paths;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;

/**
 * Combines a state's raw input with its result as {@code ResultPath} says: no path keeps the input, {@code $}
 * takes the result, any other reference path places the result there in a copy of the input. Only the
 * objects along the path are copied; the rest is shared.
 */
public final class ResultPath {

    private ResultPath() {
    }

    /** {@code path} null means {@code "ResultPath": null}: the result is discarded. */
    public static JsonNode apply(JsonPath path, JsonNode input, JsonNode result) {
        if (path == null) {
            return input;
        }
        JsonNode merged = place(path.segments(), 0, input, result);
        if (merged == null) {
            throw StatesFailure.of(StatesError.RESULT_PATH_MATCH_FAILURE, "Unable to apply ReferencePath "
                    + path.text() + " to input " + Json.write(Json.NODES.textNode(Json.write(input))));
        }
        return merged;
    }

    /** The copy of {@code node} with {@code result} placed at the remaining segments, or null when impossible. */
    private static JsonNode place(List<PathSegment> segments, int index, JsonNode node, JsonNode result) {
        if (index == segments.size()) {
            return result;
        }
        PathSegment segment = segments.get(index);
        if (segment instanceof PathSegment.Member member) {
            if (node != null && !node.isObject()) {
                return null;
            }
            ObjectNode copy = Json.object();
            if (node != null) {
                copy.setAll((ObjectNode) node);
            }
            JsonNode child = place(segments, index + 1, node == null ? null : node.get(member.name()), result);
            if (child == null) {
                return null;
            }
            copy.set(member.name(), child);
            return copy;
        }
        PathSegment.Index arrayIndex = (PathSegment.Index) segment;
        if (node == null || !node.isArray()) {
            return null;
        }
        int position = arrayIndex.indexes()[0] < 0 ? node.size() + arrayIndex.indexes()[0] : arrayIndex.indexes()[0];
        if (position < 0 || position >= node.size()) {
            return null;
        }
        ArrayNode copy = Json.array();
        copy.addAll((ArrayNode) node);
        JsonNode child = place(segments, index + 1, node.get(position), result);
        if (child == null) {
            return null;
        }
        copy.set(position, child);
        return copy;
    }
}
