package dev.persona.local.stepfunctions.asl.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where an execution's progress is written as it happens, so that it survives the process: every history event,
 * in order, and notes that are not events (the outcome of each child execution of a distributed Map).
 */
public interface ExecutionJournal {

    /** Keeps nothing: executions that live in memory. */
    ExecutionJournal NONE = new ExecutionJournal() {
        @Override
        public void event(HistoryEvent event) {
        }

        @Override
        public void note(ObjectNode note) {
        }
    };

    /** Called under the history's lock, in event order. */
    void event(HistoryEvent event);

    void note(ObjectNode note);

    /** Releases what the journal holds open; it reopens on the next write (after a redrive). */
    default void close() {
    }
}
