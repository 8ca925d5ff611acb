package dev.persona.local.stepfunctions.conformance;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * The corpus's comparison rules: JSON values equal with exact types ({@code 1} differs from {@code 1.0}),
 * member order ignored, after removing the ignored JSON pointers from both sides.
 */
final class ExactJson {

    private ExactJson() {
    }

    /** The first difference between {@code expected} and {@code actual}, described with its pointer. */
    static Optional<String> difference(JsonNode expected, JsonNode actual, List<String> ignorePaths) {
        if (ignorePaths.contains("")) {
            return Optional.empty();
        }
        JsonNode left = expected.deepCopy();
        JsonNode right = actual.deepCopy();
        for (String pointer : ignorePaths) {
            left = without(left, pointer);
            right = without(right, pointer);
        }
        return difference(left, right, "");
    }

    private static JsonNode without(JsonNode node, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = node.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array && last.matches("\\d+") && Integer.parseInt(last) < array.size()) {
            array.set(Integer.parseInt(last), Json.NODES.nullNode());
        }
        return node;
    }

    private static Optional<String> difference(JsonNode expected, JsonNode actual, String pointer) {
        String at = pointer.isEmpty() ? "/" : pointer;
        if (expected.isNumber() && actual.isNumber()) {
            if (expected.isIntegralNumber() != actual.isIntegralNumber()
                    || expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                return Optional.of(at + ": expected " + expected + " but was " + actual);
            }
            return Optional.empty();
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            return Optional.of(at + ": expected " + Json.write(expected) + " but was " + Json.write(actual));
        }
        if (expected.isObject()) {
            Set<String> names = new HashSet<>(Json.names(expected));
            names.addAll(Json.names(actual));
            for (String name : names.stream().sorted().toList()) {
                JsonNode a = expected.get(name);
                JsonNode b = actual.get(name);
                if (a == null || b == null) {
                    return Optional.of(at + ": member '" + name + "' " + (a == null ? "unexpected" : "missing"));
                }
                Optional<String> difference = difference(a, b, pointer + "/" + name);
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                return Optional.of(at + ": expected " + expected.size() + " elements but was " + actual.size()
                        + ": " + Json.write(actual));
            }
            for (int i = 0; i < expected.size(); i++) {
                Optional<String> difference = difference(expected.get(i), actual.get(i), pointer + "/" + i);
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        return expected.equals(actual) ? Optional.empty()
                : Optional.of(at + ": expected " + Json.write(expected) + " but was " + Json.write(actual));
    }
}
