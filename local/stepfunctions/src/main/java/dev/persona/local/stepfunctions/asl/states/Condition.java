package dev.persona.local.stepfunctions.asl.states;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.EvaluationScope;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataExpression;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.PathNotFoundException;

/** The test of a Choice rule: a comparison, a boolean combination, or a JSONata Condition. */
public sealed interface Condition {

    boolean test(EvaluationScope scope);

    record And(List<Condition> operands) implements Condition {
        @Override
        public boolean test(EvaluationScope scope) {
            for (Condition operand : operands) {
                if (!operand.test(scope)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Condition> operands) implements Condition {
        @Override
        public boolean test(EvaluationScope scope) {
            for (Condition operand : operands) {
                if (operand.test(scope)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition operand) implements Condition {
        @Override
        public boolean test(EvaluationScope scope) {
            return !operand.test(scope);
        }
    }

    /** {@code Variable} compared with a literal {@code expected} or the value at {@code expectedPath}. */
    record Comparison(JsonPath variable, ComparisonOperator operator, JsonNode expected, JsonPath expectedPath)
            implements Condition {
        @Override
        public boolean test(EvaluationScope scope) {
            JsonNode value = read(variable, scope, operator == ComparisonOperator.IS_PRESENT);
            JsonNode against = expectedPath == null ? expected : read(expectedPath, scope, false);
            return operator.test(value, against);
        }

        private static JsonNode read(JsonPath path, EvaluationScope scope, boolean absenceAllowed) {
            try {
                return scope.read(path);
            } catch (PathNotFoundException e) {
                if (absenceAllowed) {
                    return null;
                }
                throw StatesFailure.inState(StatesError.RUNTIME, "Invalid path '" + path.text()
                        + "': The choice state's condition path references an invalid value.");
            }
        }
    }

    /** A JSONata {@code Condition}: an expression or a literal that must be a boolean. */
    record Jsonata(JsonataTemplate condition) implements Condition {
        @Override
        public boolean test(EvaluationScope scope) {
            JsonNode value = condition.evaluate(scope);
            if (!value.isBoolean()) {
                JsonataExpression expression = condition.expression();
                throw expression != null ? expression.unexpectedType("Condition", "boolean", value)
                        : StatesFailure.inState(StatesError.QUERY_EVALUATION_ERROR,
                                "The Condition field must be a boolean but was " + Json.write(value));
            }
            return value.booleanValue();
        }
    }
}
