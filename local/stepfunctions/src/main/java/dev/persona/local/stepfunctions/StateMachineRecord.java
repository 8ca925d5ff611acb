package dev.persona.local.stepfunctions;

import java.time.Instant;

import dev.persona.local.stepfunctions.asl.definition.StateMachineDefinition;

/**
 * One revision of a state machine: its definition as given and as compiled, its role, and when it was created and
 * last updated. Executions keep the revision (or version) they started with.
 */
public record StateMachineRecord(String arn, String name, StateMachineType type, String definitionText,
                                 StateMachineDefinition definition, String roleArn, Instant creationDate,
                                 String revisionId, Instant updateDate) {
}
