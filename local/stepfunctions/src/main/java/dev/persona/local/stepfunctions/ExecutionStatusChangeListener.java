package dev.persona.local.stepfunctions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Receives the "Step Functions Execution Status Change" events of STANDARD executions, each as EventBridge carries
 * it to a rule's target ({@code source} {@code aws.states}, the execution's DescribeExecution fields in
 * {@code detail}; see {@link ExecutionStatusChangeEvents}). Called on the service's event thread, one event at a
 * time, in the order the statuses were recorded, each once the status is in the execution's history (and journal);
 * never on an execution's thread. A listener that throws is logged and changes nothing else. Each listener gets its
 * own copy of the event.
 */
@FunctionalInterface
public interface ExecutionStatusChangeListener {

    void statusChanged(ObjectNode event);
}
