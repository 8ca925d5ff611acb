package dev.persona.local.stepfunctions.asl.exec;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * Workflow variables of one scope: the execution's top level, a Parallel branch or a Map iteration. Lookups
 * fall back to the enclosing scopes; assignments always land in this scope, so nothing assigned in a branch
 * or iteration is visible after it.
 */
public final class VariableScope {

    private final VariableScope parent;
    private final Map<String, JsonNode> values = new ConcurrentHashMap<>();

    private VariableScope(VariableScope parent) {
        this.parent = parent;
    }

    public static VariableScope root() {
        return new VariableScope(null);
    }

    /** A scope that can read this one. */
    public VariableScope child() {
        return new VariableScope(this);
    }

    public Optional<JsonNode> lookup(String name) {
        for (VariableScope scope = this; scope != null; scope = scope.parent) {
            JsonNode value = scope.values.get(name);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The variables assigned in this scope itself, by name. */
    public ObjectNode own() {
        ObjectNode own = Json.object();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> own.set(entry.getKey(), entry.getValue()));
        return own;
    }

    /** Sets every member of {@code assignments} as a variable. */
    public void assign(ObjectNode assignments) {
        for (Iterator<Map.Entry<String, JsonNode>> it = assignments.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            values.put(entry.getKey(), entry.getValue());
        }
    }
}
