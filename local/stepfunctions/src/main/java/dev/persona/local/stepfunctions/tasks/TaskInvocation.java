package dev.persona.local.stepfunctions.tasks;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.exec.TimeSource;

/**
 * One call of a task resource: the effective parameters, the task token for {@code .waitForTaskToken}
 * resources (else null), the task's deadline (null: none) and the execution's time source.
 */
public record TaskInvocation(ResourceArn resource, JsonNode parameters, String taskToken, Instant deadline,
                             TimeSource time, String executionArn, String stateName) {
}
