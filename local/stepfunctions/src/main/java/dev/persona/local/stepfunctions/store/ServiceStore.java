package dev.persona.local.stepfunctions.store;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.exec.ExecutionJournal;

/**
 * Where the service keeps what must outlive the process: state machines (with versions, aliases and tags) and
 * STANDARD executions (what each was started with, its history as it is recorded, its Map Runs).
 */
public interface ServiceStore {

    /** Keeps nothing: everything lives in memory. */
    ServiceStore MEMORY = new ServiceStore() {
        @Override
        public List<ObjectNode> stateMachines() {
            return List.of();
        }

        @Override
        public void saveStateMachine(String name, ObjectNode document) {
        }

        @Override
        public void deleteStateMachine(String name) {
        }

        @Override
        public List<StoredExecution> executions() {
            return List.of();
        }

        @Override
        public void saveExecution(String machineName, String executionName, ObjectNode metadata) {
        }

        @Override
        public ExecutionJournal journal(String machineName, String executionName) {
            return ExecutionJournal.NONE;
        }
    };

    List<ObjectNode> stateMachines();

    /** Replaces the stored document of state machine {@code name}. */
    void saveStateMachine(String name, ObjectNode document);

    void deleteStateMachine(String name);

    /** Every stored execution; a record cut off by a crash at the end of a journal is dropped. */
    List<StoredExecution> executions();

    /** Writes (or replaces) what execution {@code executionName} of {@code machineName} was started with. */
    void saveExecution(String machineName, String executionName, ObjectNode metadata);

    /** The journal new events and notes of the execution are appended to. */
    ExecutionJournal journal(String machineName, String executionName);
}
