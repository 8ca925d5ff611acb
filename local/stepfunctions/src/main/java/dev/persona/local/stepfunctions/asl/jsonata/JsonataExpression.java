package dev.persona.local.stepfunctions.asl.jsonata;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;

/**
 * One {@code {% ... %}} expression, compiled once. Evaluation binds {@code $states} and the workflow variables
 * the expression names; failures are AWS's States.QueryEvaluationError with its wording.
 */
public final class JsonataExpression {

    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final String STATES = "states";

    private final String source;
    private final Jsonata compiled;
    private final Set<String> variables;
    private final boolean readsContext;

    private JsonataExpression(String source, Jsonata compiled, Set<String> variables) {
        this.source = source;
        this.compiled = compiled;
        this.variables = variables;
        this.readsContext = source.contains("context");
    }

    /** Compiles the text between {@code {%} and {@code %}}; throws {@link IllegalArgumentException} if invalid. */
    public static JsonataExpression compile(String source) {
        String trimmed = source.trim();
        try {
            Jsonata compiled = Jsonata.jsonata(trimmed);
            compiled.setOutputConvertNulls(false);
            compiled.setValidateInput(false);
            AwsJsonataFunctions.registerOn(compiled);
            Set<String> variables = new LinkedHashSet<>();
            Matcher matcher = VARIABLE.matcher(trimmed);
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
            return new JsonataExpression(trimmed, compiled, variables);
        } catch (JException e) {
            throw new IllegalArgumentException("Invalid JSONata expression '" + trimmed + "': " + e.getError() + ": "
                    + e.getMessage(), e);
        }
    }

    public String source() {
        return source;
    }

    /** Evaluates to JSON; an undefined or non-JSON result fails as AWS reports it for {@code field}. */
    public JsonNode evaluate(JsonataBindings bindings, String field) {
        Object result = evaluateToValue(bindings, field);
        if (result == null) {
            throw failure(field, "returned nothing (undefined).");
        }
        if (result == JsonataValues.UNSUPPORTED) {
            throw failure(field, "returned an unsupported result type.");
        }
        return (JsonNode) result;
    }

    /** The failure for a result of the wrong type, e.g. Items that is not an array. */
    public StatesFailure unexpectedType(String field, String expectedType, JsonNode value) {
        return failure(field, "returned an unexpected result type. Expected '" + expectedType + "', but was '"
                + Json.typeName(value) + "' for value: " + Json.write(value));
    }

    private Object evaluateToValue(JsonataBindings bindings, String field) {
        Jsonata.Frame frame = compiled.createFrame();
        for (String name : variables) {
            if (name.equals(STATES)) {
                frame.bind(STATES, states(bindings));
            } else {
                bindings.variable(name).ifPresent(value -> frame.bind(name, JsonataValues.toJsonata(value)));
            }
        }
        try {
            return JsonataValues.fromJsonata(compiled.evaluate(null, frame));
        } catch (JException e) {
            throw failure(field, "threw an error during evaluation. " + e.getError() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw failure(field, "threw an error during evaluation. " + e.getMessage());
        }
    }

    private Map<String, Object> states(JsonataBindings bindings) {
        Map<String, Object> states = new LinkedHashMap<>();
        states.put("input", JsonataValues.toJsonata(bindings.input()));
        if (bindings.result() != null) {
            states.put("result", JsonataValues.toJsonata(bindings.result()));
        }
        if (bindings.errorOutput() != null) {
            states.put("errorOutput", JsonataValues.toJsonata(bindings.errorOutput()));
        }
        if (readsContext) {
            states.put("context", JsonataValues.toJsonata(bindings.context()));
        }
        return states;
    }

    private StatesFailure failure(String field, String detail) {
        return StatesFailure.inState(StatesError.QUERY_EVALUATION_ERROR, "The JSONata expression '" + source
                + "' specified for the field '" + field + "' " + detail);
    }
}
