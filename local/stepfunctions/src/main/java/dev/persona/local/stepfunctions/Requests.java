package dev.persona.local.stepfunctions;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.Json;

/** The checks AWS makes on names, ARNs, inputs and tags of requests, with its error names and messages. */
final class Requests {

    /** AWS's limit on execution input. */
    static final int MAX_INPUT_BYTES = 262_144;
    static final int MAX_TAGS = 50;
    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:[a-z-]+:iam::[0-9]{12}:role/.+");
    /** Tags may only contain Unicode letters, digits, white space, or {@code _ . : / = + - @}. */
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Requests() {
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new StepFunctionsException("InvalidName", "Invalid Name: '" + name + "'");
        }
    }

    static void requireRoleArn(String roleArn) {
        if (roleArn == null || !ROLE_ARN.matcher(roleArn).matches()) {
            throw new StepFunctionsException("InvalidArn", "Invalid Arn: '" + roleArn + "'");
        }
    }

    static StepFunctionsException invalidArn(String arn) {
        return new StepFunctionsException("InvalidArn", "Invalid Arn: '" + arn + "'");
    }

    static StepFunctionsException validation(String message) {
        return new StepFunctionsException("ValidationException", message);
    }

    static JsonNode parseInput(String input) {
        if (input.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
            throw validation("1 validation error detected: Value at 'input' failed to satisfy constraint: Member "
                    + "must have length less than or equal to " + MAX_INPUT_BYTES);
        }
        try {
            return Json.parse(input);
        } catch (IllegalArgumentException e) {
            throw new StepFunctionsException("InvalidExecutionInput", "Invalid execution input: " + e.getMessage());
        }
    }

    /** Keys of 1 to 128 and values of up to 256 characters, of the allowed characters only. */
    static void requireValidTags(Map<String, String> tags) {
        tags.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > 128 || !TAG_TEXT.matcher(key).matches()) {
                throw validation("1 validation error detected: Value '" + key + "' at 'tags.key' failed to satisfy "
                        + "constraint: Member must have length between 1 and 128 and contain only letters, digits, "
                        + "white space and _ . : / = + - @");
            }
            if (value == null || value.length() > 256 || !TAG_TEXT.matcher(value).matches()) {
                throw validation("1 validation error detected: Value '" + value + "' at 'tags.value' failed to "
                        + "satisfy constraint: Member must have length at most 256 and contain only letters, "
                        + "digits, white space and _ . : / = + - @");
            }
        });
    }
}
