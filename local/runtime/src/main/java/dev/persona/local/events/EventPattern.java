package dev.persona.local.events;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An EventBridge event pattern, as "Creating event patterns" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html)
 * and its content filters define it: a JSON object whose members name fields of the event, each either an object
 * (the field's own members) or an array of conditions, of which one must hold. A condition is a value (a string,
 * number, boolean or null the field must equal; numbers compare as numbers), {@code {"prefix": "…"}},
 * {@code {"suffix": "…"}}, {@code {"equals-ignore-case": "…"}}, {@code {"anything-but": value or [values]}} or
 * {@code {"exists": true|false}}. A field whose value is an array matches when one of its elements does. Any other
 * filter is refused when the pattern is read, rather than matched wrongly.
 */
public final class EventPattern {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FILTERS = Set.of("prefix", "suffix", "equals-ignore-case", "anything-but",
            "exists");

    private final JsonNode pattern;

    private EventPattern(JsonNode pattern) {
        this.pattern = pattern;
    }

    /** Reads a pattern; throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static EventPattern parse(String pattern) {
        JsonNode node;
        try {
            node = JSON.readTree(pattern);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event pattern is a JSON object: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException("an event pattern is a JSON object naming at least one field");
        }
        check(node, "");
        return new EventPattern(node);
    }

    private static void check(JsonNode pattern, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = where + "/" + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                check(value, path);
            } else if (value.isArray() && !value.isEmpty()) {
                value.forEach(condition -> checkCondition(condition, path));
            } else {
                throw new IllegalArgumentException("the pattern's " + path + " is neither an object nor a non-empty"
                        + " array of conditions");
            }
        }
    }

    private static void checkCondition(JsonNode condition, String path) {
        if (condition.isArray()) {
            throw new IllegalArgumentException("the pattern's " + path + " holds an array as a condition");
        }
        if (!condition.isObject()) {
            return;
        }
        if (condition.size() != 1 || !FILTERS.contains(condition.fieldNames().next())) {
            throw new IllegalArgumentException("the pattern's " + path + " uses a filter this local bus does not"
                    + " implement: " + condition + " (it implements " + FILTERS + ")");
        }
        String filter = condition.fieldNames().next();
        JsonNode argument = condition.get(filter);
        boolean valid = switch (filter) {
            case "exists" -> argument.isBoolean();
            case "anything-but" -> argument.isValueNode() || argument.isArray() && !argument.isEmpty()
                    && allValues(argument);
            default -> argument.isTextual();
        };
        if (!valid) {
            throw new IllegalArgumentException("the pattern's " + path + " gives " + filter + " a wrong argument: "
                    + condition);
        }
    }

    private static boolean allValues(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code event} matches. */
    public boolean matches(JsonNode event) {
        return matchesObject(pattern, event);
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = event == null || !event.isObject() ? null : event.get(field.getKey());
            boolean matched = field.getValue().isObject() ? value != null && matchesObject(field.getValue(), value)
                    : matchesField(field.getValue(), value);
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    /** One condition of {@code conditions} holds for the field's value (or one of its elements). */
    private static boolean matchesField(JsonNode conditions, JsonNode value) {
        for (JsonNode condition : conditions) {
            if (condition.isObject() && condition.has("exists")) {
                if (condition.get("exists").asBoolean() == (value != null)) {
                    return true;
                }
                continue;
            }
            if (value == null) {
                continue;
            }
            for (JsonNode candidate : candidates(value)) {
                if (holds(condition, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<JsonNode> candidates(JsonNode value) {
        List<JsonNode> candidates = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(candidates::add);
        } else {
            candidates.add(value);
        }
        return candidates;
    }

    private static boolean holds(JsonNode condition, JsonNode value) {
        if (!condition.isObject()) {
            return equal(condition, value);
        }
        String filter = condition.fieldNames().next();
        JsonNode argument = condition.get(filter);
        return switch (filter) {
            case "prefix" -> value.isTextual() && value.textValue().startsWith(argument.textValue());
            case "suffix" -> value.isTextual() && value.textValue().endsWith(argument.textValue());
            case "equals-ignore-case" -> value.isTextual()
                    && value.textValue().toLowerCase(Locale.ROOT).equals(argument.textValue().toLowerCase(Locale.ROOT));
            case "anything-but" -> candidates(argument).stream().noneMatch(excluded -> equal(excluded, value));
            default -> throw new IllegalStateException("unchecked filter " + filter);
        };
    }

    private static boolean equal(JsonNode expected, JsonNode value) {
        if (expected.isNumber() && value.isNumber()) {
            return expected.decimalValue().compareTo(value.decimalValue()) == 0;
        }
        return expected.equals(value);
    }

    @Override
    public String toString() {
        return pattern.toString();
    }
}
