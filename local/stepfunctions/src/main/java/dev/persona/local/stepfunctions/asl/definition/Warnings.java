package dev.persona.local.stepfunctions.asl.definition;

import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem.Code;

/**
 * The warnings ValidateStateMachineDefinition gives for JSONPath states (AWS's documented warning codes):
 * NO_DOLLAR for a payload field whose value looks like a path or an intrinsic function call but whose name lacks
 * {@code .$}; NO_PATH for a field whose value looks like a path but whose name does not end in {@code Path};
 * PASS_RESULT_IS_STATIC for paths in a Pass state's Result, which is never evaluated.
 */
final class Warnings {

    private static final Pattern LOOKS_LIKE_PATH = Pattern.compile("\\$\\$?(\\..+|\\[.+)?");
    private static final Pattern LOOKS_LIKE_INTRINSIC = Pattern.compile("States\\.[A-Za-z0-9]+\\(.*\\)",
            Pattern.DOTALL);
    private static final String DYNAMIC_SUFFIX = ".$";

    private final Problems problems;

    Warnings(Problems problems) {
        this.problems = problems;
    }

    static boolean looksLikePath(JsonNode value) {
        return value.isTextual() && LOOKS_LIKE_PATH.matcher(value.textValue()).matches();
    }

    /** NO_DOLLAR, throughout a payload template (Parameters, ResultSelector, ItemSelector, Assign, ...). */
    void payload(JsonNode template, String pointer) {
        if (template == null) {
            return;
        }
        if (template.isObject()) {
            for (Map.Entry<String, JsonNode> field : template.properties()) {
                String fieldPointer = pointer + "/" + Problems.escape(field.getKey());
                JsonNode value = field.getValue();
                if (!field.getKey().endsWith(DYNAMIC_SUFFIX) && value.isTextual()
                        && (looksLikePath(value) || LOOKS_LIKE_INTRINSIC.matcher(value.textValue()).matches())) {
                    problems.add(Code.NO_DOLLAR, "No .$ on a field that appears to be a JSONPath or Intrinsic "
                            + "Function: '" + field.getKey() + "'", fieldPointer);
                }
                payload(value, fieldPointer);
            }
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                payload(template.get(i), pointer + "/" + i);
            }
        }
    }

    /** NO_PATH for a literal field ({@code Error}, {@code Cause}) whose value looks like a path. */
    void literal(Fields fields, String name) {
        JsonNode value = fields.get(name);
        if (value != null && looksLikePath(value)) {
            problems.add(Code.NO_PATH, "Field value looks like a path, but field name does not end with 'Path': '"
                    + name + "'", fields.pointer(name));
        }
    }

    /** PASS_RESULT_IS_STATIC for {@code .$} fields or path-like values in a Pass state's Result. */
    void passResult(JsonNode result, String pointer) {
        if (result == null) {
            return;
        }
        if (looksLikePath(result)) {
            problems.add(Code.PASS_RESULT_IS_STATIC, "Attempt to use a path in the result of a pass state", pointer);
        } else if (result.isObject()) {
            for (Map.Entry<String, JsonNode> field : result.properties()) {
                String fieldPointer = pointer + "/" + Problems.escape(field.getKey());
                if (field.getKey().endsWith(DYNAMIC_SUFFIX)) {
                    problems.add(Code.PASS_RESULT_IS_STATIC, "Attempt to use a path in the result of a pass state",
                            fieldPointer);
                } else {
                    passResult(field.getValue(), fieldPointer);
                }
            }
        } else if (result.isArray()) {
            for (int i = 0; i < result.size(); i++) {
                passResult(result.get(i), pointer + "/" + i);
            }
        }
    }
}
