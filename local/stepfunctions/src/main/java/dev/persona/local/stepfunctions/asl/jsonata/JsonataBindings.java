package dev.persona.local.stepfunctions.asl.jsonata;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** What a JSONata expression of a state can see: {@code $states} and the workflow variables. */
public interface JsonataBindings {

    /** {@code $states.input}: the state's raw input. */
    JsonNode input();

    /** {@code $states.result}, or null where the state has no result (yet). */
    JsonNode result();

    /** {@code $states.errorOutput}, only inside a Catch; otherwise null. */
    JsonNode errorOutput();

    /** {@code $states.context}: the context object. */
    JsonNode context();

    /** The value of workflow variable {@code name}, empty when it is not assigned in any visible scope. */
    Optional<JsonNode> variable(String name);
}
