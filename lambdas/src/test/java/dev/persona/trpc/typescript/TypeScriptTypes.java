package dev.persona.trpc.typescript;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * TypeScript types of JSON Schemas (the subset the API's schemas use: {@code type}, {@code properties},
 * {@code required}, {@code additionalProperties}, {@code items}, {@code enum}, {@code const}, {@code $ref}), with
 * each named schema declared once. Keywords that only constrain values (lengths, ranges, formats, patterns) have
 * no TypeScript counterpart and are left to the server's validation; any other keyword fails the generation rather
 * than produce a type that is wrong.
 */
final class TypeScriptTypes {

    /** A schema that {@code $ref} names, with the type name it is declared under. */
    record Named(String name, JsonNode schema) {
    }

    private static final Set<String> CONSTRAINTS = Set.of("description", "title", "format", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
            "uniqueItems", "minProperties", "maxProperties", "default", "examples", "$schema", "$id");
    private static final Set<String> STRUCTURE = Set.of("type", "properties", "required", "additionalProperties",
            "propertyNames", "items", "enum", "const", "$ref");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private final Function<String, Named> references;
    private final Map<String, String> declarations = new LinkedHashMap<>();
    private final Set<String> declaring = new LinkedHashSet<>();

    /** {@code references} resolves a {@code $ref} value to its named schema. */
    TypeScriptTypes(Function<String, Named> references) {
        this.references = references;
    }

    /** Declares {@code schema} as {@code name} (once) and returns the name. */
    String declare(String name, JsonNode schema) {
        if (declarations.containsKey(name) || declaring.contains(name)) {
            return name;
        }
        declaring.add(name);
        String type = type(schema, "");
        String doc = docComment(schema.path("description").asText(null), "");
        declarations.put(name, doc + (isObject(schema) && !schema.has("$ref")
                ? "export interface " + name + " " + type + "\n"
                : "export type " + name + " = " + type + ";\n"));
        declaring.remove(name);
        return name;
    }

    /** Every declaration so far, in the order the types were first met, one blank line apart. */
    String declarations() {
        return String.join("\n", declarations.values());
    }

    /** The type of {@code schema} written at {@code indent}. */
    String type(JsonNode schema, String indent) {
        schema.fieldNames().forEachRemaining(keyword -> {
            if (!CONSTRAINTS.contains(keyword) && !STRUCTURE.contains(keyword)) {
                throw new IllegalArgumentException("no TypeScript for the JSON Schema keyword " + keyword);
            }
        });
        if (schema.has("$ref")) {
            Named named = references.apply(schema.get("$ref").asText());
            return declare(named.name(), named.schema());
        }
        if (schema.has("const")) {
            return schema.get("const").toString();
        }
        if (schema.has("enum")) {
            List<String> literals = new ArrayList<>();
            schema.get("enum").forEach(value -> literals.add(value.toString()));
            return String.join(" | ", literals);
        }
        JsonNode types = schema.path("type");
        if (types.isMissingNode()) {
            return "unknown";
        }
        List<String> alternatives = new ArrayList<>();
        for (JsonNode each : types.isArray() ? types : List.of(types)) {
            alternatives.add(switch (each.asText()) {
                case "object" -> object(schema, indent);
                case "array" -> array(schema, indent);
                case "string" -> "string";
                case "integer", "number" -> "number";
                case "boolean" -> "boolean";
                case "null" -> "null";
                default -> throw new IllegalArgumentException("no such JSON Schema type: " + each);
            });
        }
        return String.join(" | ", alternatives);
    }

    private String object(JsonNode schema, String indent) {
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        String inner = indent + "  ";
        StringBuilder out = new StringBuilder("{\n");
        properties.properties().forEach(property -> {
            out.append(docComment(property.getValue().path("description").asText(null), inner));
            out.append(inner).append(propertyName(property.getKey()))
                    .append(required.contains(property.getKey()) ? ": " : "?: ")
                    .append(type(property.getValue(), inner)).append(";\n");
        });
        String additionalType = additional.isObject() ? type(additional, inner) : "unknown";
        for (String name : required) {
            if (!properties.has(name)) {
                out.append(inner).append(propertyName(name)).append(": ").append(additionalType).append(";\n");
            }
        }
        if (additional.isObject() && schema.has("propertyNames") && properties.isEmpty() && required.isEmpty()) {
            // Names from a closed set ("propertyNames": {"enum": [...]}), each present or not.
            return "Partial<Record<" + type(schema.get("propertyNames"), inner) + ", " + additionalType + ">>";
        }
        if (additional.isObject()) {
            out.append(inner).append("[name: string]: ").append(additionalType).append(";\n");
        }
        if (properties.isEmpty() && required.isEmpty() && !additional.isObject()) {
            return additional.isBoolean() && !additional.asBoolean() ? "Record<string, never>"
                    : "Record<string, unknown>";
        }
        return out.append(indent).append("}").toString();
    }

    private String array(JsonNode schema, String indent) {
        String items = schema.has("items") ? type(schema.get("items"), indent) : "unknown";
        return items.matches("[A-Za-z0-9_$.]+") || items.endsWith("}") && !items.contains(" | ")
                ? items + "[]" : "Array<" + items + ">";
    }

    private static boolean isObject(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.isTextual() && type.asText().equals("object") && !schema.path("properties").isEmpty();
    }

    private static String propertyName(String name) {
        return IDENTIFIER.matcher(name).matches() ? name : "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A JSDoc comment of {@code text} at {@code indent}; empty without text. */
    static String docComment(String text, String indent) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String clean = text.strip().replace("*/", "*\\/");
        if (!clean.contains("\n")) {
            return indent + "/** " + clean + " */\n";
        }
        StringBuilder out = new StringBuilder(indent).append("/**\n");
        clean.lines().forEach(line -> out.append(indent).append(line.isBlank() ? " *" : " * " + line.strip())
                .append("\n"));
        return out.append(indent).append(" */\n").toString();
    }
}
