package dev.persona.local.stepfunctions.asl.definition;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.Timestamps;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.WaitState;

/** Wait states: exactly one of Seconds, SecondsPath, Timestamp and TimestampPath. */
final class WaitParser {

    private static final Set<String> WAIT_FIELDS = Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath");

    private final Expressions expressions;

    WaitParser(Expressions expressions) {
        this.expressions = expressions;
    }

    WaitState parse(Fields fields, State.Header header, QueryLanguage language) {
        List<String> given = fields.names().stream().filter(WAIT_FIELDS::contains).toList();
        if (given.size() != 1) {
            expressions.problems().schema("A Wait state needs exactly one of Seconds, SecondsPath, Timestamp and "
                    + "TimestampPath", fields.pointer);
            return new WaitState(header, 0L, null, null, null, null, null);
        }
        JsonNode value = fields.get(given.getFirst());
        boolean expression = language == QueryLanguage.JSONATA && JsonataTemplate.isExpression(value);
        return switch (given.getFirst()) {
            case "Seconds" -> expression
                    ? new WaitState(header, null, null, expressions.jsonata(fields, "Seconds"), null, null, null)
                    : new WaitState(header, fields.integer("Seconds", 0, WaitState.MAX_SECONDS), null, null, null,
                    null, null);
            case "SecondsPath" -> new WaitState(header, null, expressions.path(fields, "SecondsPath"), null, null,
                    null, null);
            case "Timestamp" -> expression
                    ? new WaitState(header, null, null, null, null, null, expressions.jsonata(fields, "Timestamp"))
                    : new WaitState(header, null, null, null, timestamp(fields), null, null);
            default -> new WaitState(header, null, null, null, null, expressions.path(fields, "TimestampPath"), null);
        };
    }

    private Instant timestamp(Fields fields) {
        String text = fields.string("Timestamp");
        if (text == null) {
            return null;
        }
        return Timestamps.parse(text).orElseGet(() -> {
            expressions.problems().schema("Timestamp must be an ISO-8601 extended offset date-time: " + text,
                    fields.pointer("Timestamp"));
            return null;
        });
    }
}
