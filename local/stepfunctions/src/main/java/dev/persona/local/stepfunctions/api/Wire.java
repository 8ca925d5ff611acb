package dev.persona.local.stepfunctions.api;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.StepFunctionsException;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * The AWS JSON 1.0 conventions of the Step Functions API: required and optional members (and the refusal of
 * members the local service does not implement), epoch-second timestamps, tags, and pages with opaque tokens.
 */
final class Wire {

    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;

    private Wire() {
    }

    /**
     * Refuses every member of {@code request} not in {@code accepted}: an AWS parameter the local service does
     * not implement is an error, never silently ignored.
     */
    static void acceptOnly(String action, JsonNode request, Set<String> accepted) {
        for (String member : Json.names(request)) {
            if (!accepted.contains(member) && !request.get(member).isNull()) {
                throw new StepFunctionsException("ValidationException", "The parameter '" + member + "' of " + action
                        + " is not supported by the local Step Functions");
            }
        }
    }

    /** AWS JSON timestamps: epoch seconds with milliseconds, as a plain decimal number. */
    static JsonNode timestamp(Instant instant) {
        return Json.NODES.numberNode(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    static void putTimestamp(ObjectNode node, String member, Instant instant) {
        if (instant != null) {
            node.set(member, timestamp(instant));
        }
    }

    static String required(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            throw new StepFunctionsException("ValidationException", "1 validation error detected: Value null at '"
                    + member + "' failed to satisfy constraint: Member must not be null");
        }
        if (!value.isTextual()) {
            throw invalid(member, Json.write(value));
        }
        return value.textValue();
    }

    static String optional(JsonNode request, String member) {
        JsonNode value = request.get(member);
        return value == null || value.isNull() ? null : required(request, member);
    }

    static boolean flag(JsonNode request, String member, boolean fallback) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid(member, Json.write(value));
        }
        return value.booleanValue();
    }

    /** One of {@code allowed}, or null when absent. */
    static String constant(JsonNode request, String member, Set<String> allowed) {
        String value = optional(request, member);
        if (value != null && !allowed.contains(value)) {
            throw invalid(member, value);
        }
        return value;
    }

    static StepFunctionsException invalid(String member, String value) {
        return new StepFunctionsException("ValidationException", "1 validation error detected: Value '" + value
                + "' at '" + member + "' failed to satisfy constraint");
    }

    /** {@code [{"key": ..., "value": ...}]} as a map, in order. */
    static Map<String, String> tags(JsonNode tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags == null || tags.isNull()) {
            return map;
        }
        if (!tags.isArray()) {
            throw invalid("tags", Json.write(tags));
        }
        for (JsonNode tag : tags) {
            map.put(tag.path("key").asText(null), tag.path("value").asText(""));
        }
        return map;
    }

    static ArrayNode tagList(Map<String, String> tags) {
        ArrayNode list = Json.array();
        tags.forEach((key, value) -> list.addObject().put("key", key).put("value", value));
        return list;
    }

    static List<String> strings(JsonNode request, String member) {
        JsonNode values = request.get(member);
        if (values == null || !values.isArray()) {
            throw new StepFunctionsException("ValidationException", "1 validation error detected: Value null at '"
                    + member + "' failed to satisfy constraint: Member must not be null");
        }
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    /** One page of a list and the token of the next one. */
    record Page<T>(List<T> items, String nextToken) {
        void addToken(ObjectNode response) {
            if (nextToken != null) {
                response.put("nextToken", nextToken);
            }
        }
    }

    /** Pages by offset; the token is opaque to clients. */
    static <T> Page<T> page(List<T> all, JsonNode request) {
        int size = request.path("maxResults").asInt(0);
        if (size < 0 || size > MAX_PAGE_SIZE) {
            throw invalid("maxResults", Integer.toString(size));
        }
        if (size == 0) {
            size = DEFAULT_PAGE_SIZE;
        }
        int offset = 0;
        String token = optional(request, "nextToken");
        if (token != null) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                if (!decoded.startsWith("offset:")) {
                    throw new IllegalArgumentException(decoded);
                }
                offset = Integer.parseInt(decoded.substring("offset:".length()));
            } catch (IllegalArgumentException e) {
                throw new StepFunctionsException("InvalidToken", "Invalid Token: '" + token + "'");
            }
        }
        int end = Math.min(all.size(), offset + size);
        List<T> items = offset >= all.size() ? List.of() : all.subList(offset, end);
        String next = end < all.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(items, next);
    }
}
