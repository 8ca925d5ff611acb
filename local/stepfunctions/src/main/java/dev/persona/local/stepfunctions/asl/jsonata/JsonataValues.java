package dev.persona.local.stepfunctions.asl.jsonata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * Converts between JSON nodes and the Java values the JSONata engine works on. JSON null is the engine's
 * {@link Jsonata#NULL_VALUE}; Java null is JSONata's "undefined". Numbers come back as integers whenever they
 * are whole, as JSONata (a JavaScript language) has a single number type.
 */
final class JsonataValues {

    /** Marks a value JSON cannot represent (a function). */
    static final Object UNSUPPORTED = new Object();

    /** Doubles up to 2^53 are exact integers. */
    private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992d;

    private JsonataValues() {
    }

    static Object toJsonata(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    map.put(field.getKey(), toJsonata(field.getValue()));
                }
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toJsonata(element));
                }
                yield list;
            }
            case STRING -> node.textValue();
            case NUMBER -> node.canConvertToInt() && node.isIntegralNumber() ? node.intValue()
                    : node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : node.doubleValue();
            case BOOLEAN -> node.booleanValue();
            default -> Jsonata.NULL_VALUE;
        };
    }

    /** The JSON for an engine value; Java null (undefined) stays null, functions become {@link #UNSUPPORTED}. */
    static Object fromJsonata(Object value) {
        if (value == null) {
            return null;
        }
        if (value == Jsonata.NULL_VALUE) {
            return Json.NODES.nullNode();
        }
        if (value instanceof String text) {
            return Json.NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return Json.NODES.booleanNode(bool);
        }
        if (value instanceof Number number) {
            return number(number);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = Json.object();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object converted = fromJsonata(entry.getValue());
                if (converted == UNSUPPORTED) {
                    return UNSUPPORTED;
                }
                if (converted != null) {
                    object.set(String.valueOf(entry.getKey()), (JsonNode) converted);
                }
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = Json.array();
            for (Object element : list) {
                Object converted = fromJsonata(element);
                if (converted == UNSUPPORTED) {
                    return UNSUPPORTED;
                }
                if (converted != null) {
                    array.add((JsonNode) converted);
                }
            }
            return array;
        }
        return UNSUPPORTED;
    }

    private static Object number(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof Byte) {
            long whole = number.longValue();
            return whole == (int) whole ? Json.NODES.numberNode((int) whole) : Json.NODES.numberNode(whole);
        }
        double real = number.doubleValue();
        if (Double.isNaN(real) || Double.isInfinite(real)) {
            return UNSUPPORTED;
        }
        if (real == Math.rint(real) && Math.abs(real) <= MAX_EXACT_INTEGER) {
            long whole = (long) real;
            return whole == (int) whole ? Json.NODES.numberNode((int) whole) : Json.NODES.numberNode(whole);
        }
        return Json.NODES.numberNode(real);
    }
}
