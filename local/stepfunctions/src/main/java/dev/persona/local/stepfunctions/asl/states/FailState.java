package dev.persona.local.stepfunctions.asl.states;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.EvaluationScope;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.DynamicValue;

/**
 * Fails its state machine with an error and a cause: literals (Error, Cause), paths or intrinsic calls
 * (ErrorPath, CausePath), or JSONata templates. Any of them may be absent.
 */
public final class FailState extends State {

    private final String error;
    private final String cause;
    private final DynamicValue errorPath;
    private final DynamicValue causePath;
    private final JsonataTemplate errorExpression;
    private final JsonataTemplate causeExpression;

    public FailState(Header header, String error, String cause, DynamicValue errorPath, DynamicValue causePath,
                     JsonataTemplate errorExpression, JsonataTemplate causeExpression) {
        super(header);
        this.error = error;
        this.cause = cause;
        this.errorPath = errorPath;
        this.causePath = causePath;
        this.errorExpression = errorExpression;
        this.causeExpression = causeExpression;
    }

    @Override
    public StateType type() {
        return StateType.FAIL;
    }

    /** The failure this state raises for {@code scope}'s input. */
    public StatesFailure failure(EvaluationScope scope) {
        return new StatesFailure(text(error, errorPath, errorExpression, scope),
                text(cause, causePath, causeExpression, scope));
    }

    private static String text(String literal, DynamicValue path, JsonataTemplate expression, EvaluationScope scope) {
        JsonNode value;
        if (path != null) {
            value = path.evaluate(scope, scope.input());
        } else if (expression != null) {
            value = expression.evaluate(scope);
        } else {
            return literal;
        }
        return value.isTextual() ? value.textValue() : Json.write(value);
    }
}
