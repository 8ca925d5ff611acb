package dev.persona.local.stepfunctions.asl.definition;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;

/** Typed access to the fields of one object of a definition, reporting wrong types as problems. */
final class Fields {

    final ObjectNode node;
    final String pointer;
    private final Problems problems;

    Fields(ObjectNode node, String pointer, Problems problems) {
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
    }

    /** The fields of the object under {@code name}, which the caller checked is an object. */
    Fields nested(ObjectNode object, String name) {
        return new Fields(object, pointer(name), problems);
    }

    String pointer(String name) {
        return pointer + "/" + Problems.escape(name);
    }

    boolean has(String name) {
        return node.has(name);
    }

    JsonNode get(String name) {
        return node.get(name);
    }

    List<String> names() {
        return Json.names(node);
    }

    void allowOnly(Set<String> allowed) {
        for (String name : Json.names(node)) {
            if (!allowed.contains(name)) {
                problems.schema("Field '" + name + "' is not supported", pointer(name));
            }
        }
    }

    String string(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problems.schema("Expected value of type String", pointer(name));
            return null;
        }
        return value.textValue();
    }

    String requiredString(String name) {
        if (!node.has(name)) {
            problems.schema("These fields are required: [" + name + "]", pointer);
            return null;
        }
        return string(name);
    }

    Boolean bool(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problems.schema("Expected value of type Boolean", pointer(name));
            return null;
        }
        return value.booleanValue();
    }

    BigDecimal number(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            problems.schema("Expected value of type Number", pointer(name));
            return null;
        }
        return value.decimalValue();
    }

    Long integer(String name, long min, long max) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problems.schema("Expected value of type Integer", pointer(name));
            return null;
        }
        long number = value.longValue();
        if (number < min || number > max) {
            problems.schema(name + " must be between " + min + " and " + max, pointer(name));
            return null;
        }
        return number;
    }

    ObjectNode object(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            problems.schema("Expected value of type Object", pointer(name));
            return null;
        }
        return (ObjectNode) value;
    }

    ObjectNode requiredObject(String name) {
        if (!node.has(name)) {
            problems.schema("These fields are required: [" + name + "]", pointer);
            return null;
        }
        return object(name);
    }

    ArrayNode array(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            problems.schema("Expected value of type Array", pointer(name));
            return null;
        }
        return (ArrayNode) value;
    }

    /** The strings of an array field; null when absent or not an array of strings. */
    List<String> strings(String name) {
        ArrayNode array = array(name);
        if (array == null) {
            return null;
        }
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                problems.schema("Expected an array of strings", pointer(name));
                return null;
            }
        }
        return Json.strings(array);
    }

    /** Reports that only one of {@code literal} and {@code path} may be given. */
    void exclusive(String literal, String path) {
        if (has(literal) && has(path)) {
            problems.schema("Only one of " + literal + " and " + path + " may be given", pointer(path));
        }
    }
}
