package dev.persona.local.stepfunctions;

/** Told when an execution starts and when it ends; called on the thread that changed the status. */
@FunctionalInterface
public interface ExecutionListener {

    void statusChanged(Execution execution);
}
