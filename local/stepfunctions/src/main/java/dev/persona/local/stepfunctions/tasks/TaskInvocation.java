package dev.persona.local.stepfunctions.tasks;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.time.TimeSource;

/**
 * One call of a task resource: the effective parameters, the task token for {@code .waitForTaskToken}
 * resources (else null), the task's deadline (null: none), the execution's time source, and the state machine's
 * role, as which the call is made.
 */
public record TaskInvocation(ResourceArn resource, JsonNode parameters, String taskToken, Instant deadline,
                             TimeSource time, String executionArn, String stateName, String roleArn) {
}
