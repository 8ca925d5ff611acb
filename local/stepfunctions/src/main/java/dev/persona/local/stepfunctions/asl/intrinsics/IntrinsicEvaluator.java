package dev.persona.local.stepfunctions.asl.intrinsics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.paths.PathReader;

/** Evaluates intrinsic function calls. Pure except for {@code States.UUID} and unseeded {@code States.MathRandom}. */
public final class IntrinsicEvaluator {

    /** AWS's limit on the elements States.ArrayRange may produce. */
    private static final int MAX_RANGE_SIZE = 1000;
    private static final Map<String, String> HASH_ALGORITHMS = Map.of(
            "MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");

    private IntrinsicEvaluator() {
    }

    public static JsonNode evaluate(IntrinsicArgument.Call call, PathReader paths) {
        List<JsonNode> args = new ArrayList<>(call.arguments().size());
        for (IntrinsicArgument argument : call.arguments()) {
            args.add(value(argument, paths));
        }
        return switch (call.function()) {
            case FORMAT -> format(call, args);
            case STRING_TO_JSON -> stringToJson(call, args.get(0));
            case JSON_TO_STRING -> Json.NODES.textNode(Json.write(args.get(0)));
            case ARRAY -> {
                ArrayNode array = Json.array();
                args.forEach(array::add);
                yield array;
            }
            case ARRAY_PARTITION -> partition(call, array(call, args.get(0)), integer(call, args.get(1)));
            case ARRAY_CONTAINS -> Json.NODES.booleanNode(contains(array(call, args.get(0)), args.get(1)));
            case ARRAY_RANGE -> range(call, integer(call, args.get(0)), integer(call, args.get(1)),
                    integer(call, args.get(2)));
            case ARRAY_GET_ITEM -> item(call, array(call, args.get(0)), integer(call, args.get(1)));
            case ARRAY_LENGTH -> Json.NODES.numberNode(array(call, args.get(0)).size());
            case ARRAY_UNIQUE -> unique(array(call, args.get(0)));
            case BASE64_ENCODE -> Json.NODES.textNode(Base64.getEncoder().encodeToString(
                    string(call, args.get(0)).getBytes(StandardCharsets.UTF_8)));
            case BASE64_DECODE -> base64Decode(call, string(call, args.get(0)));
            case HASH -> hash(call, args.get(0), string(call, args.get(1)));
            case JSON_MERGE -> merge(call, args);
            case MATH_RANDOM -> random(call, args);
            case MATH_ADD -> Json.NODES.numberNode(rounded(call, args.get(0)) + rounded(call, args.get(1)));
            case STRING_SPLIT -> split(string(call, args.get(0)), string(call, args.get(1)));
            case UUID -> Json.NODES.textNode(UUID.randomUUID().toString());
        };
    }

    private static JsonNode value(IntrinsicArgument argument, PathReader paths) {
        return switch (argument) {
            case IntrinsicArgument.Literal literal -> literal.value();
            case IntrinsicArgument.PathArgument path -> paths.read(path.path());
            case IntrinsicArgument.Call call -> evaluate(call, paths);
        };
    }

    private static JsonNode format(IntrinsicArgument.Call call, List<JsonNode> args) {
        IntrinsicArgument first = call.arguments().getFirst();
        String template = first instanceof IntrinsicArgument.Literal literal && literal.value().isTextual()
                ? literal.source() : string(call, args.getFirst());
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure(call, "the number of arguments does not match the number of '{}' in the template");
                }
                out.append(formatted(args.get(next++)));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw failure(call, "the number of arguments does not match the number of '{}' in the template");
        }
        return Json.NODES.textNode(out.toString());
    }

    /** A value as States.Format prints it: strings bare, objects and arrays in Java's collection notation. */
    private static String formatted(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isObject()) {
            StringBuilder out = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.append(field.getKey()).append('=').append(formatted(field.getValue()));
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append('}').toString();
        }
        if (value.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(formatted(value.get(i)));
            }
            return out.append(']').toString();
        }
        return value.isNull() ? "null" : value.asText();
    }

    private static JsonNode stringToJson(IntrinsicArgument.Call call, JsonNode argument) {
        String text = string(call, argument);
        if (text.isBlank()) {
            return Json.NODES.nullNode();
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw failure(call, "the argument is not a valid JSON string: " + e.getMessage());
        }
    }

    private static JsonNode partition(IntrinsicArgument.Call call, ArrayNode array, int size) {
        if (size <= 0) {
            throw failure(call, "the chunk size must be greater than 0");
        }
        ArrayNode chunks = Json.array();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % size == 0) {
                chunk = chunks.addArray();
            }
            chunk.add(array.get(i));
        }
        return chunks;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (Json.equivalent(element, value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode range(IntrinsicArgument.Call call, int start, int end, int step) {
        if (step == 0) {
            throw failure(call, "the step must not be 0");
        }
        ArrayNode range = Json.array();
        for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
            if (range.size() == MAX_RANGE_SIZE) {
                throw failure(call, "the range must not have more than " + MAX_RANGE_SIZE + " elements");
            }
            range.add((int) i);
        }
        return range;
    }

    private static JsonNode item(IntrinsicArgument.Call call, ArrayNode array, int index) {
        if (index < 0 || index >= array.size()) {
            throw failure(call, "the index " + index + " is out of the array's bounds");
        }
        return array.get(index);
    }

    private static JsonNode unique(ArrayNode array) {
        ArrayNode unique = Json.array();
        for (JsonNode element : array) {
            if (!contains(unique, element)) {
                unique.add(element);
            }
        }
        return unique;
    }

    private static JsonNode base64Decode(IntrinsicArgument.Call call, String encoded) {
        try {
            return Json.NODES.textNode(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw failure(call, "the argument is not valid base64: " + e.getMessage());
        }
    }

    private static JsonNode hash(IntrinsicArgument.Call call, JsonNode data, String algorithm) {
        String javaName = HASH_ALGORITHMS.get(algorithm);
        if (javaName == null) {
            throw failure(call, "the hash algorithm " + algorithm + " is not supported; use one of "
                    + HASH_ALGORITHMS.keySet().stream().sorted().toList());
        }
        String text = data.isTextual() ? data.textValue() : Json.write(data);
        try {
            byte[] digest = MessageDigest.getInstance(javaName).digest(text.getBytes(StandardCharsets.UTF_8));
            return Json.NODES.textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(javaName + " is a standard JDK algorithm", e);
        }
    }

    private static JsonNode merge(IntrinsicArgument.Call call, List<JsonNode> args) {
        if (!args.get(0).isObject() || !args.get(1).isObject()) {
            throw failure(call, "the first two arguments must be JSON objects");
        }
        if (!args.get(2).isBoolean()) {
            throw failure(call, "the third argument must be a boolean");
        }
        if (args.get(2).booleanValue()) {
            throw failure(call, "only the shallow merge mode is supported: the third argument must be false");
        }
        ObjectNode merged = Json.object();
        merged.setAll((ObjectNode) args.get(0));
        merged.setAll((ObjectNode) args.get(1));
        return merged;
    }

    private static JsonNode random(IntrinsicArgument.Call call, List<JsonNode> args) {
        long start = rounded(call, args.get(0));
        long end = rounded(call, args.get(1));
        if (start >= end) {
            throw failure(call, "the start must be less than the end");
        }
        Random random = args.size() == 3 ? new Random(integer(call, args.get(2))) : ThreadLocalRandom.current();
        return Json.NODES.numberNode(random.nextLong(start, end));
    }

    private static JsonNode split(String text, String delimiters) {
        ArrayNode parts = Json.array();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (delimiters.indexOf(c) >= 0) {
                if (!current.isEmpty()) {
                    parts.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }

    private static ArrayNode array(IntrinsicArgument.Call call, JsonNode value) {
        if (!value.isArray()) {
            throw failure(call, "expected an array but was " + Json.typeName(value));
        }
        return (ArrayNode) value;
    }

    private static String string(IntrinsicArgument.Call call, JsonNode value) {
        if (!value.isTextual()) {
            throw failure(call, "expected a string but was " + Json.typeName(value));
        }
        return value.textValue();
    }

    private static int integer(IntrinsicArgument.Call call, JsonNode value) {
        if (!value.isNumber() || !(value.isIntegralNumber() || value.doubleValue() == Math.rint(value.doubleValue()))
                || !value.canConvertToInt()) {
            throw failure(call, "expected an integer but was " + Json.write(value));
        }
        return value.intValue();
    }

    /** Numbers as States.MathAdd and States.MathRandom read them: rounded half up. */
    private static long rounded(IntrinsicArgument.Call call, JsonNode value) {
        if (!value.isNumber()) {
            throw failure(call, "expected a number but was " + Json.typeName(value));
        }
        return value.isIntegralNumber() ? value.longValue() : Math.round(value.doubleValue());
    }

    private static StatesFailure failure(IntrinsicArgument.Call call, String detail) {
        return StatesFailure.inState(StatesError.INTRINSIC_FAILURE,
                "The intrinsic function " + call.text() + " failed: " + detail);
    }
}
