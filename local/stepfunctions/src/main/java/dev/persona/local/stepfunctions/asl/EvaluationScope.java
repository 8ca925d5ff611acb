package dev.persona.local.stepfunctions.asl;

import dev.persona.local.stepfunctions.asl.jsonata.JsonataBindings;
import dev.persona.local.stepfunctions.asl.paths.PathReader;

/**
 * Everything an expression of a state can read: for JSONPath the paths rooted at {@code $} (this scope's
 * input), {@code $$} and {@code $variable}; for JSONata {@code $states} and the variables.
 */
public interface EvaluationScope extends PathReader, JsonataBindings {
}
