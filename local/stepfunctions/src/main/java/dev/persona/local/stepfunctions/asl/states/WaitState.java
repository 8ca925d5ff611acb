package dev.persona.local.stepfunctions.asl.states;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.EvaluationScope;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.Timestamps;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.PathNotFoundException;

/**
 * Waits for a number of seconds or until a time: Seconds, SecondsPath, Timestamp or TimestampPath in JSONPath
 * states, Seconds or Timestamp (literal or JSONata) in JSONata states. Exactly one is set.
 */
public final class WaitState extends State {

    /** The longest wait AWS accepts, in seconds. */
    public static final long MAX_SECONDS = 99_999_999L;
    private static final String TOO_LONG = "Wait state delay is too long";

    private final Long seconds;
    private final JsonPath secondsPath;
    private final JsonataTemplate secondsExpression;
    private final Instant timestamp;
    private final JsonPath timestampPath;
    private final JsonataTemplate timestampExpression;

    public WaitState(Header header, Long seconds, JsonPath secondsPath, JsonataTemplate secondsExpression,
                     Instant timestamp, JsonPath timestampPath, JsonataTemplate timestampExpression) {
        super(header);
        this.seconds = seconds;
        this.secondsPath = secondsPath;
        this.secondsExpression = secondsExpression;
        this.timestamp = timestamp;
        this.timestampPath = timestampPath;
        this.timestampExpression = timestampExpression;
    }

    @Override
    public StateType type() {
        return StateType.WAIT;
    }

    /** When the wait entered at {@code entered} ends. */
    public Instant wakeTime(Instant entered, EvaluationScope scope) {
        Instant wake = unboundedWakeTime(entered, scope);
        if (wake.isAfter(entered.plusSeconds(MAX_SECONDS))) {
            throw StatesFailure.inState(StatesError.RUNTIME, TOO_LONG);
        }
        return wake;
    }

    private Instant unboundedWakeTime(Instant entered, EvaluationScope scope) {
        if (seconds != null) {
            return entered.plusSeconds(seconds);
        }
        if (secondsPath != null) {
            return entered.plusSeconds(secondsFromPath(scope));
        }
        if (secondsExpression != null) {
            return entered.plusSeconds(secondsFromExpression(scope));
        }
        if (timestamp != null) {
            return timestamp;
        }
        if (timestampPath != null) {
            JsonNode value = read(timestampPath, scope);
            return (value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.<Instant>empty())
                    .orElseThrow(() -> StatesFailure.inState(StatesError.RUNTIME, "The TimestampPath parameter does "
                            + "not reference a valid ISO-8601 extended offset date-time format string: "
                            + timestampPath.text() + " == " + shown(value)));
        }
        JsonNode value = timestampExpression.evaluate(scope);
        return (value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.<Instant>empty())
                .orElseThrow(() -> StatesFailure.inState(StatesError.QUERY_EVALUATION_ERROR, "The Timestamp field "
                        + "cannot be parsed as an ISO-8601 extended offset date-time format string: " + shown(value)));
    }

    private long secondsFromPath(EvaluationScope scope) {
        JsonNode value = read(secondsPath, scope);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw StatesFailure.inState(StatesError.RUNTIME, "The SecondsPath parameter cannot be parsed as a long "
                    + "value: " + secondsPath.text() + " == " + shown(value));
        }
        long wait = value.longValue();
        if (wait < 0) {
            throw StatesFailure.inState(StatesError.RUNTIME, "The SecondsPath parameter references a negative "
                    + "value: " + secondsPath.text() + " == " + shown(value));
        }
        if (wait > MAX_SECONDS) {
            throw StatesFailure.inState(StatesError.RUNTIME, TOO_LONG);
        }
        return wait;
    }

    private long secondsFromExpression(EvaluationScope scope) {
        JsonNode value = secondsExpression.evaluate(scope);
        if (!value.isIntegralNumber() || value.longValue() < 0 || value.longValue() > MAX_SECONDS) {
            throw StatesFailure.inState(StatesError.QUERY_EVALUATION_ERROR, "The Seconds field must be an integer "
                    + "between 0 and " + MAX_SECONDS + " but was: " + shown(value));
        }
        return value.longValue();
    }

    private static JsonNode read(JsonPath path, EvaluationScope scope) {
        try {
            return scope.read(path);
        } catch (PathNotFoundException e) {
            throw StatesFailure.inState(StatesError.RUNTIME, "Invalid path '" + path.text() + "' : " + e.getMessage());
        }
    }

    private static String shown(JsonNode value) {
        return value.isTextual() ? value.textValue() : Json.write(value);
    }
}
