package dev.persona.local.stepfunctions.asl.paths;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;

/**
 * A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign): fields whose names end in
 * {@code .$} take the value of a path or an intrinsic function call, under the name without the suffix; all
 * other values are copied, nested objects and arrays being templates themselves.
 */
public final class PayloadTemplate {

    private static final String DYNAMIC_SUFFIX = ".$";

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /**
     * Compiles a template; each invalid {@code .$} value is reported to {@code problems} with the JSON pointer
     * of the field relative to the template and a message, and the returned template is then unusable.
     */
    public static PayloadTemplate compile(JsonNode template, BiConsumer<String, String> problems) {
        return new PayloadTemplate(compileNode(template, "", problems));
    }

    /** Evaluates against {@code input}; {@code paths} resolves every path, whatever its root. */
    public JsonNode evaluate(PathReader paths, JsonNode input) {
        return root.evaluate(paths, input);
    }

    private static Node compileNode(JsonNode node, String pointer, BiConsumer<String, String> problems) {
        if (node.isObject()) {
            List<Field> fields = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String key = entry.getKey();
                String fieldPointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                if (key.endsWith(DYNAMIC_SUFFIX) && key.length() > DYNAMIC_SUFFIX.length()) {
                    fields.add(new Field(key.substring(0, key.length() - DYNAMIC_SUFFIX.length()),
                            compileDynamic(key, entry.getValue(), fieldPointer, problems)));
                } else {
                    fields.add(new Field(key, compileNode(entry.getValue(), fieldPointer, problems)));
                }
            }
            return new ObjectTemplate(fields);
        }
        if (node.isArray()) {
            List<Node> elements = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                elements.add(compileNode(node.get(i), pointer + "/" + i, problems));
            }
            return new ArrayTemplate(elements);
        }
        return new Literal(node);
    }

    private static Node compileDynamic(String key, JsonNode value, String pointer,
                                       BiConsumer<String, String> problems) {
        String invalid = "The value for the field '" + key + "' must be a valid JSONPath or a valid intrinsic "
                + "function call";
        if (!value.isTextual()) {
            problems.accept(pointer, invalid);
            return new Literal(value);
        }
        try {
            return new Dynamic(DynamicValue.compile(value.textValue(), key));
        } catch (JsonPathSyntaxException e) {
            problems.accept(pointer, invalid + ": " + e.getMessage());
            return new Literal(value);
        }
    }

    /** The failure AWS reports when a path of a {@code .$} field finds nothing. */
    static StatesFailure notFound(JsonPath path, String field, JsonNode input) {
        return StatesFailure.inState(StatesError.RUNTIME, "The JSONPath '" + path.text()
                + "' specified for the field '" + field + "' could not be found in the input '"
                + Json.write(input) + "'");
    }

    private sealed interface Node {
        JsonNode evaluate(PathReader paths, JsonNode input);
    }

    private record Field(String name, Node value) {
    }

    private record ObjectTemplate(List<Field> fields) implements Node {
        @Override
        public JsonNode evaluate(PathReader paths, JsonNode input) {
            ObjectNode result = Json.object();
            for (Field field : fields) {
                result.set(field.name(), field.value().evaluate(paths, input));
            }
            return result;
        }
    }

    private record ArrayTemplate(List<Node> elements) implements Node {
        @Override
        public JsonNode evaluate(PathReader paths, JsonNode input) {
            ArrayNode result = Json.array();
            for (Node element : elements) {
                result.add(element.evaluate(paths, input));
            }
            return result;
        }
    }

    private record Literal(JsonNode value) implements Node {
        @Override
        public JsonNode evaluate(PathReader paths, JsonNode input) {
            return value;
        }
    }

    private record Dynamic(DynamicValue value) implements Node {
        @Override
        public JsonNode evaluate(PathReader paths, JsonNode input) {
            return value.evaluate(paths, input);
        }
    }
}
