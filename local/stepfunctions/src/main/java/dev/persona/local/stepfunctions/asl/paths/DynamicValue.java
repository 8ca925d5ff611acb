package dev.persona.local.stepfunctions.asl.paths;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.intrinsics.IntrinsicArgument;
import dev.persona.local.stepfunctions.asl.intrinsics.IntrinsicEvaluator;
import dev.persona.local.stepfunctions.asl.intrinsics.IntrinsicParser;

/**
 * A value computed from a path or an intrinsic function call: the value of a {@code .$} field, of ErrorPath or
 * CausePath. {@code field} names it in failure messages.
 */
public sealed interface DynamicValue {

    JsonNode evaluate(PathReader paths, JsonNode input);

    /** Compiles {@code text}; throws {@link JsonPathSyntaxException} when it is neither a path nor a call. */
    static DynamicValue compile(String text, String field) {
        if (IntrinsicParser.looksLikeCall(text)) {
            return new Call(field, IntrinsicParser.parse(text));
        }
        if (JsonPath.looksLikePath(text)) {
            return new PathValue(field, JsonPath.parse(text));
        }
        throw new JsonPathSyntaxException("'" + text + "' is neither a JSONPath nor an intrinsic function call");
    }

    record PathValue(String field, JsonPath path) implements DynamicValue {
        @Override
        public JsonNode evaluate(PathReader paths, JsonNode input) {
            try {
                return paths.read(path);
            } catch (PathNotFoundException e) {
                throw PayloadTemplate.notFound(path, field, input);
            }
        }
    }

    record Call(String field, IntrinsicArgument.Call call) implements DynamicValue {
        @Override
        public JsonNode evaluate(PathReader paths, JsonNode input) {
            return IntrinsicEvaluator.evaluate(call, path -> {
                try {
                    return paths.read(path);
                } catch (PathNotFoundException e) {
                    throw PayloadTemplate.notFound(path, field, input);
                }
            });
        }
    }
}
