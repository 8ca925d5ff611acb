package dev.persona.local.stepfunctions.asl.states;

import java.math.BigDecimal;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.EvaluationScope;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataExpression;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.PathNotFoundException;

/**
 * A number a state reads from a literal ({@code MaxConcurrency: 5}), a path ({@code MaxConcurrencyPath}) or
 * a JSONata expression. {@code field} is the literal field's name; the path field is {@code field + "Path"}.
 * At most one of the three is set; none means the setting is absent.
 */
public record NumericSetting(String field, BigDecimal literal, JsonPath path, JsonataTemplate expression) {

    public static NumericSetting absent(String field) {
        return new NumericSetting(field, null, null, null);
    }

    public boolean isPresent() {
        return literal != null || path != null || expression != null;
    }

    /** The value as an integer; paths may also name a string holding an integer. */
    public Optional<Long> integer(EvaluationScope scope) {
        return value(scope, "integer").map(value -> {
            if (value.scale() > 0 && value.stripTrailingZeros().scale() > 0) {
                throw invalid(Json.NODES.numberNode(value), "integer");
            }
            return value.longValueExact();
        });
    }

    /** The value as a decimal number. */
    public Optional<BigDecimal> decimal(EvaluationScope scope) {
        return value(scope, "float");
    }

    private Optional<BigDecimal> value(EvaluationScope scope, String kind) {
        if (literal != null) {
            return Optional.of(literal);
        }
        if (path != null) {
            JsonNode value;
            try {
                value = scope.read(path);
            } catch (PathNotFoundException e) {
                throw StatesFailure.inState(StatesError.RUNTIME, "Invalid path '" + path.text() + "' : "
                        + e.getMessage());
            }
            return Optional.of(number(value).orElseThrow(() -> invalid(value, kind)));
        }
        if (expression != null) {
            JsonNode value = expression.evaluate(scope);
            if (!value.isNumber()) {
                JsonataExpression source = expression.expression();
                throw source != null ? source.unexpectedType(field, "number", value)
                        : StatesFailure.inState(StatesError.QUERY_EVALUATION_ERROR,
                                "The field '" + field + "' must be a number but was " + Json.write(value));
            }
            return Optional.of(value.decimalValue());
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> number(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(new BigDecimal(value.textValue().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private StatesFailure invalid(JsonNode value, String kind) {
        String shown = value.isTextual() ? value.textValue() : Json.write(value);
        if (path == null) {
            return StatesFailure.inState(StatesError.QUERY_EVALUATION_ERROR, "The field '" + field
                    + "' must be a valid " + kind + " but was " + shown);
        }
        return StatesFailure.inState(StatesError.RUNTIME, "The " + field + "Path field refers to value \"" + shown
                + "\" which is not a valid " + kind + ": " + path.text());
    }
}
