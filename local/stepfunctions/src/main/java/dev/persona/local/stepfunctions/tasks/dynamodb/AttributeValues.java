package dev.persona.local.stepfunctions.tasks.dynamodb;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB JSON ({@code {"S": "x"}}, {@code {"N": "1"}}, {@code {"M": {...}}}, ...) to SDK attribute values and
 * back. Scalars given for S and N are taken as their text, as Step Functions' own conversion does.
 */
final class AttributeValues {

    private AttributeValues() {
    }

    static Map<String, AttributeValue> toMap(JsonNode object, String field) {
        if (!object.isObject()) {
            throw new IllegalArgumentException(field + " must be an object of attribute values");
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(entry ->
                values.put(entry.getKey(), toValue(entry.getValue(), field + "." + entry.getKey())));
        return values;
    }

    static AttributeValue toValue(JsonNode node, String field) {
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException(field + " must be an attribute value with exactly one type, like "
                    + "{\"S\": \"text\"}");
        }
        Map.Entry<String, JsonNode> typed = node.fields().next();
        JsonNode value = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> AttributeValue.fromS(scalar(value, field));
            case "N" -> AttributeValue.fromN(scalar(value, field));
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(scalar(value, field))));
            case "BOOL" -> AttributeValue.fromBool(value.asBoolean());
            case "NULL" -> AttributeValue.fromNul(value.asBoolean());
            case "SS" -> AttributeValue.fromSs(scalars(value, field));
            case "NS" -> AttributeValue.fromNs(scalars(value, field));
            case "BS" -> AttributeValue.fromBs(scalars(value, field).stream()
                    .map(text -> SdkBytes.fromByteArray(Base64.getDecoder().decode(text))).toList());
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                int index = 0;
                for (JsonNode element : value) {
                    list.add(toValue(element, field + "[" + index++ + "]"));
                }
                yield AttributeValue.fromL(list);
            }
            case "M" -> AttributeValue.fromM(toMap(value, field));
            default -> throw new IllegalArgumentException(field + " has an unknown attribute type " + typed.getKey());
        };
    }

    private static String scalar(JsonNode value, String field) {
        if (!value.isValueNode() || value.isNull()) {
            throw new IllegalArgumentException(field + " must hold a scalar value");
        }
        return value.asText();
    }

    private static List<String> scalars(JsonNode value, String field) {
        if (!value.isArray()) {
            throw new IllegalArgumentException(field + " must hold an array");
        }
        List<String> texts = new ArrayList<>();
        value.forEach(element -> texts.add(scalar(element, field)));
        return texts;
    }

    static ObjectNode fromMap(Map<String, AttributeValue> values) {
        ObjectNode object = Json.object();
        values.forEach((name, value) -> object.set(name, fromValue(value)));
        return object;
    }

    static ObjectNode fromValue(AttributeValue value) {
        ObjectNode node = Json.object();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", value.nul());
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode array = node.putArray("BS");
                value.bs().forEach(bytes -> array.add(Base64.getEncoder().encodeToString(bytes.asByteArray())));
            }
            case L -> {
                ArrayNode array = node.putArray("L");
                value.l().forEach(element -> array.add(fromValue(element)));
            }
            case M -> node.set("M", fromMap(value.m()));
            default -> throw new IllegalArgumentException("unknown attribute value " + value);
        }
        return node;
    }
}
