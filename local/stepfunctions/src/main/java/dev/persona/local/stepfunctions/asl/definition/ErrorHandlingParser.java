package dev.persona.local.stepfunctions.asl.definition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.states.Catcher;
import dev.persona.local.stepfunctions.asl.states.Retrier;

/** Reads the Retry and Catch fields of Task, Parallel and Map states. */
final class ErrorHandlingParser {

    private static final long MAX_INTERVAL_SECONDS = 99_999_999L;
    private static final long MAX_DELAY_SECONDS = 31_622_400L;
    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Output",
            "Assign", "Comment");

    private final Expressions expressions;
    private final Problems problems;

    ErrorHandlingParser(Expressions expressions) {
        this.expressions = expressions;
        this.problems = expressions.problems();
    }

    List<Retrier> retriers(Fields fields) {
        ArrayNode retry = fields.array("Retry");
        List<Retrier> retriers = new ArrayList<>();
        if (retry == null) {
            return retriers;
        }
        for (int i = 0; i < retry.size(); i++) {
            String pointer = fields.pointer("Retry") + "/" + i;
            if (!retry.get(i).isObject()) {
                problems.schema("A retrier must be a JSON object", pointer);
                continue;
            }
            Fields retrier = new Fields((ObjectNode) retry.get(i), pointer, problems);
            retrier.allowOnly(RETRIER_FIELDS);
            retrier.string("Comment");
            List<String> errors = errorEquals(retrier, i == retry.size() - 1);
            Long interval = retrier.integer("IntervalSeconds", 1, MAX_INTERVAL_SECONDS);
            Long maxAttempts = retrier.integer("MaxAttempts", 0, Integer.MAX_VALUE);
            BigDecimal backoff = retrier.number("BackoffRate");
            if (backoff != null && backoff.compareTo(BigDecimal.ONE) < 0) {
                problems.schema("BackoffRate must be at least 1.0", retrier.pointer("BackoffRate"));
            }
            Long maxDelay = retrier.integer("MaxDelaySeconds", 1, MAX_DELAY_SECONDS);
            String jitter = retrier.string("JitterStrategy");
            Retrier.JitterStrategy strategy = Retrier.JitterStrategy.NONE;
            if (jitter != null) {
                try {
                    strategy = Retrier.JitterStrategy.valueOf(jitter);
                } catch (IllegalArgumentException e) {
                    problems.schema("JitterStrategy must be FULL or NONE", retrier.pointer("JitterStrategy"));
                }
            }
            retriers.add(new Retrier(errors,
                    interval == null ? Retrier.DEFAULT_INTERVAL_SECONDS : interval.intValue(),
                    maxAttempts == null ? Retrier.DEFAULT_MAX_ATTEMPTS : maxAttempts.intValue(),
                    backoff == null ? Retrier.DEFAULT_BACKOFF_RATE : backoff.doubleValue(),
                    maxDelay == null ? null : maxDelay.intValue(), strategy));
        }
        return retriers;
    }

    List<Catcher> catchers(Fields fields, QueryLanguage language) {
        ArrayNode catchNode = fields.array("Catch");
        List<Catcher> catchers = new ArrayList<>();
        if (catchNode == null) {
            return catchers;
        }
        for (int i = 0; i < catchNode.size(); i++) {
            String pointer = fields.pointer("Catch") + "/" + i;
            if (!catchNode.get(i).isObject()) {
                problems.schema("A catcher must be a JSON object", pointer);
                continue;
            }
            Fields catcher = new Fields((ObjectNode) catchNode.get(i), pointer, problems);
            Set<String> allowed = new HashSet<>(CATCHER_FIELDS);
            allowed.remove(language == QueryLanguage.JSONATA ? "ResultPath" : "Output");
            catcher.allowOnly(allowed);
            catcher.string("Comment");
            List<String> errors = errorEquals(catcher, i == catchNode.size() - 1);
            String next = catcher.requiredString("Next");
            JsonPath resultPath = language == QueryLanguage.JSONPATH ? expressions.resultPath(catcher, "ResultPath")
                    : null;
            JsonataTemplate output = language == QueryLanguage.JSONATA
                    ? expressions.optionalJsonata(catcher, "Output") : null;
            catchers.add(new Catcher(errors, next, resultPath, output,
                    expressions.assignment(catcher, "Assign", language)));
        }
        return catchers;
    }

    /** ErrorEquals: a non-empty list of names; States.ALL must be alone and in the last entry. */
    private List<String> errorEquals(Fields fields, boolean last) {
        ArrayNode names = fields.array("ErrorEquals");
        if (names == null) {
            if (!fields.has("ErrorEquals")) {
                problems.schema("These fields are required: [ErrorEquals]", fields.pointer);
            }
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode name : names) {
            if (name.isTextual()) {
                errors.add(name.textValue());
            } else {
                problems.schema("ErrorEquals must contain strings", fields.pointer("ErrorEquals"));
            }
        }
        if (errors.isEmpty()) {
            problems.schema("ErrorEquals must not be empty", fields.pointer("ErrorEquals"));
        }
        if (errors.contains(StatesError.ALL.errorName()) && (errors.size() > 1 || !last)) {
            problems.schema("States.ALL must appear alone in the last ErrorEquals", fields.pointer("ErrorEquals"));
        }
        return List.copyOf(errors);
    }
}
