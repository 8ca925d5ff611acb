package dev.persona.local.stepfunctions.asl.exec;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.EvaluationScope;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.PathNotFoundException;

/**
 * What the expressions of one evaluation step see: {@code input} as {@code $} (JSONPath) or
 * {@code $states.input} (JSONata), the result or error output where the step has one, the context object and
 * the lane's variables.
 */
final class StateScope implements EvaluationScope {

    private final StateVisit visit;
    private final JsonNode input;
    private final JsonNode result;
    private final JsonNode errorOutput;
    private final JsonNode mapItem;
    private JsonNode context;

    StateScope(StateVisit visit, JsonNode input, JsonNode result, JsonNode errorOutput, JsonNode mapItem) {
        this.visit = visit;
        this.input = input;
        this.result = result;
        this.errorOutput = errorOutput;
        this.mapItem = mapItem;
    }

    @Override
    public JsonNode read(JsonPath path) {
        return switch (path.root()) {
            case INPUT, CURRENT -> path.read(input);
            case CONTEXT -> path.read(context());
            case VARIABLE -> path.read(visit.lane.variables().lookup(path.variable()).orElseThrow(
                    () -> new PathNotFoundException("No results for path: " + path.text())));
        };
    }

    @Override
    public JsonNode input() {
        return input;
    }

    @Override
    public JsonNode result() {
        return result;
    }

    @Override
    public JsonNode errorOutput() {
        return errorOutput;
    }

    @Override
    public JsonNode context() {
        if (context == null) {
            context = mapItem == null ? visit.context() : visit.contextWith(mapItem);
        }
        return context;
    }

    @Override
    public Optional<JsonNode> variable(String name) {
        return visit.lane.variables().lookup(name);
    }
}
