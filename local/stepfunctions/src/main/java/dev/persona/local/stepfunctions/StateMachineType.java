package dev.persona.local.stepfunctions;

/** STANDARD state machines keep their executions and histories; EXPRESS ones run synchronously or fire-and-forget. */
public enum StateMachineType {
    STANDARD, EXPRESS
}
