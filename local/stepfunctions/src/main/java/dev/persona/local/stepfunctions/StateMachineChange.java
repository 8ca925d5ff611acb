package dev.persona.local.stepfunctions;

/** What CreateStateMachine or UpdateStateMachine made: the revision, and the version it published (or null). */
public record StateMachineChange(StateMachineRecord revision, StateMachineVersion version) {
}
