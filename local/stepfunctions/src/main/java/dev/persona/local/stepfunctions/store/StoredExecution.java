package dev.persona.local.stepfunctions.store;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;

/** An execution read back from a data directory: what it was started with, its events and its notes. */
public record StoredExecution(String machineName, String executionName, ObjectNode metadata,
                              List<HistoryEvent> events, List<ObjectNode> notes) {
}
