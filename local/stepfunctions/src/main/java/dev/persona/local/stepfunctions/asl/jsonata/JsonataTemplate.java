package dev.persona.local.stepfunctions.asl.jsonata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * A JSON value of a JSONata state (Arguments, Output, Assign, Items, ...) in which every string of the form
 * {@code {% expression %}} is evaluated; everything else is literal. Field names in failure messages follow
 * AWS: the field, then {@code /member} for each nesting level (e.g. {@code Output/result}).
 */
public final class JsonataTemplate {

    private static final String OPEN = "{%";
    private static final String CLOSE = "%}";

    private final Node root;

    private JsonataTemplate(Node root) {
        this.root = root;
    }

    /** True when {@code value} is a string holding one JSONata expression. */
    public static boolean isExpression(JsonNode value) {
        return value.isTextual() && value.textValue().startsWith(OPEN) && value.textValue().endsWith(CLOSE)
                && value.textValue().length() >= OPEN.length() + CLOSE.length();
    }

    /** Compiles {@code value} found in {@code field}; invalid expressions go to {@code problems} (pointer, message). */
    public static JsonataTemplate compile(JsonNode value, String field, BiConsumer<String, String> problems) {
        return new JsonataTemplate(compileNode(value, field, "", problems));
    }

    public JsonNode evaluate(JsonataBindings bindings) {
        return root.evaluate(bindings);
    }

    /** The expression when the whole value is one, else null. */
    public JsonataExpression expression() {
        return root instanceof Expression expression ? expression.expression() : null;
    }

    private static Node compileNode(JsonNode value, String field, String pointer,
                                    BiConsumer<String, String> problems) {
        if (isExpression(value)) {
            String text = value.textValue();
            try {
                return new Expression(JsonataExpression.compile(
                        text.substring(OPEN.length(), text.length() - CLOSE.length())), field);
            } catch (IllegalArgumentException e) {
                problems.accept(pointer, e.getMessage());
                return new Literal(value);
            }
        }
        if (value.isObject()) {
            List<Member> members = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                members.add(new Member(entry.getKey(), compileNode(entry.getValue(), field + "/" + entry.getKey(),
                        pointer + "/" + entry.getKey().replace("~", "~0").replace("/", "~1"), problems)));
            }
            return new ObjectTemplate(members);
        }
        if (value.isArray()) {
            List<Node> elements = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                elements.add(compileNode(value.get(i), field + "/" + i, pointer + "/" + i, problems));
            }
            return new ArrayTemplate(elements);
        }
        return new Literal(value);
    }

    private sealed interface Node {
        JsonNode evaluate(JsonataBindings bindings);
    }

    private record Literal(JsonNode value) implements Node {
        @Override
        public JsonNode evaluate(JsonataBindings bindings) {
            return value;
        }
    }

    private record Expression(JsonataExpression expression, String field) implements Node {
        @Override
        public JsonNode evaluate(JsonataBindings bindings) {
            return expression.evaluate(bindings, field);
        }
    }

    private record Member(String name, Node value) {
    }

    private record ObjectTemplate(List<Member> members) implements Node {
        @Override
        public JsonNode evaluate(JsonataBindings bindings) {
            ObjectNode object = Json.object();
            for (Member member : members) {
                object.set(member.name(), member.value().evaluate(bindings));
            }
            return object;
        }
    }

    private record ArrayTemplate(List<Node> elements) implements Node {
        @Override
        public JsonNode evaluate(JsonataBindings bindings) {
            ArrayNode array = Json.array();
            for (Node element : elements) {
                array.add(element.evaluate(bindings));
            }
            return array;
        }
    }
}
