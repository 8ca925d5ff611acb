package dev.persona.local.stepfunctions.asl.definition;

import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem.Code;
import dev.persona.local.stepfunctions.asl.states.NumericSetting;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.TaskState;

/** Task states: Resource (checked against what can run it), timeouts, Retry and Catch. */
final class TaskParser {

    static final long MAX_TIMEOUT_SECONDS = 99_999_999L;

    private final Expressions expressions;
    private final ErrorHandlingParser errorHandling;
    private final DefinitionParser.ResourceCheck resourceCheck;
    private final boolean express;

    TaskParser(Expressions expressions, ErrorHandlingParser errorHandling, DefinitionParser.ResourceCheck resourceCheck,
               boolean express) {
        this.expressions = expressions;
        this.errorHandling = errorHandling;
        this.resourceCheck = resourceCheck;
        this.express = express;
    }

    TaskState parse(Fields fields, State.Header header, QueryLanguage language) {
        Problems problems = expressions.problems();
        String resource = fields.requiredString("Resource");
        if (resource != null) {
            resourceCheck.problem(resource).ifPresent(message ->
                    problems.add(Code.INVALID_RESOURCE, message, fields.pointer("Resource")));
            // Express workflows support neither .sync nor .waitForTaskToken integrations (AWS's documented rule).
            if (express && (resource.endsWith(".sync") || resource.endsWith(".sync:2")
                    || resource.endsWith(".waitForTaskToken"))) {
                problems.schema("Express state machine does not support '"
                        + resource.substring(resource.lastIndexOf('.')) + "' service integration",
                        fields.pointer("Resource"));
            }
        }
        NumericSetting timeout = expressions.numeric(fields, "TimeoutSeconds", language, 1, MAX_TIMEOUT_SECONDS);
        NumericSetting heartbeat = expressions.numeric(fields, "HeartbeatSeconds", language, 1, MAX_TIMEOUT_SECONDS);
        if (timeout.literal() != null && heartbeat.literal() != null
                && heartbeat.literal().compareTo(timeout.literal()) >= 0) {
            problems.schema("HeartbeatSeconds must be smaller than TimeoutSeconds", fields.pointer("HeartbeatSeconds"));
        }
        return new TaskState(header, resource, timeout, heartbeat, errorHandling.retriers(fields),
                errorHandling.catchers(fields, language));
    }
}
