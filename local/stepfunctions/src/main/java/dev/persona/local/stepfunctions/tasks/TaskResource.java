package dev.persona.local.stepfunctions.tasks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A local implementation of a Task resource. It runs on a thread of its own and may block; it is interrupted
 * when the task times out or the execution stops.
 */
public interface TaskResource {

    /**
     * Performs the call and returns the task's result, or throws a
     * {@link dev.persona.local.stepfunctions.asl.StatesFailure} named as AWS names the error.
     */
    JsonNode invoke(TaskInvocation invocation) throws InterruptedException;
}
