package dev.persona.local.stepfunctions;

import java.time.Instant;

import dev.persona.local.stepfunctions.asl.definition.StateMachineDefinition;

/** A created state machine: its definition as given and as compiled. */
public record StateMachineRecord(String arn, String name, StateMachineType type, String definitionText,
                                 StateMachineDefinition definition, String roleArn, Instant creationDate,
                                 String revisionId) {
}
