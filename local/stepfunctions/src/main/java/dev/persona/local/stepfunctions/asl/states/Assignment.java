package dev.persona.local.stepfunctions.asl.states;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.EvaluationScope;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.PayloadTemplate;

/**
 * An {@code Assign} field: variable names and the values to give them, a payload template in JSONPath
 * states, a JSONata template in JSONata states. Evaluated against the values of the variables at state
 * entry; the executor applies all of them together when the state completes.
 */
public record Assignment(PayloadTemplate paths, JsonataTemplate expressions) {

    public static Assignment ofPaths(PayloadTemplate paths) {
        return new Assignment(paths, null);
    }

    public static Assignment ofExpressions(JsonataTemplate expressions) {
        return new Assignment(null, expressions);
    }

    /** Variable name to value. */
    public ObjectNode evaluate(EvaluationScope scope) {
        return (ObjectNode) (paths != null ? paths.evaluate(scope, scope.input()) : expressions.evaluate(scope));
    }
}
