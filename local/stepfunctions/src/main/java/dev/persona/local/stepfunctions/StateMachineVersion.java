package dev.persona.local.stepfunctions;

import java.time.Instant;

/** A published version: an immutable snapshot of one revision, numbered from 1, with its ARN {@code <machine>:<n>}. */
public record StateMachineVersion(String arn, long number, StateMachineRecord revision, String description,
                                  Instant creationDate) {
}
