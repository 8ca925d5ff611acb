package dev.persona.local.stepfunctions.asl.paths;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * A compiled JSONPath as Step Functions evaluates it (the semantics of Jayway JsonPath with default options).
 * The root is the state input ({@code $}), the context object ({@code $$}) or a workflow variable
 * ({@code $name}). A definite path (only names and single indexes) yields one value or fails with Jayway's
 * message; any other path yields the array of its matches, possibly empty.
 */
public final class JsonPath {

    /** What {@code $} stands for. */
    public enum Root {
        INPUT, CONTEXT, VARIABLE, CURRENT
    }

    private final String text;
    private final Root root;
    private final String variable;
    private final List<PathSegment> segments;
    private final boolean definite;

    JsonPath(String text, Root root, String variable, List<PathSegment> segments) {
        this.text = text;
        this.root = root;
        this.variable = variable;
        this.segments = List.copyOf(segments);
        this.definite = this.segments.stream().allMatch(PathSegment::isDefinite);
    }

    /** Compiles {@code text}; throws {@link JsonPathSyntaxException} when it is not a JSONPath. */
    public static JsonPath parse(String text) {
        return new JsonPathParser(text).parsePath();
    }

    /** True when {@code text} looks like a path (starts with {@code $}), the test AWS uses for {@code .$} values. */
    public static boolean looksLikePath(String text) {
        return text.startsWith("$");
    }

    public String text() {
        return text;
    }

    public Root root() {
        return root;
    }

    /** The variable name for {@link Root#VARIABLE} paths. */
    public String variable() {
        return variable;
    }

    public List<PathSegment> segments() {
        return segments;
    }

    public boolean isDefinite() {
        return definite;
    }

    /** True for {@code $} itself (any root, no segments). */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** A path that names one place: only object members and single array indexes, as ResultPath requires. */
    public boolean isReferencePath() {
        return segments.stream().allMatch(s -> s instanceof PathSegment.Member || s instanceof PathSegment.Index index
                && index.indexes().length == 1);
    }

    /** The path as Jayway prints it in messages, e.g. {@code $['items'][0]}. */
    public String normalized() {
        StringBuilder out = new StringBuilder("$");
        for (PathSegment segment : segments) {
            out.append(segment.fragment());
        }
        return out.toString();
    }

    /**
     * Reads the path from {@code rootValue}. Definite paths return the value or throw
     * {@link PathNotFoundException}; other paths return an array of all matches.
     */
    public JsonNode read(JsonNode rootValue) {
        if (definite) {
            return readDefinite(rootValue);
        }
        ArrayNode matches = Json.array();
        collect(rootValue, 0, matches, rootValue);
        return matches;
    }

    /** Like {@link #read} but empty instead of failing when a definite path finds nothing. */
    public Optional<JsonNode> find(JsonNode rootValue) {
        try {
            return Optional.of(read(rootValue));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        }
    }

    private JsonNode readDefinite(JsonNode rootValue) {
        JsonNode current = rootValue;
        StringBuilder evaluated = new StringBuilder("$");
        for (int i = 0; i < segments.size(); i++) {
            PathSegment segment = segments.get(i);
            boolean leaf = i == segments.size() - 1;
            if (segment instanceof PathSegment.Member member) {
                if (current == null || !current.isObject()) {
                    throw new PathNotFoundException("Expected to find an object with property " + member.fragment()
                            + " in path " + evaluated + " but found '" + describe(current)
                            + "'. This is not a json object according to the JsonProvider: "
                            + "'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.");
                }
                JsonNode next = current.get(member.name());
                evaluated.append(member.fragment());
                if (next == null) {
                    if (leaf) {
                        throw new PathNotFoundException("No results for path: " + normalized());
                    }
                    throw new PathNotFoundException("Missing property in path " + evaluated);
                }
                current = next;
            } else {
                PathSegment.Index index = (PathSegment.Index) segment;
                if (current == null || !current.isArray()) {
                    throw new PathNotFoundException("Filter: " + index.fragment()
                            + " can only be applied to arrays. Current context is: " + describe(current));
                }
                int position = index.indexes()[0] < 0 ? current.size() + index.indexes()[0] : index.indexes()[0];
                evaluated.append(index.fragment());
                if (position < 0 || position >= current.size()) {
                    throw new PathNotFoundException("No results for path: " + normalized());
                }
                current = current.get(position);
            }
        }
        return current;
    }

    private static String describe(JsonNode node) {
        return node == null ? "null" : Json.write(node);
    }

    private void collect(JsonNode node, int index, ArrayNode out, JsonNode documentRoot) {
        if (index == segments.size()) {
            out.add(node);
            return;
        }
        for (JsonNode child : segments.get(index).select(node, documentRoot)) {
            collect(child, index + 1, out, documentRoot);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
