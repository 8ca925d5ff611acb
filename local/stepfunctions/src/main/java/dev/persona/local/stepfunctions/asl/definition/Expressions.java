package dev.persona.local.stepfunctions.asl.definition;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.DynamicValue;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.JsonPathSyntaxException;
import dev.persona.local.stepfunctions.asl.paths.PayloadTemplate;
import dev.persona.local.stepfunctions.asl.states.Assignment;
import dev.persona.local.stepfunctions.asl.states.NumericSetting;

/**
 * Compiles the expressions of a definition's fields (paths, payload templates, JSONata templates, intrinsic
 * function calls, numeric settings, Assign), each problem reported at its field's pointer.
 */
final class Expressions {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String RESERVED_VARIABLE = "states";

    private final Problems problems;

    Expressions(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** InputPath / OutputPath: absent is {@code $}, an explicit null is null (discard). */
    JsonPath ioPath(Fields fields, String name) {
        if (!fields.has(name)) {
            return JsonPath.parse("$");
        }
        if (fields.get(name).isNull()) {
            return null;
        }
        return path(fields, name);
    }

    /** ItemsPath: absent or invalid is {@code $}. */
    JsonPath pathOrRoot(Fields fields, String name) {
        JsonPath path = fields.has(name) ? path(fields, name) : null;
        return path == null ? JsonPath.parse("$") : path;
    }

    /** ResultPath: a reference path into the input; absent is {@code $}, null discards the result. */
    JsonPath resultPath(Fields fields, String name) {
        if (!fields.has(name)) {
            return JsonPath.parse("$");
        }
        if (fields.get(name).isNull()) {
            return null;
        }
        JsonPath path = path(fields, name);
        if (path != null && (path.root() != JsonPath.Root.INPUT || !path.isReferencePath())) {
            problems.schema("The value for the field '" + name + "' must be a valid reference path",
                    fields.pointer(name));
            return JsonPath.parse("$");
        }
        return path;
    }

    JsonPath path(Fields fields, String name) {
        String text = fields.string(name);
        if (text == null) {
            return null;
        }
        try {
            return JsonPath.parse(text);
        } catch (JsonPathSyntaxException e) {
            problems.schema("The value for the field '" + name + "' must be a valid JSONPath: " + e.getMessage(),
                    fields.pointer(name));
            return null;
        }
    }

    /** A path or an intrinsic function call (ErrorPath, CausePath). */
    DynamicValue dynamic(Fields fields, String name) {
        String text = fields.string(name);
        if (text == null) {
            return null;
        }
        try {
            return DynamicValue.compile(text, name);
        } catch (JsonPathSyntaxException e) {
            problems.schema("The value for the field '" + name + "' must be a valid JSONPath or a valid intrinsic "
                    + "function call: " + e.getMessage(), fields.pointer(name));
            return null;
        }
    }

    PayloadTemplate template(Fields fields, String name) {
        if (!fields.has(name)) {
            return null;
        }
        String base = fields.pointer(name);
        return PayloadTemplate.compile(fields.get(name), (pointer, message) -> problems.schema(message,
                base + pointer));
    }

    JsonataTemplate jsonata(Fields fields, String name) {
        String base = fields.pointer(name);
        return JsonataTemplate.compile(fields.get(name), name, (pointer, message) -> problems.schema(message,
                base + pointer));
    }

    /** The field as a JSONata template when present, else null. */
    JsonataTemplate optionalJsonata(Fields fields, String name) {
        return fields.has(name) ? jsonata(fields, name) : null;
    }

    /** Assign: variable names and their values, paths in JSONPath states, expressions in JSONata states. */
    Assignment assignment(Fields fields, String name, QueryLanguage language) {
        ObjectNode assign = fields.object(name);
        if (assign == null) {
            return null;
        }
        for (String key : Json.names(assign)) {
            String variable = language == QueryLanguage.JSONPATH && key.endsWith(".$")
                    ? key.substring(0, key.length() - 2) : key;
            if (!VARIABLE_NAME.matcher(variable).matches() || variable.equals(RESERVED_VARIABLE)) {
                problems.schema("'" + variable + "' is not a valid variable name",
                        fields.pointer(name) + "/" + Problems.escape(key));
            }
        }
        return language == QueryLanguage.JSONATA ? Assignment.ofExpressions(jsonata(fields, name))
                : Assignment.ofPaths(template(fields, name));
    }

    /** A number given as literal, as {@code <field>Path} (JSONPath) or as an expression (JSONata). */
    NumericSetting numeric(Fields fields, String name, QueryLanguage language, long min, long max) {
        String pathName = name + "Path";
        fields.exclusive(name, pathName);
        if (fields.has(pathName)) {
            return new NumericSetting(name, null, path(fields, pathName), null);
        }
        if (!fields.has(name)) {
            return NumericSetting.absent(name);
        }
        JsonNode value = fields.get(name);
        if (language == QueryLanguage.JSONATA && JsonataTemplate.isExpression(value)) {
            return new NumericSetting(name, null, null, jsonata(fields, name));
        }
        BigDecimal number = fields.number(name);
        if (number != null && (number.compareTo(BigDecimal.valueOf(min)) < 0
                || number.compareTo(BigDecimal.valueOf(max)) > 0)) {
            problems.schema(name + " must be between " + min + " and " + max, fields.pointer(name));
        }
        return new NumericSetting(name, number, null, null);
    }
}
